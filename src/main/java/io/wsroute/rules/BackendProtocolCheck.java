package io.wsroute.rules;

import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * WS107: a backend protocol that replaces proxy_pass, so there is no WebSocket tunnel: ingress-nginx
 * backend-protocol GRPC/GRPCS (grpc_pass) or FCGI (fastcgi_pass). AJP is not one: every release since 1.9 refuses
 * the value and proxies over HTTP. On the F5 controller, a WebSocket Service listed in nginx.org/grpc-services while
 * its ConfigMap sets http2 "true" (without http2 the controller ignores the list).
 */
final class BackendProtocolCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        // Each controller's own key, read only where the serving controller reads it.
        Stream<Finding> protocol =
                ingress.reads(IngressNginxAnnotations.BACKEND_PROTOCOL) ? ingressNginx(ingress) : Stream.empty();
        Stream<Finding> grpc = ingress.reads(NginxIncAnnotations.GRPC_SERVICES) ? nginxInc(ingress) : Stream.empty();
        return Stream.concat(protocol, grpc);
    }

    private static Stream<Finding> ingressNginx(ReviewedIngress ingress) {
        String key = IngressNginxAnnotations.BACKEND_PROTOCOL;
        // a value the release refuses (AJP on every release since 1.9) falls back to HTTP, which carries WebSocket
        return ingress
                .annotation(key)
                .filter(p -> ingress.ingressNginxAccepts(key))
                .map(p -> p.strip().toUpperCase(Locale.ROOT))
                .filter(IngressNginxAnnotations.NON_WEBSOCKET_BACKEND_PROTOCOLS::contains)
                .stream()
                .map(protocol -> ingress.finding(
                        Rule.WS107,
                        ReviewedIngress.annotationField(key),
                        "backend-protocol %s %s, which has no WebSocket tunnel".formatted(protocol, how(protocol)),
                        "serve the WebSocket paths from an Ingress without %s (HTTP, or HTTPS for wss backends)"
                                .formatted(key)));
    }

    private static String how(String protocol) {
        return protocol.equals("FCGI") ? "makes nginx proxy with fastcgi_pass" : "makes nginx proxy with grpc_pass";
    }

    private static Stream<Finding> nginxInc(ReviewedIngress ingress) {
        if (!ingress.profile().nginxInc().http2()) {
            return Stream.empty();
        }
        String key = NginxIncAnnotations.GRPC_SERVICES;
        Set<String> grpc = ingress.annotation(key)
                .map(v -> Set.copyOf(NginxIncAnnotations.parseServiceList(v)))
                .orElse(Set.of());
        return ingress.detection().services().stream()
                .sorted()
                .filter(grpc::contains)
                .map(service -> ingress.finding(
                        Rule.WS107,
                        ReviewedIngress.annotationField(key),
                        "Service %s carries WebSocket traffic but is listed in %s, and %s sets http2 \"true\", so nginx proxies it with grpc_pass, which has no WebSocket tunnel"
                                .formatted(service, key, ingress.profile().source()),
                        "remove %s from %s".formatted(service, key)));
    }
}
