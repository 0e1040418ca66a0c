package io.wsroute.nginx;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

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
    /** Service list, same format as {@link #WEBSOCKET_SERVICES}: these are proxied with grpc_pass. */
    public static final String GRPC_SERVICES = PREFIX + "grpc-services";

    public static final String REDIRECT_TO_HTTPS = PREFIX + "redirect-to-https";
    /** Defaults to true (ConfigMap ssl-redirect) when the Ingress has spec.tls. */
    public static final String SSL_REDIRECT = PREFIX + "ssl-redirect";
    /** Read as {@link #SSL_REDIRECT} when that one is absent: the only legacy-prefix key the controller knows. */
    public static final String LEGACY_SSL_REDIRECT = IngressNginxAnnotations.LEGACY_PREFIX + "ssl-redirect";
    /** round_robin, least_conn, ip_hash, random…, or {@code hash <key> [consistent]}. */
    public static final String LB_METHOD = PREFIX + "lb-method";
    /** Cookie stickiness; per the current docs it also works with NGINX OSS 1.29.6 and later. */
    public static final String STICKY_COOKIE_SERVICES = PREFIX + "sticky-cookie-services";
    /** The older, NGINX Plus-only spelling of sticky cookies. */
    public static final String PLUS_STICKY_COOKIE_SERVICES = PLUS_PREFIX + "sticky-cookie-services";
    /** "true" proxies to the Service's ClusterIP, so lb-method and sticky cookies no longer pick the pod. */
    public static final String USE_CLUSTER_IP = PREFIX + "use-cluster-ip";
    /** "master" or "minion"; a master may not carry the service lists, which are stripped from it. */
    public static final String MERGEABLE_INGRESS_TYPE = PREFIX + "mergeable-ingress-type";

    public static final String MERGEABLE_MASTER = "master";

    /** lb-method values that keep a client on one pod (besides any {@code hash <key>}). */
    public static final String LB_METHOD_IP_HASH = "ip_hash";

    /**
     * Every annotation name (after nginx.org/) the F5 controller reads on Ingress resources: the keys of
     * annotationValidations in internal/k8s/validation.go, plus sticky-cookie-services from the current docs.
     * Anything else under the prefix is silently ignored.
     */
    public static final Set<String> KNOWN_NAMES = Set.of(
            "app-root",
            "basic-auth-realm",
            "basic-auth-secret",
            "client-body-buffer-size",
            "client-max-body-size",
            "fail-timeout",
            "grpc-services",
            "hsts",
            "hsts-behind-proxy",
            "hsts-include-subdomains",
            "hsts-max-age",
            "http-redirect-code",
            "keepalive",
            "lb-method",
            "limit-req-burst",
            "limit-req-delay",
            "limit-req-dry-run",
            "limit-req-key",
            "limit-req-log-level",
            "limit-req-no-delay",
            "limit-req-rate",
            "limit-req-reject-code",
            "limit-req-scale",
            "limit-req-zone-size",
            "listen-ports",
            "listen-ports-ssl",
            "location-snippets",
            "max-conns",
            "max-fails",
            "mergeable-ingress-type",
            "path-regex",
            "proxy-buffer-size",
            "proxy-buffering",
            "proxy-buffers",
            "proxy-busy-buffers-size",
            "proxy-connect-timeout",
            "proxy-hide-headers",
            "proxy-max-temp-file-size",
            "proxy-next-upstream",
            "proxy-next-upstream-timeout",
            "proxy-next-upstream-tries",
            "proxy-pass-headers",
            "proxy-read-timeout",
            "proxy-send-timeout",
            "proxy-set-headers",
            "redirect-to-https",
            "rewrite-target",
            "rewrites",
            "server-snippets",
            "server-tokens",
            "ssl-ciphers",
            "ssl-prefer-server-ciphers",
            "ssl-redirect",
            "ssl-services",
            "sticky-cookie-services",
            "upstream-zone-size",
            "use-cluster-ip",
            "websocket-services");

    /** Every NGINX Plus annotation name (after nginx.com/) the F5 controller reads on Ingress resources. */
    public static final Set<String> KNOWN_PLUS_NAMES = Set.of(
            "health-checks",
            "health-checks-mandatory",
            "health-checks-mandatory-queue",
            "jwt-key",
            "jwt-login-url",
            "jwt-realm",
            "jwt-token",
            "slow-start",
            "sticky-cookie-services");

    private NginxIncAnnotations() {}

    /**
     * A service list as the controller reads it (ParseServiceList): split on commas and nothing else, so
     * {@code "a, b"} names {@code "a"} and {@code " b"}, and {@code ""} names the empty string.
     */
    public static List<String> parseServiceList(String value) {
        return Arrays.asList(value.split(",", -1));
    }

    /** True for the snippet annotations the controller gates behind -enable-snippets. */
    public static boolean isSnippet(String key) {
        return key.equals(LOCATION_SNIPPETS) || key.equals(SERVER_SNIPPETS);
    }
}
