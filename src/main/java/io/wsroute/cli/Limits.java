package io.wsroute.cli;

/**
 * What one manifest document may cost to read. Lint runs in CI on files it did not write, so input must not be able
 * to exhaust memory or time (billion laughs, huge or deeply nested documents). Each refusal exits 2 with its reason.
 *
 * @param maxCodePoints characters per document. 8 Mi: the API server refuses requests over 3 MiB and etcd objects
 *        over 1.5 MiB, so no object that could be applied comes near, and a {@code List} dump of a few thousand
 *        objects still fits; a few seconds of parsing, a few hundred MB of heap at most.
 * @param maxWord characters in a row without a space or line break. 2 Mi: a Secret value near etcd's limit,
 *        base64-encoded on one line, fits. SnakeYAML copies its buffer for every 1 Ki characters of an unbroken run,
 *        so reading one takes time quadratic in its length: 3 to 8 s at this limit on two cores, 20 s at 6 Mi.
 * @param maxNesting levels of nesting, counted after alias expansion. 100: ordinary objects nest about 10 deep and
 *        CRD schemas a few times that; everything after parsing recurses once per level.
 * @param maxAliases aliases to collections, SnakeYAML's own billion-laughs guard. Hand-written manifests use a few.
 * @param maxValues scalars and collections per document after alias expansion. 1 Mi: about twice what 8 Mi of
 *        block-style manifests hold, far below what an alias bomb expands to. Aliases are counted at full size because
 *        fabric8's deserializer and the rules walk the expanded tree.
 */
record Limits(int maxCodePoints, int maxWord, int maxNesting, int maxAliases, long maxValues) {

    static final Limits DEFAULT = new Limits(8 * 1024 * 1024, 2 * 1024 * 1024, 100, 50, 1024 * 1024);
}
