package io.wsroute.cli;

import java.util.ArrayList;
import java.util.HashMap;
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
 */
final class SourcePositions {

    /** 1-based line and column. */
    record Position(int line, int column) {}

    /** Deep enough for {@code items[0].spec.rules[0].http.paths[0].backend.service.port.name}. */
    static final int MAX_DEPTH = 12;

    /** Joins path segments: a character no key of a Kubernetes object contains. */
    private static final char SEPARATOR = '\u001F';

    static final SourcePositions NONE = new SourcePositions(new HashMap<>(), "");

    private final Map<String, Position> byPath;
    private final String prefix;

    private SourcePositions(Map<String, Position> byPath, String prefix) {
        this.byPath = byPath;
        this.prefix = prefix;
    }

    static SourcePositions recording() {
        return new SourcePositions(new HashMap<>(), "");
    }

    /** The path of a child: a mapping key, or {@code [i]} for a list item; null below {@link #MAX_DEPTH}. */
    static String child(String parent, String segment, int depth) {
        if (parent == null || depth > MAX_DEPTH) {
            return null;
        }
        return parent.isEmpty() ? segment : parent + SEPARATOR + segment;
    }

    static String index(int i) {
        return "[" + i + "]";
    }

    void record(String path, Position position) {
        if (path != null) {
            byPath.putIfAbsent(path, position);
        }
    }

    /** The positions of a part of this document, e.g. item 3 of a List kind's {@code items}. */
    SourcePositions within(String... segments) {
        String path = prefix;
        for (String segment : segments) {
            path = child(path, segment, 0);
        }
        return new SourcePositions(byPath, path);
    }

    /**
     * The position of a finding's field ({@code metadata.annotations["nginx.org/x"]},
     * {@code spec.rules[0].http.paths[1].backend.service}), or of the nearest enclosing field the source has: a
     * missing annotation points at {@code annotations:}, a field outside the object (a ConfigMap key) at the
     * object itself. Empty only when nothing of the document was recorded (e.g. stdin read before positions).
     */
    Optional<Position> locate(String field) {
        List<String> segments = FieldPath.segments(field);
        for (int n = segments.size(); n >= 0; n--) {
            String path = prefix;
            for (String segment : segments.subList(0, n)) {
                path = child(path, segment, 0);
            }
            Position position = byPath.get(path);
            if (position != null) {
                return Optional.of(position);
            }
        }
        return Optional.empty();
    }

    /** Same recorded positions and the same part: what tells two readings of a document apart. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SourcePositions positions
                && prefix.equals(positions.prefix)
                && byPath.equals(positions.byPath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, byPath);
    }

    @Override
    public String toString() {
        return new TreeMap<>(byPath).toString().replace(SEPARATOR, '.') + (prefix.isEmpty() ? "" : " within " + prefix);
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
