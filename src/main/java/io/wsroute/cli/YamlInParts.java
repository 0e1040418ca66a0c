package io.wsroute.cli;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a large multi-document YAML text in parts ({@link DocumentChunks}) on several threads, with the result of
 * reading it in one piece: the same documents in the same order, the same positions. A part that cannot be read
 * on its own, for whatever reason, sends the whole text to one reader, which then gives exactly the answer (or the
 * error) that one reader gives.
 *
 * @param parts how many parts (and threads) at most; 1 reads in one piece
 * @param minChars texts shorter than this are read in one piece, where threads would cost more than they save
 */
record YamlInParts(Limits limits, int parts, int minChars) {

    /** Below this, a manifest reads in a few tens of milliseconds. */
    static final int MIN_CHARS = 256 * 1024;

    /** One part per thread ({@link InOrder#threads}), as lint's other work waits for the reading. */
    static YamlInParts forThisMachine(Limits limits) {
        return new YamlInParts(limits, InOrder.threads(), MIN_CHARS);
    }

    /** Documents in order; an empty document is null. */
    List<DocumentBuilder.Document> read(String text) throws UnreadableInput {
        List<DocumentChunks.Chunk> chunks =
                parts > 1 && text.length() >= minChars ? DocumentChunks.split(text, parts) : List.of();
        if (chunks.size() < 2) {
            return new YamlDocuments(limits).read(new StringReader(text));
        }
        try {
            List<DocumentBuilder.Document> documents = new ArrayList<>();
            InOrder.map(chunks, this::read, chunks.size(), 2, (a, b) -> true).forEach(documents::addAll);
            return documents;
        } catch (UnreadableInput | RuntimeException e) {
            // e.g. a quoted scalar or a flow collection across a cut, or an error one reader must name first
            return new YamlDocuments(limits).read(new StringReader(text));
        }
    }

    private List<DocumentBuilder.Document> read(DocumentChunks.Chunk chunk) throws UnreadableInput {
        return new YamlDocuments(limits).read(new StringReader(chunk.text()), chunk.firstLine());
    }
}
