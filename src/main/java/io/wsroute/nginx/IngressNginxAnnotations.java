package io.wsroute.nginx;

import java.util.Set;

/**
 * Annotation keys of community ingress-nginx (prefix {@code nginx.ingress.kubernetes.io/}) that matter to WebSocket
 * traffic, and the full set of names that controller reads. Values are plain strings; each key's format is noted
 * where it differs from the F5 controller's.
 */
public final class IngressNginxAnnotations {

    public static final String PREFIX = ControllerFlavor.INGRESS_NGINX.annotationPrefix();

    /** Integer seconds ({@code strconv.Atoi}); anything else silently falls back to the ConfigMap value. */
    public static final String PROXY_READ_TIMEOUT = PREFIX + "proxy-read-timeout";
    /** Integer seconds, like {@link #PROXY_READ_TIMEOUT}. */
    public static final String PROXY_SEND_TIMEOUT = PREFIX + "proxy-send-timeout";

    public static final String PROXY_CONNECT_TIMEOUT = PREFIX + "proxy-connect-timeout";
    /** "1.0" or "1.1"; anything else falls back to the ConfigMap value. */
    public static final String PROXY_HTTP_VERSION = PREFIX + "proxy-http-version";
    /**
     * Only "close" or "keep-alive" (trimmed) are used, replacing "Connection: upgrade"; other values drop the
     * Ingress, and an empty value is ignored.
     */
    public static final String CONNECTION_PROXY_HEADER = PREFIX + "connection-proxy-header";
    /** HTTP, HTTPS, AUTO_HTTP, GRPC, GRPCS, FCGI (case-insensitive, trimmed); anything else falls back to HTTP. */
    public static final String BACKEND_PROTOCOL = PREFIX + "backend-protocol";

    public static final String CONFIGURATION_SNIPPET = PREFIX + "configuration-snippet";
    public static final String SERVER_SNIPPET = PREFIX + "server-snippet";
    public static final String AUTH_SNIPPET = PREFIX + "auth-snippet";
    public static final String MODSECURITY_SNIPPET = PREFIX + "modsecurity-snippet";
    public static final String STREAM_SNIPPET = PREFIX + "stream-snippet";
    /** Defaults to true when the Ingress has spec.tls. */
    public static final String SSL_REDIRECT = PREFIX + "ssl-redirect";

    public static final String FORCE_SSL_REDIRECT = PREFIX + "force-ssl-redirect";
    /** Only "cookie" is accepted. */
    public static final String AFFINITY = PREFIX + "affinity";
    /** "true" asks the controller to pipe TLS connections to the backend unopened (IngressNginxPassthrough). */
    public static final String SSL_PASSTHROUGH = PREFIX + "ssl-passthrough";
    /** The load-balancing algorithm of the Ingress's upstreams (ewma, round_robin). */
    public static final String LOAD_BALANCE = PREFIX + "load-balance";

    public static final String UPSTREAM_HASH_BY = PREFIX + "upstream-hash-by";
    /** "true" proxies to the Service's ClusterIP, which turns every balancer, sticky ones included, off. */
    public static final String SERVICE_UPSTREAM = PREFIX + "service-upstream";

    public static final String USE_REGEX = PREFIX + "use-regex";
    /** Required with cookie affinity when {@link #USE_REGEX} is "true". */
    public static final String SESSION_COOKIE_PATH = PREFIX + "session-cookie-path";

    public static final String SESSION_COOKIE_NAME = PREFIX + "session-cookie-name";
    /** Concurrent connections per client address (limit_conn). */
    public static final String LIMIT_CONNECTIONS = PREFIX + "limit-connections";
    /**
     * Client CIDRs allowed. Renamed allowlist-source-range later; every release still reads this name, while a
     * release older than the rename silently ignores the new one and would then admit every address.
     */
    public static final String WHITELIST_SOURCE_RANGE = PREFIX + "whitelist-source-range";

    /** Every annotation whose name ends in this is a snippet, and ingress-nginx rates all of them Critical. */
    public static final String SNIPPET_SUFFIX = "-snippet";

    /** Values of {@link #PROXY_HTTP_VERSION} the controller accepts. */
    public static final Set<String> HTTP_VERSIONS = Set.of("1.0", "1.1");

    /**
     * Backend protocols that replace proxy_pass (grpc_pass, fastcgi_pass): no WebSocket tunnel. AJP is refused by
     * every release since 1.9, which then proxies over HTTP.
     */
    public static final Set<String> NON_WEBSOCKET_BACKEND_PROTOCOLS = Set.of("GRPC", "GRPCS", "FCGI");
    /** The backend protocol that makes nginx speak TLS to the backend (AUTO_HTTP follows the client's scheme). */
    public static final String HTTPS_BACKEND_PROTOCOL = "HTTPS";

    /** Does not exist in ingress-nginx (nor anywhere): a common mix-up with nginx.org/websocket-services. */
    public static final String NONEXISTENT_WEBSOCKET_SERVICES = PREFIX + "websocket-services";

    /**
     * Prefix of very old ingress-nginx releases (before 0.9) and of other controllers; no current NGINX controller
     * reads it, except the F5 controller's single fallback {@link NginxIncAnnotations#LEGACY_SSL_REDIRECT}.
     */
    public static final String LEGACY_PREFIX = "ingress.kubernetes.io/";

    /**
     * Every annotation name (after the prefix) the latest ingress-nginx release reads, aliases included
     * ({@link IngressNginxAnnotationTable}). Anything else under the prefix is silently ignored.
     */
    public static final Set<String> KNOWN_NAMES = IngressNginxAnnotationTable.all().stream()
            .filter(a -> a.readBy(IngressNginxVersion.LATEST))
            .flatMap(a -> java.util.stream.Stream.concat(java.util.stream.Stream.of(a.name()), a.aliases().stream()))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private IngressNginxAnnotations() {}

    /** Any annotation of this controller whose name ends in -snippet (all rated Critical). */
    public static boolean isSnippet(String key) {
        return key.startsWith(PREFIX) && key.endsWith(SNIPPET_SUFFIX);
    }
}
