package io.wsroute.nginx;

import java.util.List;
import java.util.Map;

/**
 * What ingress-nginx does with {@code nginx.ingress.kubernetes.io/ssl-passthrough: "true"} (README "TLS passthrough").
 *
 * <p>With the controller's {@code --enable-ssl-passthrough} flag, a TCP proxy inside the controller takes every
 * connection on the HTTPS port, reads the SNI host name, and pipes the connections for a passthrough host unopened
 * to the ClusterIP of one Service: the one behind that host's {@code /} path (other paths are ignored for
 * passthrough). nginx never sees those connections, so no HTTP-level setting of the Ingress (timeouts, upgrade
 * headers, HTTP version, affinity, snippets) applies to them, the pipe has no idle timeout, and nginx reloads do not
 * cut them. Plain-HTTP requests on port 80 still go through nginx.
 *
 * <p>Without the flag the TLS proxy does not run: nginx terminates TLS itself (the Ingress's certificate or the
 * controller's default one) and the annotation only makes it proxy to the backend over HTTPS, so every HTTP-level
 * setting applies as usual.
 */
public final class IngressNginxPassthrough {

    /** The only path whose Service receives passthrough connections. */
    public static final String ROOT_PATH = "/";

    /**
     * Annotations that act only in nginx's HTTP layer and that users set for WebSocket traffic, so it matters that
     * they do not reach passthrough connections.
     */
    public static final List<String> HTTP_LEVEL_WEBSOCKET_ANNOTATIONS = List.of(
            IngressNginxAnnotations.PROXY_READ_TIMEOUT,
            IngressNginxAnnotations.PROXY_SEND_TIMEOUT,
            IngressNginxAnnotations.PROXY_HTTP_VERSION,
            IngressNginxAnnotations.CONNECTION_PROXY_HEADER,
            IngressNginxAnnotations.CONFIGURATION_SNIPPET,
            IngressNginxAnnotations.BACKEND_PROTOCOL,
            IngressNginxAnnotations.AFFINITY,
            IngressNginxAnnotations.UPSTREAM_HASH_BY,
            IngressNginxAnnotations.LOAD_BALANCE,
            IngressNginxAnnotations.SERVICE_UPSTREAM);

    private IngressNginxPassthrough() {}

    /** True when the Ingress asks for passthrough as the controller's parser reads it (Go's ParseBool). */
    public static boolean requested(Map<String, String> annotations) {
        return GoBool.isTrue(annotations.get(IngressNginxAnnotations.SSL_PASSTHROUGH));
    }

    /** The HTTP-level WebSocket annotations the Ingress carries, which passthrough connections never see. */
    public static List<String> bypassed(Map<String, String> annotations) {
        return HTTP_LEVEL_WEBSOCKET_ANNOTATIONS.stream()
                .filter(annotations::containsKey)
                .toList();
    }
}
