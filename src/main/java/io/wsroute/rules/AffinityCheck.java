package io.wsroute.rules;

import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * WS113: Socket.IO, SockJS and SignalR fall back to HTTP long-polling, whose requests must reach the same pod
 * ("Session ID unknown" 400s otherwise). Without affinity, several replicas scatter them.
 */
final class AffinityCheck implements RuleCheck {

    private static final List<String> POLLING_PATH_MARKERS = List.of("/socket.io", "/sockjs", "/signalr");

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        boolean ingressNginx = ingress.flavor() == ControllerFlavor.INGRESS_NGINX;
        if (ingressNginx && isCookieAffinity(ingress) && isTrue(ingress, IngressNginxAnnotations.SERVICE_UPSTREAM)) {
            return Stream.of(ingress.finding(Rule.WS113,
                    ReviewedIngress.annotationField(IngressNginxAnnotations.SERVICE_UPSTREAM),
                    "service-upstream \"true\" proxies to the Service's ClusterIP, which disables cookie affinity",
                    "remove %s".formatted(IngressNginxAnnotations.SERVICE_UPSTREAM)));
        }
        if (hasAffinity(ingress)) {
            return Stream.empty();
        }
        return ingress.webSocketBackends().stream().map(b -> reason(ingress, b).map(why -> ingress.finding(Rule.WS113,
                        b.field(), why + "; without session affinity, long-polling requests land on different pods",
                        ingressNginx ? "set %s: \"cookie\" (or %s: \"$remote_addr\")".formatted(
                                IngressNginxAnnotations.AFFINITY, IngressNginxAnnotations.UPSTREAM_HASH_BY)
                                : "set %s: \"ip_hash\" (or use %s)".formatted(NginxIncAnnotations.LB_METHOD,
                                        NginxIncAnnotations.STICKY_COOKIE_SERVICES))))
                .flatMap(Optional::stream).limit(1);
    }

    private static Optional<String> reason(ReviewedIngress ingress, Backend backend) {
        String path = backend.path().toLowerCase(Locale.ROOT);
        Optional<String> marker = POLLING_PATH_MARKERS.stream().filter(path::contains).findFirst();
        if (marker.isPresent()) {
            return Optional.of("path %s looks like %s, which falls back to HTTP long-polling".formatted(backend.path(),
                    marker.get().substring(1)));
        }
        int replicas = ingress.review().replicasOf(backend.serviceName()).orElse(1);
        return replicas > 1
                ? Optional.of("Service %s has %d replicas".formatted(backend.serviceName(), replicas))
                : Optional.empty();
    }

    private static boolean hasAffinity(ReviewedIngress ingress) {
        if (ingress.flavor() == ControllerFlavor.INGRESS_NGINX) {
            return isCookieAffinity(ingress) || ingress.annotation(IngressNginxAnnotations.UPSTREAM_HASH_BY).isPresent();
        }
        Optional<String> lbMethod = ingress.annotation(NginxIncAnnotations.LB_METHOD).map(String::trim);
        return lbMethod.map(m -> m.equals("ip_hash") || m.startsWith("hash ")).orElse(false)
                || ingress.annotation(NginxIncAnnotations.STICKY_COOKIE_SERVICES).isPresent()
                || ingress.annotation(NginxIncAnnotations.PLUS_STICKY_COOKIE_SERVICES).isPresent();
    }

    private static boolean isCookieAffinity(ReviewedIngress ingress) {
        return ingress.annotation(IngressNginxAnnotations.AFFINITY).map(v -> v.trim().equals("cookie")).orElse(false);
    }

    private static boolean isTrue(ReviewedIngress ingress, String key) {
        return ingress.annotation(key).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    }
}
