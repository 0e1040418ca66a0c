package io.wsroute.nginx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the directives in an nginx snippet that stop a WebSocket upgrade: an upstream HTTP version below 1.1, and
 * {@code Connection}/{@code Upgrade} headers set to something that cannot carry the upgrade. It reads directives,
 * not the whole nginx grammar: comments are dropped and the text is split on {@code ;}.
 */
public final class SnippetScanner {

    /** What a directive in a snippet does to the upgrade. */
    public enum Breakage { HTTP_VERSION_BELOW_1_1, CONNECTION_OVERRIDDEN, UPGRADE_CLEARED }

    /** @param directive the directive as written, trimmed */
    public record Hit(Breakage breakage, String directive) {
    }

    private static final Pattern COMMENT = Pattern.compile("#[^\\n]*");
    private static final Pattern HTTP_VERSION = Pattern.compile("proxy_http_version\\s+[\"']?1\\.0[\"']?");
    private static final Pattern SET_HEADER = Pattern.compile("(?:proxy|grpc)_set_header\\s+(\\S+)\\s*(.*)", Pattern.DOTALL);

    private SnippetScanner() {
    }

    public static List<Hit> scan(String snippet) {
        List<Hit> hits = new ArrayList<>();
        if (snippet == null) {
            return hits;
        }
        for (String raw : COMMENT.matcher(snippet).replaceAll("").split(";")) {
            String directive = raw.strip().replaceAll("\\s+", " ");
            String lower = directive.toLowerCase(Locale.ROOT);
            if (HTTP_VERSION.matcher(lower).matches()) {
                hits.add(new Hit(Breakage.HTTP_VERSION_BELOW_1_1, directive));
                continue;
            }
            Matcher header = SET_HEADER.matcher(lower);
            if (!header.matches()) {
                continue;
            }
            String name = unquote(header.group(1));
            String value = unquote(header.group(2).strip());
            // A variable ($connection_upgrade, $http_connection) is decided per request: not ours to judge.
            if (value.startsWith("$")) {
                continue;
            }
            if (name.equals("connection") && !value.contains("upgrade")) {
                hits.add(new Hit(Breakage.CONNECTION_OVERRIDDEN, directive));
            } else if (name.equals("upgrade")) {
                hits.add(new Hit(Breakage.UPGRADE_CLEARED, directive));
            }
        }
        return hits;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1).strip();
        }
        return value;
    }
}
