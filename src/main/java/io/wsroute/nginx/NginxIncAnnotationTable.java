package io.wsroute.nginx;

import static io.wsroute.nginx.NginxIncChecks.ADD_HEADER_INHERIT;
import static io.wsroute.nginx.NginxIncChecks.AP_SECURITY_LOG;
import static io.wsroute.nginx.NginxIncChecks.BOOL;
import static io.wsroute.nginx.NginxIncChecks.COMMA_SEPARATED_VALUES;
import static io.wsroute.nginx.NginxIncChecks.DNS_NAME;
import static io.wsroute.nginx.NginxIncChecks.HOSTLESS_FORBIDDEN;
import static io.wsroute.nginx.NginxIncChecks.HTTP_HEADERS;
import static io.wsroute.nginx.NginxIncChecks.HTTP_REDIRECT_CODE;
import static io.wsroute.nginx.NginxIncChecks.INT64;
import static io.wsroute.nginx.NginxIncChecks.JWT_REALM;
import static io.wsroute.nginx.NginxIncChecks.JWT_TOKEN;
import static io.wsroute.nginx.NginxIncChecks.LB_METHOD;
import static io.wsroute.nginx.NginxIncChecks.LIMIT_REQ_KEY;
import static io.wsroute.nginx.NginxIncChecks.MERGEABLE_TYPE;
import static io.wsroute.nginx.NginxIncChecks.NOT_MODELLED;
import static io.wsroute.nginx.NginxIncChecks.OFFSET;
import static io.wsroute.nginx.NginxIncChecks.PATH_REGEX;
import static io.wsroute.nginx.NginxIncChecks.PLUS_ONLY;
import static io.wsroute.nginx.NginxIncChecks.PORT_LIST;
import static io.wsroute.nginx.NginxIncChecks.PROXY_BUFFERS;
import static io.wsroute.nginx.NginxIncChecks.QUALIFIED_NAME;
import static io.wsroute.nginx.NginxIncChecks.REALM;
import static io.wsroute.nginx.NginxIncChecks.REQUIRED;
import static io.wsroute.nginx.NginxIncChecks.SERVER_TOKENS;
import static io.wsroute.nginx.NginxIncChecks.SERVICE_LIST;
import static io.wsroute.nginx.NginxIncChecks.SIZE;
import static io.wsroute.nginx.NginxIncChecks.SNIPPETS;
import static io.wsroute.nginx.NginxIncChecks.TIME;
import static io.wsroute.nginx.NginxIncChecks.UINT64;
import static io.wsroute.nginx.NginxIncChecks.flag;
import static io.wsroute.nginx.NginxIncChecks.related;
import static io.wsroute.nginx.NginxIncValueChecks.ADD_HEADER;
import static io.wsroute.nginx.NginxIncValueChecks.APP_ROOT;
import static io.wsroute.nginx.NginxIncValueChecks.JWT_LOGIN_URL;
import static io.wsroute.nginx.NginxIncValueChecks.POLICY_NAMES;
import static io.wsroute.nginx.NginxIncValueChecks.PROXY_NEXT_UPSTREAM;
import static io.wsroute.nginx.NginxIncValueChecks.PROXY_REDIRECT_FROM;
import static io.wsroute.nginx.NginxIncValueChecks.PROXY_REDIRECT_TO;
import static io.wsroute.nginx.NginxIncValueChecks.PROXY_SET_HEADERS;
import static io.wsroute.nginx.NginxIncValueChecks.REWRITE_LIST;
import static io.wsroute.nginx.NginxIncValueChecks.REWRITE_TARGET;
import static io.wsroute.nginx.NginxIncValueChecks.STICKY_SERVICE_LIST;

import io.wsroute.nginx.NginxIncInput.Flag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every annotation the F5 NGINX Ingress Controller reads on Ingress resources (releases 4.0 to {@link
 * NginxIncVersion#LATEST}): its validation chain (the controller's annotationValidations table: a failure rejects the
 * whole Ingress), or, for keys it does not validate, the parse applied when the configuration is built (a failure is
 * logged and the default kept), and which keys mergeable masters and minions drop. The one place wsroute knows this;
 * see README "F5 annotations".
 */
public final class NginxIncAnnotationTable {

    private static final NginxIncVersion V4_0 = NginxIncVersion.of(4, 0);
    private static final NginxIncVersion V5_2 = NginxIncVersion.of(5, 2);
    private static final NginxIncVersion V5_3 = NginxIncVersion.of(5, 3);
    private static final NginxIncVersion V5_4 = NginxIncVersion.of(5, 4);
    private static final NginxIncVersion V5_5 = NginxIncVersion.of(5, 5);

    private static final String VALIDATION = "internal/k8s/validation.go annotationValidations";
    private static final String PARSE = "internal/configs/annotations.go parseAnnotations";
    private static final String RATE_LIMIT = "internal/configs/annotations.go parseRateLimitAnnotations";

    /** masterDenylist: a mergeable master's own copy is dropped (the minions' count). */
    private static final Set<String> MASTER_DENIED = Set.of(
            "nginx.org/rewrites",
            "nginx.org/ssl-services",
            "nginx.org/grpc-services",
            "nginx.org/websocket-services",
            "nginx.org/sticky-cookie-services",
            "nginx.com/sticky-cookie-services",
            "nginx.com/health-checks",
            "nginx.com/health-checks-mandatory",
            "nginx.com/health-checks-mandatory-queue",
            "nginx.org/use-cluster-ip");
    /** minionDenylist: server-level keys a minion may not set (the master's count). */
    private static final Set<String> MINION_DENIED = Set.of(
            "nginx.org/proxy-hide-headers",
            "nginx.org/proxy-pass-headers",
            "nginx.org/redirect-to-https",
            "ingress.kubernetes.io/ssl-redirect",
            "nginx.org/ssl-redirect",
            "nginx.org/http-redirect-code",
            "nginx.org/hsts",
            "nginx.org/hsts-max-age",
            "nginx.org/hsts-include-subdomains",
            "nginx.org/server-tokens",
            "nginx.org/listen-ports",
            "nginx.org/listen-ports-ssl",
            "nginx.org/server-snippets",
            "nginx.org/ssl-ciphers",
            "nginx.org/ssl-prefer-server-ciphers",
            "nginx.org/app-root",
            "appprotectdos.f5.com/app-protect-dos-resource");

    private static final List<NginxIncAnnotation> ALL = build();

    private NginxIncAnnotationTable() {}

    /** Every entry, all releases. */
    public static List<NginxIncAnnotation> all() {
        return ALL;
    }

    /** How the given release reads the key, if it reads it at all. */
    public static Optional<NginxIncAnnotation> lookup(String key, NginxIncVersion version) {
        return ALL.stream()
                .filter(a -> a.key().equals(key) && a.readBy(version))
                .findFirst();
    }

    /**
     * True when the release drops the key from this mergeable Ingress before building its configuration
     * (filterMasterAnnotations, filterMinionAnnotations); validation still sees it.
     */
    public static boolean droppedFromMergeable(String key, Map<String, String> annotations, NginxIncVersion version) {
        String type = annotations.get(NginxIncAnnotations.MERGEABLE_INGRESS_TYPE);
        return lookup(key, version)
                .filter(a ->
                        "master".equals(type) && a.strippedOnMaster() || "minion".equals(type) && a.strippedOnMinion())
                .isPresent();
    }

    /** Every key the given release reads, sorted as the controller validates them (byte order). */
    public static List<String> keys(NginxIncVersion version) {
        return ALL.stream()
                .filter(a -> a.readBy(version))
                .map(NginxIncAnnotation::key)
                .distinct()
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    private static List<NginxIncAnnotation> build() {
        List<NginxIncAnnotation> t = new ArrayList<>();
        // Load balancing and upstreams
        validated(t, "nginx.org/lb-method", V4_0, REQUIRED, LB_METHOD);
        validated(t, "nginx.org/keepalive", V4_0, REQUIRED, INT64);
        validated(t, "nginx.org/max-fails", V4_0, REQUIRED, UINT64);
        validated(t, "nginx.org/max-conns", V4_0, REQUIRED, UINT64);
        validated(t, "nginx.org/fail-timeout", V4_0, REQUIRED, TIME);
        validated(t, "nginx.org/upstream-zone-size", V4_0, REQUIRED, SIZE);
        validated(t, "nginx.org/use-cluster-ip", V4_0, BOOL);
        validated(t, "nginx.org/sticky-cookie-services", V5_4, REQUIRED, STICKY_SERVICE_LIST);
        validated(t, "nginx.com/sticky-cookie-services", V4_0, PLUS_ONLY, REQUIRED, STICKY_SERVICE_LIST);
        validated(t, "nginx.com/health-checks", V4_0, PLUS_ONLY, REQUIRED, BOOL);
        validated(
                t,
                "nginx.com/health-checks-mandatory",
                V4_0,
                PLUS_ONLY,
                related("nginx.com/health-checks", NginxIncChecks::isTrue),
                REQUIRED,
                BOOL);
        validated(
                t,
                "nginx.com/health-checks-mandatory-queue",
                V4_0,
                PLUS_ONLY,
                related("nginx.com/health-checks-mandatory", NginxIncChecks::isTrue),
                REQUIRED,
                UINT64);
        validated(t, "nginx.com/slow-start", V4_0, PLUS_ONLY, REQUIRED, TIME);
        // Proxying
        validated(t, "nginx.org/proxy-connect-timeout", V4_0, REQUIRED, TIME);
        validated(t, "nginx.org/proxy-read-timeout", V4_0, REQUIRED, TIME);
        validated(t, "nginx.org/proxy-send-timeout", V4_0, REQUIRED, TIME);
        validated(t, "nginx.org/proxy-next-upstream", V5_4, REQUIRED, PROXY_NEXT_UPSTREAM);
        validated(t, "nginx.org/proxy-next-upstream-timeout", V5_4, REQUIRED, TIME);
        validated(t, "nginx.org/proxy-next-upstream-tries", V5_4, REQUIRED, UINT64);
        validated(t, "nginx.org/proxy-buffering", V4_0, REQUIRED, BOOL);
        validated(t, "nginx.org/proxy-buffers", V4_0, REQUIRED, PROXY_BUFFERS);
        validated(t, "nginx.org/proxy-buffer-size", V4_0, REQUIRED, SIZE);
        validated(t, "nginx.org/proxy-busy-buffers-size", V5_2, SIZE);
        validated(t, "nginx.org/proxy-max-temp-file-size", V4_0, REQUIRED, SIZE);
        validated(t, "nginx.org/client-max-body-size", V4_0, REQUIRED, OFFSET);
        validated(t, "nginx.org/client-body-buffer-size", V5_3, REQUIRED, SIZE);
        validated(t, "nginx.org/proxy-hide-headers", V4_0, HTTP_HEADERS);
        validated(t, "nginx.org/proxy-pass-headers", V4_0, HTTP_HEADERS);
        validated(t, "nginx.org/proxy-set-headers", V4_0, REQUIRED, PROXY_SET_HEADERS);
        validated(t, "nginx.org/add-header", V5_5, REQUIRED, ADD_HEADER);
        validated(t, "nginx.org/add-header-inherit", V5_5, REQUIRED, ADD_HEADER_INHERIT);
        validated(t, "nginx.org/proxy-redirect-from", V5_5, REQUIRED, PROXY_REDIRECT_FROM);
        validated(t, "nginx.org/proxy-redirect-to", V5_5, REQUIRED, PROXY_REDIRECT_TO);
        // Services with special handling
        validated(t, "nginx.org/websocket-services", V4_0, REQUIRED, SERVICE_LIST);
        validated(t, "nginx.org/ssl-services", V4_0, REQUIRED, SERVICE_LIST);
        validated(t, "nginx.org/grpc-services", V4_0, REQUIRED, SERVICE_LIST);
        validated(t, "nginx.org/rewrites", V4_0, REQUIRED, REWRITE_LIST);
        validated(t, "nginx.org/rewrite-target", V5_3, REQUIRED, REWRITE_TARGET);
        validated(t, "nginx.org/path-regex", V4_0, PATH_REGEX);
        validated(t, "nginx.org/app-root", V5_4, APP_ROOT);
        validated(t, "nginx.org/mergeable-ingress-type", V4_0, REQUIRED, MERGEABLE_TYPE);
        // Redirects, HSTS, server
        validated(t, "nginx.org/redirect-to-https", V4_0, REQUIRED, BOOL);
        validated(t, "nginx.org/ssl-redirect", V4_0, REQUIRED, BOOL);
        t.add(entry("ingress.kubernetes.io/ssl-redirect", V4_0, Optional.of(V5_4), List.of(), parse(BOOL), PARSE));
        validated(t, "ingress.kubernetes.io/ssl-redirect", V5_4, REQUIRED, BOOL);
        validated(t, "nginx.org/http-redirect-code", V5_4, REQUIRED, HTTP_REDIRECT_CODE);
        validated(t, "nginx.org/hsts", V4_0, REQUIRED, BOOL);
        validated(
                t, "nginx.org/hsts-max-age", V4_0, related("nginx.org/hsts", NginxIncChecks::isBool), REQUIRED, INT64);
        validated(
                t,
                "nginx.org/hsts-include-subdomains",
                V4_0,
                related("nginx.org/hsts", NginxIncChecks::isBool),
                REQUIRED,
                BOOL);
        validated(
                t,
                "nginx.org/hsts-behind-proxy",
                V4_0,
                related("nginx.org/hsts", NginxIncChecks::isBool),
                REQUIRED,
                BOOL);
        validated(t, "nginx.org/server-tokens", V4_0, SERVER_TOKENS);
        validated(t, "nginx.org/server-snippets", V4_0, SNIPPETS);
        validated(t, "nginx.org/location-snippets", V4_0, SNIPPETS);
        validated(t, "nginx.org/listen-ports", V4_0, HOSTLESS_FORBIDDEN, REQUIRED, PORT_LIST);
        validated(t, "nginx.org/listen-ports-ssl", V4_0, HOSTLESS_FORBIDDEN, REQUIRED, PORT_LIST);
        applied(t, "nginx.org/ssl-ciphers", V5_3, Optional.empty());
        applied(t, "nginx.org/ssl-prefer-server-ciphers", V5_3, parse(BOOL));
        // Authentication and policies
        validated(t, "nginx.org/basic-auth-secret", V4_0, REQUIRED, DNS_NAME);
        validated(
                t,
                "nginx.org/basic-auth-realm",
                V4_0,
                related("nginx.org/basic-auth-secret", NginxIncChecks::noop),
                REALM);
        validated(t, "nginx.com/jwt-realm", V4_0, PLUS_ONLY, REQUIRED, JWT_REALM);
        validated(t, "nginx.com/jwt-key", V4_0, PLUS_ONLY, REQUIRED, DNS_NAME);
        validated(t, "nginx.com/jwt-token", V4_0, PLUS_ONLY, JWT_TOKEN);
        validated(t, "nginx.com/jwt-login-url", V4_0, PLUS_ONLY, JWT_LOGIN_URL);
        validated(t, "nginx.org/policies", V5_4, REQUIRED, COMMA_SEPARATED_VALUES, POLICY_NAMES);
        validated(t, "nginx.com/policies", V5_5, PLUS_ONLY, REQUIRED, COMMA_SEPARATED_VALUES, POLICY_NAMES);
        // Rate limiting
        t.add(entry("nginx.org/limit-req-key", V4_0, Optional.of(V5_5), List.of(), Optional.empty(), RATE_LIMIT));
        validated(t, "nginx.org/limit-req-key", V5_5, REQUIRED, LIMIT_REQ_KEY);
        rateLimit(t, "nginx.org/limit-req-rate", v -> v.strip().matches("0*[1-9]\\d*(r/s|r/m)"));
        rateLimit(t, "nginx.org/limit-req-zone-size", NginxIncGrammar::isSize);
        rateLimit(t, "nginx.org/limit-req-delay", NginxIncGrammar::isInt64);
        rateLimit(t, "nginx.org/limit-req-burst", NginxIncGrammar::isInt64);
        rateLimit(t, "nginx.org/limit-req-reject-code", NginxIncGrammar::isInt64);
        rateLimit(t, "nginx.org/limit-req-no-delay", v -> GoBool.parse(v).isPresent());
        rateLimit(t, "nginx.org/limit-req-dry-run", v -> GoBool.parse(v).isPresent());
        rateLimit(t, "nginx.org/limit-req-scale", v -> GoBool.parse(v).isPresent());
        rateLimit(t, "nginx.org/limit-req-log-level", Set.of("info", "notice", "warn", "error")::contains);
        // Flags wsroute cannot see (App Protect needs NGINX Plus)
        validated(t, "appprotect.f5.com/app-protect-enable", V4_0, flag(Flag.APP_PROTECT), PLUS_ONLY, REQUIRED, BOOL);
        validated(
                t,
                "appprotect.f5.com/app-protect-security-log-enable",
                V4_0,
                flag(Flag.APP_PROTECT),
                PLUS_ONLY,
                REQUIRED,
                BOOL);
        validated(
                t,
                "appprotect.f5.com/app-protect-policy",
                V4_0,
                flag(Flag.APP_PROTECT),
                PLUS_ONLY,
                REQUIRED,
                QUALIFIED_NAME);
        validated(
                t,
                "appprotect.f5.com/app-protect-security-log",
                V4_0,
                flag(Flag.APP_PROTECT),
                PLUS_ONLY,
                REQUIRED,
                AP_SECURITY_LOG);
        validated(
                t,
                "appprotect.f5.com/app-protect-security-log-destination",
                V4_0,
                flag(Flag.APP_PROTECT),
                PLUS_ONLY,
                REQUIRED,
                NOT_MODELLED);
        validated(
                t,
                "appprotectdos.f5.com/app-protect-dos-resource",
                V4_0,
                flag(Flag.APP_PROTECT_DOS),
                PLUS_ONLY,
                QUALIFIED_NAME);
        validated(t, "nsm.nginx.com/internal-route", V4_0, flag(Flag.INTERNAL_ROUTES), REQUIRED, BOOL);
        return List.copyOf(t);
    }

    private static void validated(
            List<NginxIncAnnotation> t, String key, NginxIncVersion since, NginxIncCheck... chain) {
        t.add(entry(key, since, Optional.empty(), List.of(chain), Optional.empty(), VALIDATION));
    }

    private static void applied(
            List<NginxIncAnnotation> t, String key, NginxIncVersion since, Optional<NginxIncCheck> parse) {
        t.add(entry(key, since, Optional.empty(), List.of(), parse, PARSE));
    }

    private static void rateLimit(List<NginxIncAnnotation> t, String key, Predicate<String> valid) {
        t.add(entry(
                key,
                V4_0,
                Optional.empty(),
                List.of(),
                Optional.of(NginxIncChecks.simple(valid, "invalid value for " + key)),
                RATE_LIMIT));
    }

    private static Optional<NginxIncCheck> parse(NginxIncCheck check) {
        return Optional.of(check);
    }

    private static NginxIncAnnotation entry(
            String key,
            NginxIncVersion since,
            Optional<NginxIncVersion> until,
            List<NginxIncCheck> checks,
            Optional<NginxIncCheck> applied,
            String source) {
        return new NginxIncAnnotation(
                key, since, until, checks, applied, MASTER_DENIED.contains(key), MINION_DENIED.contains(key), source);
    }
}
