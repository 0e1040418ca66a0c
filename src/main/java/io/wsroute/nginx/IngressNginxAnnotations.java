package io.wsroute.nginx;

import java.util.Set;

/** Annotation keys of community ingress-nginx that matter to WebSocket traffic (prefix nginx.ingress.kubernetes.io/). */
public final class IngressNginxAnnotations {

    public static final String PREFIX = ControllerFlavor.INGRESS_NGINX.annotationPrefix();
    public static final String PROXY_READ_TIMEOUT = PREFIX + "proxy-read-timeout";
    public static final String PROXY_SEND_TIMEOUT = PREFIX + "proxy-send-timeout";
    public static final String PROXY_CONNECT_TIMEOUT = PREFIX + "proxy-connect-timeout";
    public static final String PROXY_HTTP_VERSION = PREFIX + "proxy-http-version";
    public static final String CONNECTION_PROXY_HEADER = PREFIX + "connection-proxy-header";
    public static final String BACKEND_PROTOCOL = PREFIX + "backend-protocol";
    public static final String CONFIGURATION_SNIPPET = PREFIX + "configuration-snippet";
    public static final String SERVER_SNIPPET = PREFIX + "server-snippet";
    public static final String SSL_REDIRECT = PREFIX + "ssl-redirect";
    public static final String FORCE_SSL_REDIRECT = PREFIX + "force-ssl-redirect";
    public static final String AFFINITY = PREFIX + "affinity";
    public static final String UPSTREAM_HASH_BY = PREFIX + "upstream-hash-by";
    public static final String SERVICE_UPSTREAM = PREFIX + "service-upstream";

    /** Backend protocols that replace proxy_pass with grpc_pass/fastcgi_pass/ajp: no WebSocket tunnel. */
    public static final Set<String> NON_WEBSOCKET_BACKEND_PROTOCOLS = Set.of("GRPC", "GRPCS", "FCGI", "AJP");

    /** Does not exist in ingress-nginx (nor anywhere): a common copy of nginx.org/websocket-services. */
    public static final String NONEXISTENT_WEBSOCKET_SERVICES = PREFIX + "websocket-services";

    /**
     * Every annotation name (after the prefix) ingress-nginx reads, from its annotations reference
     * (docs/user-guide/nginx-configuration/annotations.md); anything else under the prefix is silently ignored.
     */
    public static final Set<String> KNOWN_NAMES = Set.of(
            "app-root", "affinity", "affinity-canary-behavior", "affinity-mode", "auth-realm", "auth-secret",
            "auth-secret-type", "auth-type", "auth-tls-secret", "auth-tls-verify-depth", "auth-tls-verify-client",
            "auth-tls-error-page", "auth-tls-pass-certificate-to-upstream", "auth-tls-match-cn", "auth-url",
            "auth-cache-key", "auth-cache-duration", "auth-keepalive", "auth-keepalive-share-vars",
            "auth-keepalive-requests", "auth-keepalive-timeout", "auth-proxy-set-headers", "auth-snippet",
            "auth-method", "auth-signin", "auth-signin-redirect-param", "auth-response-headers",
            "auth-request-redirect", "auth-always-set-cookie", "backend-protocol", "canary", "canary-by-header",
            "canary-by-header-value", "canary-by-header-pattern", "canary-by-cookie", "canary-weight",
            "canary-weight-total", "client-body-buffer-size", "configuration-snippet", "connection-proxy-header",
            "cors-allow-origin", "cors-allow-credentials", "cors-allow-headers", "cors-allow-methods",
            "cors-expose-headers", "cors-max-age", "custom-headers", "custom-http-errors", "default-backend",
            "denylist-source-range", "disable-proxy-intercept-errors", "enable-access-log", "enable-cors",
            "enable-global-auth", "enable-modsecurity", "enable-opentelemetry", "enable-owasp-core-rules",
            "enable-rewrite-log", "force-ssl-redirect", "from-to-www-redirect", "global-rate-limit",
            "http2-push-preload", "limit-burst-multiplier", "limit-connections", "limit-rate", "limit-rate-after",
            "limit-rpm", "limit-rps", "limit-allowlist", "load-balance", "mirror-request-body", "mirror-target",
            "mirror-host", "modsecurity-snippet", "modsecurity-transaction-id", "opentelemetry-trust-incoming-span",
            "permanent-redirect", "permanent-redirect-code", "preserve-trailing-slash", "proxy-body-size",
            "proxy-buffer-size", "proxy-buffering", "proxy-buffers-number", "proxy-busy-buffers-size",
            "proxy-connect-timeout", "proxy-cookie-domain", "proxy-cookie-path", "proxy-http-version",
            "proxy-max-temp-file-size", "proxy-next-upstream", "proxy-next-upstream-timeout",
            "proxy-next-upstream-tries", "proxy-read-timeout", "proxy-redirect-from", "proxy-redirect-to",
            "proxy-request-buffering", "proxy-send-timeout", "proxy-ssl-ciphers", "proxy-ssl-name",
            "proxy-ssl-protocols", "proxy-ssl-secret", "proxy-ssl-server-name", "proxy-ssl-verify",
            "proxy-ssl-verify-depth", "rewrite-log", "rewrite-target", "satisfy", "server-alias", "server-snippet",
            "service-upstream", "session-cookie-change-on-failure", "session-cookie-conditional-samesite-none",
            "session-cookie-domain", "session-cookie-expires", "session-cookie-max-age", "session-cookie-name",
            "session-cookie-path", "session-cookie-samesite", "session-cookie-secure", "ssl-ciphers",
            "ssl-prefer-server-ciphers", "ssl-passthrough", "ssl-redirect", "stream-snippet", "temporal-redirect",
            "temporal-redirect-code", "upstream-hash-by", "upstream-hash-by-subset", "upstream-hash-by-subset-size",
            "upstream-vhost", "use-regex", "whitelist-source-range", "allowlist-source-range",
            "x-forwarded-prefix", "client-max-body-size");

    private IngressNginxAnnotations() {
    }

    /** Any annotation whose name ends in -snippet is a snippet, and ingress-nginx rates all of them Critical. */
    public static boolean isSnippet(String key) {
        return key.startsWith(PREFIX) && key.endsWith("-snippet");
    }
}
