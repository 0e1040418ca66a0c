package io.wsroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsroute.cli.SourcePositions.Position;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one document's JSON tree from a parser's events, within {@link Limits}. Aliases are expanded as kubectl
 * expands them, but by sharing the anchored subtree instead of copying it; their full size still counts, because
 * fabric8's deserializer and the rules walk the expanded tree. So an alias bomb is refused here, in time and
 * memory proportional to its text. Callers report problems with the position of the event at hand.
 */
final class DocumentBuilder {

    /** A problem with the document at the current event. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private record Anchored(JsonNode node, long values, int height) {}

    /** A document read: its tree (null when empty) and where its fields are in the source. */
    record Document(JsonNode root, SourcePositions positions) {}

    private static final class Frame {
        final ContainerNode<?> node;
        final String anchor;
        final long valuesBefore;
        /** Its entry in {@link SourcePositions}, or NOT_RECORDED. */
        final int entry;
        /** 1 + the height of the tallest child; an empty collection has height 1, a scalar 0. */
        int height = 1;
        /** Mapping: the key whose value comes next, or null when a key comes next. */
        String key;
        /** Mapping: the entry of {@link #key}. */
        int keyEntry = SourcePositions.NOT_RECORDED;

        boolean mergeKey;
        final List<JsonNode> merges = new ArrayList<>();

        Frame(ContainerNode<?> node, String anchor, long valuesBefore, int entry) {
            this.node = node;
            this.anchor = anchor;
            this.valuesBefore = valuesBefore;
            this.entry = entry;
        }
    }

    private final Limits limits;
    private final Deque<Frame> open = new ArrayDeque<>();
    private final Map<String, Anchored> anchors = new HashMap<>();
    private final SourcePositions positions = SourcePositions.recording();
    private long values;
    private int aliases;
    private JsonNode root;

    DocumentBuilder(Limits limits) {
        this.limits = limits;
    }

    /** True when the next scalar or alias is a mapping key rather than a value. */
    boolean expectsKey() {
        Frame top = open.peek();
        return top != null && top.node.isObject() && top.key == null;
    }

    /**
     * @param merge the key is YAML's merge key {@code <<}
     * @param at where the key starts in the source
     */
    void key(String key, boolean merge, Position at) throws Refused {
        Frame top = open.peek();
        if (!merge && ((ObjectNode) top.node).has(key)) {
            throw new Refused("duplicate key \"%s\"".formatted(key));
        }
        top.key = key;
        top.mergeKey = merge;
        top.keyEntry = merge ? SourcePositions.NOT_RECORDED : positions.record(top.entry, key, open.size(), at);
    }

    /** A key given as an alias ({@code *name: value}); it must name a scalar. */
    void aliasKey(String anchor, Position at) throws Refused {
        Anchored anchored = anchored(anchor);
        if (anchored.node.isContainerNode()) {
            throw new Refused("alias *%s used as a mapping key names a collection".formatted(anchor));
        }
        key(anchored.node.asText(), false, at);
    }

    void startMapping(String anchor, Position at) throws Refused {
        start(JsonNodeFactory.instance.objectNode(), anchor, at);
    }

    void startSequence(String anchor, Position at) throws Refused {
        start(JsonNodeFactory.instance.arrayNode(), anchor, at);
    }

    private void start(ContainerNode<?> node, String anchor, Position at) throws Refused {
        if (expectsKey()) {
            throw new Refused("a collection as a mapping key is not supported");
        }
        count(1);
        if (open.size() + 1 > limits.maxNesting()) {
            throw new Refused("nested deeper than %d levels".formatted(limits.maxNesting()));
        }
        int entry = valueEntry(at);
        open.push(new Frame(node, anchor, values - 1, entry));
    }

    /**
     * The entry of the value about to be added, recording where it starts when it is the root or a list item (a
     * mapping value's position is its key's, recorded by {@link #key}).
     */
    private int valueEntry(Position at) {
        Frame parent = open.peek();
        if (parent == null) {
            return positions.recordRoot(at);
        }
        if (parent.node.isArray()) {
            return positions.record(parent.entry, null, open.size(), at);
        }
        return parent.mergeKey ? SourcePositions.NOT_RECORDED : parent.keyEntry;
    }

    /** {@link #valueEntry} for a scalar or alias: only the root and list items record anything. */
    private void recordItem(Position at) {
        Frame parent = open.peek();
        if (parent == null || parent.node.isArray()) {
            valueEntry(at);
        }
    }

    void end() throws Refused {
        Frame frame = open.pop();
        if (frame.node instanceof ObjectNode object) {
            merge(object, frame.merges);
        }
        if (frame.anchor != null) {
            anchors.put(frame.anchor, new Anchored(frame.node, values - frame.valuesBefore, frame.height));
        }
        add(frame.node, frame.height);
    }

    void scalar(JsonNode value, String anchor, Position at) throws Refused {
        recordItem(at);
        count(1);
        if (anchor != null) {
            anchors.put(anchor, new Anchored(value, 1, 0));
        }
        add(value, 0);
    }

    void alias(String anchor, Position at) throws Refused {
        recordItem(at);
        Anchored anchored = anchored(anchor);
        if (anchored.node.isContainerNode() && ++aliases > limits.maxAliases()) {
            throw new Refused("more than %d aliases to collections".formatted(limits.maxAliases()));
        }
        if (open.size() + anchored.height > limits.maxNesting()) {
            throw new Refused("alias *%s nests deeper than %d levels".formatted(anchor, limits.maxNesting()));
        }
        count(anchored.values);
        add(anchored.node, anchored.height);
    }

    /** The document's root (null for an empty document) and its positions. */
    Document result() {
        return new Document(root, positions.done());
    }

    private Anchored anchored(String anchor) throws Refused {
        for (Frame frame : open) {
            if (anchor.equals(frame.anchor)) {
                throw new Refused("alias *%s refers to a collection that contains it".formatted(anchor));
            }
        }
        Anchored anchored = anchors.get(anchor);
        if (anchored == null) {
            throw new Refused("alias *%s has no anchor &%s before it".formatted(anchor, anchor));
        }
        return anchored;
    }

    private void count(long more) throws Refused {
        values += more;
        if (values > limits.maxValues()) {
            throw new Refused("more than %d values after expanding aliases".formatted(limits.maxValues()));
        }
    }

    private void add(JsonNode value, int height) throws Refused {
        Frame parent = open.peek();
        if (parent == null) {
            root = value;
            return;
        }
        parent.height = Math.max(parent.height, height + 1);
        if (parent.node instanceof ArrayNode array) {
            array.add(value);
        } else if (parent.mergeKey) {
            parent.merges.add(value);
            parent.key = null;
        } else {
            ((ObjectNode) parent.node).set(parent.key, value);
            parent.key = null;
        }
    }

    /** YAML merge keys: explicit keys win, then the merged mappings in the order given. */
    private static void merge(ObjectNode object, List<JsonNode> merges) throws Refused {
        for (JsonNode merged : merges) {
            List<JsonNode> sources = new ArrayList<>();
            if (merged.isArray()) {
                merged.forEach(sources::add);
            } else {
                sources.add(merged);
            }
            for (JsonNode source : sources) {
                if (!source.isObject()) {
                    throw new Refused("the merge key << needs a mapping or a list of mappings");
                }
                source.properties().forEach(e -> {
                    if (!object.has(e.getKey())) {
                        object.set(e.getKey(), e.getValue());
                    }
                });
            }
        }
    }
}
