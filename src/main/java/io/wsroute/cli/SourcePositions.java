package io.wsroute.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the fields of one document sit in its source, so a finding can point at the line and column of the
 * annotation or field it is about (SARIF, GitHub annotations). Recorded while the document is read, from the
 * parser's marks: the position of each mapping key and of each list item, down to {@link #MAX_DEPTH} levels.
 * Positions inside an alias's expansion are those of the alias.
 *
 * <p>The recorded fields form a tree kept in three arrays (an entry's parent, its key, its position), not a map of
 * path strings: a large manifest has a recorded field for nearly every value, and all of them stay in memory until
 * the findings are written.
 */
final class SourcePositions {

    /** 1-based line and column. */
    record Position(int line, int column) {}

    /** Deep enough for {@code items[0].spec.rules[0].http.paths[0].backend.service.port.name}. */
    static final int MAX_DEPTH = 12;

    /** The entry of a field that is not recorded: below {@link #MAX_DEPTH}, or under one that is not. */
    static final int NOT_RECORDED = -1;

    static final SourcePositions NONE = new SourcePositions(new Entries(), NOT_RECORDED);

    private final Entries entries;
    /** The entry the paths given to {@link #locate} start from. */
    private final int start;

    private SourcePositions(Entries entries, int start) {
        this.entries = entries;
        this.start = start;
    }

    static SourcePositions recording() {
        return new SourcePositions(new Entries(), 0);
    }

    static String index(int i) {
        return "[" + i + "]";
    }

    /** Records where the document's root value starts; returns its entry. */
    int recordRoot(Position at) {
        return entries.size == 0 ? entries.add(NOT_RECORDED, null, at) : 0;
    }

    /**
     * Records a mapping key, or a list item ({@code key} null), under the entry of its collection.
     *
     * @param depth how many collections enclose it
     * @return its entry, or {@link #NOT_RECORDED} below {@link #MAX_DEPTH} or under a field that is not recorded
     */
    int record(int parent, String key, int depth, Position at) {
        if (parent == NOT_RECORDED || depth > MAX_DEPTH) {
            return NOT_RECORDED;
        }
        return entries.add(parent, key, at);
    }

    /** Keeps what was recorded in arrays of its own size (the document is complete). */
    SourcePositions done() {
        entries.trim();
        return this;
    }

    /** The positions of a part of this document, e.g. item 3 of a List kind's {@code items}. */
    SourcePositions within(String... segments) {
        int entry = start;
        for (String segment : segments) {
            entry = entry == NOT_RECORDED ? NOT_RECORDED : entries.child(entry, segment);
        }
        return new SourcePositions(entries, entry);
    }

    /**
     * The position of a finding's field ({@code metadata.annotations["nginx.org/x"]},
     * {@code spec.rules[0].http.paths[1].backend.service}), or of the nearest enclosing field the source has: a
     * missing annotation points at {@code annotations:}, a field outside the object (a ConfigMap key) at the
     * object itself. Empty only when nothing of the document was recorded (e.g. stdin read before positions).
     */
    Optional<Position> locate(String field) {
        if (start == NOT_RECORDED || start >= entries.size) {
            return Optional.empty();
        }
        int entry = start;
        for (String segment : FieldPath.segments(field)) {
            int child = entries.child(entry, segment);
            if (child == NOT_RECORDED) {
                break;
            }
            entry = child;
        }
        return Optional.of(entries.position(entry));
    }

    /** Same recorded positions and the same part: what tells two readings of a document apart. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SourcePositions positions
                && entries.path(start).equals(positions.entries.path(positions.start))
                && entries.byPath().equals(positions.entries.byPath());
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries.path(start), entries.byPath());
    }

    @Override
    public String toString() {
        String part = entries.path(start);
        return entries.byPath() + (part.isEmpty() ? "" : " within " + part);
    }

    /** The recorded fields of one document, in the order read: a parent always comes before its children. */
    private static final class Entries {
        private int[] parents = new int[16];
        /** The mapping key; null for a list item, whose index is its place among its parent's children. */
        private String[] keys = new String[16];
        /** Line in the high half, column in the low one. */
        private long[] positions = new long[16];

        private int size;

        int add(int parent, String key, Position at) {
            if (size == parents.length) {
                int capacity = size * 2;
                parents = Arrays.copyOf(parents, capacity);
                keys = Arrays.copyOf(keys, capacity);
                positions = Arrays.copyOf(positions, capacity);
            }
            parents[size] = parent;
            keys[size] = key;
            positions[size] = (long) at.line() << 32 | (at.column() & 0xFFFFFFFFL);
            return size++;
        }

        void trim() {
            parents = Arrays.copyOf(parents, size);
            keys = Arrays.copyOf(keys, size);
            positions = Arrays.copyOf(positions, size);
        }

        Position position(int entry) {
            return new Position((int) (positions[entry] >>> 32), (int) positions[entry]);
        }

        /** The child of {@code parent} that a path segment names (a key, or {@code [i]}), or NOT_RECORDED. */
        int child(int parent, String segment) {
            int item = 0;
            for (int i = parent + 1; i < size; i++) {
                if (parents[i] != parent) {
                    continue;
                }
                if (keys[i] == null ? segment.equals(index(item++)) : keys[i].equals(segment)) {
                    return i;
                }
            }
            return NOT_RECORDED;
        }

        /** An entry's path as the segments of a finding's field name it, joined with dots (for tests and messages). */
        String path(int entry) {
            if (entry == NOT_RECORDED || entry >= size) {
                return entry == NOT_RECORDED ? "(not recorded)" : "";
            }
            List<String> segments = new ArrayList<>();
            for (int e = entry; parents[e] != NOT_RECORDED; e = parents[e]) {
                segments.add(0, segment(e));
            }
            return String.join(".", segments);
        }

        Map<String, Position> byPath() {
            Map<String, Position> byPath = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                byPath.put(path(i), position(i));
            }
            return byPath;
        }

        private String segment(int entry) {
            if (keys[entry] != null) {
                return keys[entry];
            }
            int item = 0;
            for (int i = parents[entry] + 1; i < entry; i++) {
                if (parents[i] == parents[entry]) {
                    item++;
                }
            }
            return index(item);
        }
    }

    /** Splits a finding's field into path segments. */
    static final class FieldPath {

        private FieldPath() {}

        /**
         * {@code a.b["c.d"][0].e} into {@code a, b, c.d, [0], e}; a field that is not such a path (a ConfigMap key
         * named by the profile) gives the segments read up to where it stops being one.
         */
        static List<String> segments(String field) {
            List<String> segments = new ArrayList<>();
            if (field == null) {
                return segments;
            }
            int i = 0;
            int n = field.length();
            while (i < n) {
                char c = field.charAt(i);
                if (c == '.') {
                    i++;
                } else if (field.startsWith("[\"", i)) {
                    int end = field.indexOf("\"]", i + 2);
                    if (end < 0) {
                        break;
                    }
                    segments.add(field.substring(i + 2, end));
                    i = end + 2;
                } else if (c == '[') {
                    int end = field.indexOf(']', i);
                    if (end < 0 || !field.substring(i + 1, end).matches("\\d+")) {
                        break;
                    }
                    segments.add(field.substring(i, end + 1));
                    i = end + 1;
                } else {
                    int end = i;
                    while (end < n && isNameChar(field.charAt(end))) {
                        end++;
                    }
                    if (end == i || end < n && field.charAt(end) != '.' && field.charAt(end) != '[') {
                        break; // not a path (e.g. "ConfigMap ns/name data[...]")
                    }
                    segments.add(field.substring(i, end));
                    i = end;
                }
            }
            return segments;
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-';
        }
    }
}
