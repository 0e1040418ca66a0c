package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A value from a request as it may appear in a log line or an error message: at most {@value #MAX} characters,
 * control characters (newlines above all) replaced, so a hostile body can neither flood the log nor forge lines in it.
 */
final class Shown {

    static final int MAX = 120;

    private Shown() {}

    static String of(String value) {
        return of(value, MAX);
    }

    static String of(String value, int max) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > max ? value.substring(0, max) + "...(" + value.length() + " chars)" : value;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    /** A field of a JSON object: its text, or what kind of value it is when it is not a string. */
    static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return "(none)";
        }
        return value.isTextual()
                ? of(value.asText())
                : "(a " + value.getNodeType().name().toLowerCase(Locale.ROOT) + ")";
    }
}
