package io.wsroute.nginx;

import io.wsroute.nginx.NginxDirectives.Directive;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the directives in an nginx location snippet that stop or endanger a WebSocket upgrade: an upstream HTTP
 * version of 1.0 (nginx then refuses the duplicate directive), a second {@code Connection} header without "upgrade",
 * and the request's {@code Upgrade} header cleared. A {@code proxy_set_header} with an empty value is not a hit: nginx
 * does not send empty headers, so the controller's own Upgrade/Connection lines still go out (checked on real nginx:
 * io.wsroute.rules.IngressNginxOnRealNginxTest). It
 * reads directives with nginx's quoting and comment rules, accepts any letter case and any number of directives per
 * line, and judges only directives that apply to the location itself (top level or inside {@code if}): a nested
 * {@code location} block has headers of its own.
 */
public final class SnippetScanner {

    /**
     * What a directive in a snippet does to the upgrade. CONNECTION_OVERRIDDEN does not replace the controller's
     * {@code Connection: upgrade}: nginx sends both header lines, which RFC 9110 reads as one list that still holds
     * "upgrade"; only backends that read a single Connection line can miss it.
     */
    public enum Breakage {
        HTTP_VERSION_BELOW_1_1,
        CONNECTION_OVERRIDDEN,
        UPGRADE_CLEARED
    }

    /** @param directive the directive as written, whitespace collapsed, without the trailing {@code ;} */
    public record Hit(Breakage breakage, String directive) {}

    private SnippetScanner() {}

    public static List<Hit> scan(String snippet) {
        return NginxDirectives.parse(snippet).stream()
                .filter(SnippetScanner::appliesToLocation)
                .flatMap(d -> judge(d).map(b -> new Hit(b, d.text())).stream())
                .toList();
    }

    private static boolean appliesToLocation(Directive directive) {
        return directive.blocks().stream().allMatch("if"::equals);
    }

    private static Optional<Breakage> judge(Directive directive) {
        switch (directive.name()) {
            case "proxy_http_version":
                return directive.arg(0).equals("1.0") ? Optional.of(Breakage.HTTP_VERSION_BELOW_1_1) : Optional.empty();
            case "proxy_set_header":
                return header(directive.arg(0).toLowerCase(Locale.ROOT), directive.arg(1));
            case "more_clear_input_headers":
                // headers-more (ingress-nginx ships it): clearing the request's Upgrade empties $http_upgrade.
                return directive.args().stream().anyMatch(a -> a.equalsIgnoreCase("upgrade"))
                        ? Optional.of(Breakage.UPGRADE_CLEARED)
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /**
     * What one {@code proxy_set_header name value} line does to the upgrade, wherever it comes from (a snippet, or
     * the F5 controller's nginx.org/proxy-set-headers).
     */
    public static Optional<Breakage> proxySetHeader(String name, String value) {
        return header(name.toLowerCase(Locale.ROOT), value);
    }

    private static Optional<Breakage> header(String name, String value) {
        // A variable ($connection_upgrade, $http_upgrade) is decided per request: not ours to judge.
        if (value.contains("$")) {
            return Optional.empty();
        }
        // nginx skips proxy_set_header lines whose value is empty: they neither add nor remove anything.
        if (value.isBlank()) {
            return Optional.empty();
        }
        if (name.equals("connection") && !value.toLowerCase(Locale.ROOT).contains("upgrade")) {
            return Optional.of(Breakage.CONNECTION_OVERRIDDEN);
        }
        return Optional.empty();
    }
}
