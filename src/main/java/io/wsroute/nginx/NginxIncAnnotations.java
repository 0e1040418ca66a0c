package io.wsroute.nginx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Annotation keys of the F5 NGINX Ingress Controller (prefix {@code nginx.org/}, and {@code nginx.com/} for NGINX
 * Plus features) that matter to WebSocket traffic, and the full set of names it reads on Ingress resources.
 */
public final class NginxIncAnnotations {

    public static final String PREFIX = ControllerFlavor.NGINX_INC.annotationPrefix();
    /** NGINX Plus-only annotations; the controller rejects an Ingress using them on NGINX OSS. */
    public static final String PLUS_PREFIX = "nginx.com/";

    /** Service names, comma-separated, split without trimming; every name must be a backend of the Ingress. */
    public static final String WEBSOCKET_SERVICES = PREFIX + "websocket-services";
    /** nginx time ({@code 3600s}, {@code 1h}; a bare number means seconds); an invalid value rejects the Ingress. */
    public static final String PROXY_READ_TIMEOUT = PREFIX + "proxy-read-timeout";
    /** nginx time, like {@link #PROXY_READ_TIMEOUT}. */
    public static final String PROXY_SEND_TIMEOUT = PREFIX + "proxy-send-timeout";

    public static final String PROXY_CONNECT_TIMEOUT = PREFIX + "proxy-connect-timeout";
    public static final String LOCATION_SNIPPETS = PREFIX + "location-snippets";
    public static final String SERVER_SNIPPETS = PREFIX + "server-snippets";
    /** Service list, same format as {@link #WEBSOCKET_SERVICES}: these are proxied over TLS. */
    public static final String SSL_SERVICES = PREFIX + "ssl-services";
    /**
     * Service list, same format as {@link #WEBSOCKET_SERVICES}: these are proxied with grpc_pass, but only when the
     * ConfigMap sets {@code http2: "true"}; without it the controller logs an error and ignores the list.
     */
    public static final String GRPC_SERVICES = PREFIX + "grpc-services";
    /** Extra proxy_set_header lines for every location ({@link #parseProxySetHeaders}). */
    public static final String PROXY_SET_HEADERS = PREFIX + "proxy-set-headers";

    /** Redirects requests with {@code X-Forwarded-Proto: http} (version1/nginx.ingress.tmpl), not plain HTTP itself. */
    public static final String REDIRECT_TO_HTTPS = PREFIX + "redirect-to-https";
    /** 301 (default), 302, 307 or 308; overrides the ConfigMap's http-redirect-code. */
    public static final String HTTP_REDIRECT_CODE = PREFIX + "http-redirect-code";
    /** Defaults to true (ConfigMap ssl-redirect) when the Ingress has spec.tls. */
    public static final String SSL_REDIRECT = PREFIX + "ssl-redirect";
    /** Read as {@link #SSL_REDIRECT} when that one is absent: the only legacy-prefix key the controller knows. */
    public static final String LEGACY_SSL_REDIRECT = IngressNginxAnnotations.LEGACY_PREFIX + "ssl-redirect";
    /** round_robin, least_conn, ip_hash, random…, or {@code hash <key> [consistent]}. */
    public static final String LB_METHOD = PREFIX + "lb-method";
    /**
     * Cookie stickiness ({@code sticky cookie}): read from release 5.4, on NGINX OSS too (its images ship NGINX OSS
     * 1.29.6 or later, which has the directive); earlier releases know only {@link #PLUS_STICKY_COOKIE_SERVICES}.
     */
    public static final String STICKY_COOKIE_SERVICES = PREFIX + "sticky-cookie-services";
    /** The older spelling of sticky cookies; NGINX Plus only (on OSS the controller rejects the Ingress). */
    public static final String PLUS_STICKY_COOKIE_SERVICES = PLUS_PREFIX + "sticky-cookie-services";
    /** "true" proxies to the Service's ClusterIP, so lb-method and sticky cookies no longer pick the pod. */
    public static final String USE_CLUSTER_IP = PREFIX + "use-cluster-ip";
    /** "master" or "minion"; a master may not carry the service lists, which are stripped from it. */
    public static final String MERGEABLE_INGRESS_TYPE = PREFIX + "mergeable-ingress-type";

    public static final String MERGEABLE_MASTER = "master";

    /** The lb-method that keeps a client on one pod by address. */
    public static final String LB_METHOD_IP_HASH = "ip_hash";

    /** nginx variables that differ on every request or connection of the same client: no affinity as hash keys. */
    private static final Set<String> PER_REQUEST_VARIABLES = Set.of(
            "$request_id",
            "$msec",
            "$connection",
            "$connection_requests",
            "$time_iso8601",
            "$time_local",
            "$pid",
            "$request_time",
            "$remote_port");

    private static final NginxIncVersion STICKY_COOKIE_SERVICES_SINCE = NginxIncVersion.of(5, 4);

    /**
     * Every annotation name (after nginx.org/) the latest F5 controller reads on Ingress resources, from
     * {@link NginxIncAnnotationTable}. Anything else under the prefix is silently ignored.
     */
    public static final Set<String> KNOWN_NAMES = namesUnder(PREFIX);

    /** Every NGINX Plus annotation name (after nginx.com/) the latest F5 controller reads on Ingress resources. */
    public static final Set<String> KNOWN_PLUS_NAMES = namesUnder(PLUS_PREFIX);

    private NginxIncAnnotations() {}

    /**
     * A service list as the controller reads it (ParseServiceList): split on commas and nothing else, so
     * {@code "a, b"} names {@code "a"} and {@code " b"}, and {@code ""} names the empty string.
     */
    public static List<String> parseServiceList(String value) {
        return Arrays.asList(value.split(",", -1));
    }

    /**
     * The annotation that gives cookie affinity on this controller, if any: {@link #STICKY_COOKIE_SERVICES} from
     * release 5.4 (NGINX OSS and Plus), {@link #PLUS_STICKY_COOKIE_SERVICES} before that on NGINX Plus only.
     */
    public static Optional<String> cookieAffinityKey(NginxIncSetup setup) {
        if (setup.version().atLeast(STICKY_COOKIE_SERVICES_SINCE)) {
            return Optional.of(STICKY_COOKIE_SERVICES);
        }
        return setup.plus() ? Optional.of(PLUS_STICKY_COOKIE_SERVICES) : Optional.empty();
    }

    /** Why the controller as set up has no cookie affinity (release before 5.4 on NGINX OSS). */
    public static String noCookieAffinity(NginxIncSetup setup) {
        return ("cookie affinity on the F5 NGINX Ingress Controller %s needs NGINX Plus (%s); NGINX OSS has it from "
                        + "release 5.4 (%s)")
                .formatted(setup.version(), PLUS_STICKY_COOKIE_SERVICES, STICKY_COOKIE_SERVICES);
    }

    /**
     * The sticky-cookie-services value that gives each Service a {@code sticky cookie} of that name for every path:
     * {@code serviceName=<svc> <cookie> path=/}, semicolon-separated (ParseStickyServiceList). Cookie names must be
     * tokens of letters, digits, {@code _} and {@code -}.
     */
    public static String stickyCookieServices(List<String> services, String cookieName) {
        if (!cookieName.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("not a cookie name: " + cookieName);
        }
        return services.stream()
                .distinct()
                .sorted()
                .map(service -> "serviceName=%s %s path=/".formatted(service, cookieName))
                .collect(Collectors.joining(";"));
    }

    /** An lb-method only NGINX Plus takes (least_time...); NGINX OSS refuses it as an invalid method. */
    public static boolean isPlusOnlyLbMethod(String value) {
        return NginxIncGrammar.PLUS_ONLY_LB_METHODS.contains(value.strip());
    }

    /**
     * True when the lb-method keeps a client on one pod: ip_hash, or {@code hash <key> [consistent]} (as
     * ParseLBMethod accepts it) on a key that stays the same across a client's requests. A hash of a per-request or
     * per-connection value ({@code $request_id}, {@code $msec}, {@code $connection}...) spreads them like round robin.
     */
    public static boolean lbMethodPinsClient(String value) {
        String method = value.strip();
        if (method.equals(LB_METHOD_IP_HASH)) {
            return true;
        }
        String[] words = method.split(" ", -1);
        boolean hash =
                words[0].equals("hash") && (words.length == 2 || words.length == 3 && words[2].equals("consistent"));
        return hash && !PER_REQUEST_VARIABLES.contains(words[1]);
    }

    private static Set<String> namesUnder(String prefix) {
        return NginxIncAnnotationTable.keys(NginxIncVersion.LATEST).stream()
                .filter(key -> key.startsWith(prefix))
                .map(key -> key.substring(prefix.length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** One {@code proxy_set_header} that nginx.org/proxy-set-headers writes into every location. */
    public record ProxySetHeader(String name, String value) {}

    /**
     * nginx.org/proxy-set-headers as the controller renders it (version1.ParseProxySetHeaders): entries split on
     * commas and trimmed, {@code Name: value}, or {@code Name} alone, which forwards the client's header
     * ({@code $http_name}); entries without a name are skipped.
     */
    public static List<ProxySetHeader> parseProxySetHeaders(String value) {
        List<ProxySetHeader> headers = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            String[] parts = raw.strip().split(":", 2);
            String name = parts[0].strip();
            if (name.isEmpty()) {
                continue;
            }
            headers.add(new ProxySetHeader(
                    name,
                    parts.length == 2
                            ? parts[1].strip()
                            : "$http_" + name.toLowerCase(Locale.ROOT).replace('-', '_')));
        }
        return headers;
    }

    /** True for the snippet annotations the controller gates behind -enable-snippets. */
    public static boolean isSnippet(String key) {
        return key.equals(LOCATION_SNIPPETS) || key.equals(SERVER_SNIPPETS);
    }
}
