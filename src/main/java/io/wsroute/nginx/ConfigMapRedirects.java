package io.wsroute.nginx;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The controller-wide HTTP to HTTPS redirect of a controller ConfigMap, which every Ingress gets unless its own
 * annotation says otherwise (README "What it checks", WS104).
 *
 * <p>ingress-nginx: {@code ssl-redirect} (default true) redirects plain-HTTP requests to hosts that have a TLS
 * certificate, {@code force-ssl-redirect} (default false) redirects every plain-HTTP request, both with
 * {@code http-redirect-code} (default 308). The F5 controller: {@code ssl-redirect} (default true) redirects
 * plain-HTTP requests to hosts with TLS, {@code redirect-to-https} (default false) redirects requests whose
 * {@code X-Forwarded-Proto} is {@code http} (plain HTTP at a TLS-terminating load balancer in front), with
 * {@code http-redirect-code} (default 301).
 *
 * @param sslRedirect redirect plain HTTP to hosts with TLS
 * @param forceRedirect ingress-nginx {@code force-ssl-redirect}, F5 {@code redirect-to-https}
 * @param code the redirect's status
 */
public record ConfigMapRedirects(boolean sslRedirect, boolean forceRedirect, int code) {

    public static final String SSL_REDIRECT = "ssl-redirect";
    public static final String FORCE_SSL_REDIRECT = "force-ssl-redirect";
    public static final String REDIRECT_TO_HTTPS = "redirect-to-https";
    public static final String HTTP_REDIRECT_CODE = "http-redirect-code";

    /** The only codes either controller takes; anything else leaves the default. */
    static final Set<Integer> CODES = Set.of(301, 302, 307, 308);

    /**
     * How one controller spells and reads its redirect keys ({@link DataPlane#configMapRedirects()}).
     *
     * @param forceKey the ConfigMap key of {@link ConfigMapRedirects#forceRedirect()}
     * @param defaultCode the redirect's status when {@code http-redirect-code} is absent or refused
     * @param emptyIsFalse true when the controller's decoding reads an empty boolean as false
     */
    public record Dialect(String forceKey, int defaultCode, boolean emptyIsFalse) {}

    public static ConfigMapRedirects defaults(Dialect dialect) {
        return new ConfigMapRedirects(true, false, dialect.defaultCode());
    }

    /**
     * Reads the keys as the controller does: Go's ParseBool for the booleans (ingress-nginx's weak decoding also
     * reads "" as false), Atoi and the four redirect codes for the code. A value the controller refuses leaves its
     * default and is reported in {@code problems}.
     */
    static ConfigMapRedirects read(ControllerFlavor flavor, Map<String, String> values, List<String> problems) {
        Dialect dialect = flavor.plane().configMapRedirects();
        ConfigMapRedirects defaults = defaults(dialect);
        boolean ssl = bool(flavor, dialect, values, SSL_REDIRECT, defaults.sslRedirect(), problems);
        boolean force = bool(flavor, dialect, values, dialect.forceKey(), defaults.forceRedirect(), problems);
        int code = defaults.code();
        String raw = values.get(HTTP_REDIRECT_CODE);
        if (raw != null) {
            Optional<Integer> parsed = parseCode(raw);
            if (parsed.isPresent()) {
                code = parsed.get();
            } else {
                problems.add("%s: \"%s\" is not one of 301, 302, 307, 308; %s uses %d"
                        .formatted(HTTP_REDIRECT_CODE, raw, flavor.cliName(), defaults.code()));
            }
        }
        return new ConfigMapRedirects(ssl, force, code);
    }

    /** A redirect code as both controllers parse it (strconv.Atoi, then the set of four). */
    public static Optional<Integer> parseCode(String raw) {
        return NginxTime.parseSeconds(raw)
                .map(seconds -> seconds.getSeconds())
                .filter(code -> CODES.contains(code.intValue()))
                .map(Long::intValue);
    }

    private static boolean bool(
            ControllerFlavor flavor,
            Dialect dialect,
            Map<String, String> values,
            String key,
            boolean fallback,
            List<String> problems) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        if (raw.isEmpty() && dialect.emptyIsFalse()) {
            return false;
        }
        return GoBool.parse(raw).orElseGet(() -> {
            problems.add("%s: \"%s\" is not a boolean; %s uses %s".formatted(key, raw, flavor.cliName(), fallback));
            return fallback;
        });
    }
}
