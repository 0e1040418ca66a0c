package io.wsroute.nginx;

import java.util.Set;

/** Annotation keys of the F5 NGINX Ingress Controller that matter to WebSocket traffic (prefix nginx.org/). */
public final class NginxIncAnnotations {

    public static final String PREFIX = ControllerFlavor.NGINX_INC.annotationPrefix();
    public static final String WEBSOCKET_SERVICES = PREFIX + "websocket-services";
    public static final String PROXY_READ_TIMEOUT = PREFIX + "proxy-read-timeout";
    public static final String PROXY_SEND_TIMEOUT = PREFIX + "proxy-send-timeout";
    public static final String PROXY_CONNECT_TIMEOUT = PREFIX + "proxy-connect-timeout";
    public static final String LOCATION_SNIPPETS = PREFIX + "location-snippets";
    public static final String SERVER_SNIPPETS = PREFIX + "server-snippets";
    public static final String SSL_SERVICES = PREFIX + "ssl-services";
    public static final String GRPC_SERVICES = PREFIX + "grpc-services";
    public static final String REDIRECT_TO_HTTPS = PREFIX + "redirect-to-https";
    public static final String SSL_REDIRECT = PREFIX + "ssl-redirect";
    public static final String LB_METHOD = PREFIX + "lb-method";
    public static final String STICKY_COOKIE_SERVICES = PREFIX + "sticky-cookie-services";
    /** The legacy, NGINX Plus-only spelling of sticky cookies. */
    public static final String PLUS_STICKY_COOKIE_SERVICES = "nginx.com/sticky-cookie-services";

    /** Every annotation name (after nginx.org/) the F5 controller reads for Ingress resources. */
    public static final Set<String> KNOWN_NAMES = Set.of(
            "proxy-connect-timeout", "proxy-read-timeout", "proxy-send-timeout", "client-max-body-size",
            "proxy-buffering", "proxy-buffers", "proxy-buffer-size", "proxy-max-temp-file-size", "proxy-hide-headers",
            "proxy-pass-headers", "proxy-set-headers", "client-body-buffer-size", "server-tokens", "server-snippets",
            "location-snippets", "lb-method", "listen-ports", "listen-ports-ssl", "keepalive", "max-fails",
            "max-conns", "upstream-zone-size", "fail-timeout", "ssl-services", "grpc-services", "websocket-services",
            "rewrites", "redirect-to-https", "ssl-redirect", "hsts", "hsts-max-age", "hsts-include-subdomains",
            "hsts-behind-proxy", "mergeable-ingress-type", "sticky-cookie-services", "use-cluster-ip",
            "path-regex", "basic-auth-secret", "basic-auth-realm", "limit-req-rate", "limit-req-key",
            "limit-req-zone-size", "limit-req-delay", "limit-req-no-delay", "limit-req-burst", "limit-req-dry-run",
            "limit-req-log-level", "limit-req-reject-code", "limit-req-scale", "ssl-ciphers", "ssl-prefer-server-ciphers",
            "ssl-protocols", "app-protect-policy", "app-protect-enable", "rewrite-target", "http-redirect-code");

    private NginxIncAnnotations() {
    }
}
