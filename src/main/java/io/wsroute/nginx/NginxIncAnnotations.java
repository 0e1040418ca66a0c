package io.wsroute.nginx;

import java.util.Arrays;
import java.util.List;
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
    /** Service list, same format as {@link #WEBSOCKET_SERVICES}: these are proxied with grpc_pass. */
    public static final String GRPC_SERVICES = PREFIX + "grpc-services";

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

    /** lb-method values that keep a client on one pod (besides any {@code hash <key>}). */
    public static final String LB_METHOD_IP_HASH = "ip_hash";

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

    private static Set<String> namesUnder(String prefix) {
        return NginxIncAnnotationTable.keys(NginxIncVersion.LATEST).stream()
                .filter(key -> key.startsWith(prefix))
                .map(key -> key.substring(prefix.length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True for the snippet annotations the controller gates behind -enable-snippets. */
    public static boolean isSnippet(String key) {
        return key.equals(LOCATION_SNIPPETS) || key.equals(SERVER_SNIPPETS);
    }
}
