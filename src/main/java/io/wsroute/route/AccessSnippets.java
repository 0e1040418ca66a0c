package io.wsroute.route;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The only nginx text wsroute writes itself. Inputs are values that {@link RouteSpecCheck} has accepted, so they
 * contain none of the characters that could end a directive or open a block; every origin is still escaped as a
 * regular expression, so a dot matches a dot.
 */
final class AccessSnippets {

    private AccessSnippets() {}

    /**
     * Refuses handshakes whose Origin header names another site (cross-site WebSocket hijacking). A request
     * without Origin is let through: browsers always send one, and a non-browser client can claim any origin.
     */
    static String originCheck(List<String> origins) {
        String alternatives = origins.stream().map(AccessSnippets::originRegex).collect(Collectors.joining("|"));
        return "if ($http_origin !~* \"^(|" + alternatives + ")$\") {\n  return 403;\n}\n";
    }

    /** allow/deny lines for the F5 controller, which has no source-range annotation. */
    static String sourceRanges(List<String> ranges) {
        return ranges.stream().map(r -> "allow " + r + ";\n").collect(Collectors.joining()) + "deny all;\n";
    }

    private static String originRegex(String origin) {
        String lower = origin.toLowerCase(java.util.Locale.ROOT);
        boolean wildcard = lower.contains("://*.");
        String escaped = lower.replace("*.", "").replace(".", "\\.");
        if (wildcard) {
            int afterScheme = escaped.indexOf("://") + 3;
            escaped = escaped.substring(0, afterScheme) + "[a-z0-9-]+\\." + escaped.substring(afterScheme);
        }
        return escaped;
    }
}
