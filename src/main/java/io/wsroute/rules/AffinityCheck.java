package io.wsroute.rules;

import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * WS113: WebSocket traffic scattered over pods. Socket.IO, SockJS and SignalR fall back to HTTP long-polling, whose
 * requests must all reach the pod that holds the session (Socket.IO answers 400 "Session ID unknown" otherwise);
 * with several replicas that takes session affinity. Affinity that is set but cannot work is reported too: cookie
 * affinity with service-upstream (or F5 use-cluster-ip), which hands balancing to the ClusterIP, and cookie affinity
 * with regex paths but no session-cookie-path.
 */
final class AffinityCheck implements RuleCheck {

    private static final List<String> POLLING_PATH_MARKERS = List.of("/socket.io", "/sockjs", "/signalr");

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        boolean ingressNginx = ingress.flavor() == ControllerFlavor.INGRESS_NGINX;
        if (hasAffinity(ingress)) {
            return (ingressNginx ? defeatedIngressNginx(ingress) : defeatedNginxInc(ingress)).stream();
        }
        return ingress.webSocketBackends().stream()
                .flatMap(b -> needsAffinity(ingress, b).stream()
                        .map(why -> ingress.finding(
                                Rule.WS113,
                                b.field(),
                                why + "; without session affinity its requests land on different pods",
                                ingressNginx
                                        ? "set %s: \"cookie\" (or %s: \"$remote_addr\")"
                                                .formatted(
                                                        IngressNginxAnnotations.AFFINITY,
                                                        IngressNginxAnnotations.UPSTREAM_HASH_BY)
                                        : "set %s: \"%s\" (or use %s)"
                                                .formatted(
                                                        NginxIncAnnotations.LB_METHOD,
                                                        NginxIncAnnotations.LB_METHOD_IP_HASH,
                                                        NginxIncAnnotations.STICKY_COOKIE_SERVICES))))
                .limit(1);
    }

    /** Why this backend needs affinity, if it does: a long-polling path, or more than one replica. */
    private static Optional<String> needsAffinity(ReviewedIngress ingress, Backend backend) {
        String path = backend.path().toLowerCase(Locale.ROOT);
        Optional<String> marker =
                POLLING_PATH_MARKERS.stream().filter(path::contains).findFirst();
        if (marker.isPresent()) {
            return Optional.of("path %s looks like %s, which falls back to HTTP long-polling"
                    .formatted(backend.path(), marker.get().substring(1)));
        }
        int replicas = ingress.review().replicasOf(backend.serviceName()).orElse(1);
        return replicas > 1
                ? Optional.of("Service %s has %d replicas".formatted(backend.serviceName(), replicas))
                : Optional.empty();
    }

    private static boolean hasAffinity(ReviewedIngress ingress) {
        if (ingress.flavor() == ControllerFlavor.INGRESS_NGINX) {
            return isCookieAffinity(ingress)
                    || ingress.annotation(IngressNginxAnnotations.UPSTREAM_HASH_BY)
                            .filter(v -> !v.isBlank())
                            .isPresent();
        }
        return ingress.annotation(NginxIncAnnotations.LB_METHOD)
                        .map(AffinityCheck::isStickyLbMethod)
                        .orElse(false)
                || ingress.annotation(NginxIncAnnotations.STICKY_COOKIE_SERVICES)
                        .isPresent()
                || ingress.annotation(NginxIncAnnotations.PLUS_STICKY_COOKIE_SERVICES)
                        .isPresent();
    }

    /** ip_hash, or {@code hash <key> [consistent]} as the F5 controller's ParseLBMethod accepts it. */
    private static boolean isStickyLbMethod(String value) {
        String method = value.strip();
        if (method.equals(NginxIncAnnotations.LB_METHOD_IP_HASH)) {
            return true;
        }
        String[] words = method.split(" ");
        return words[0].equals("hash") && (words.length == 2 || words.length == 3 && words[2].equals("consistent"));
    }

    private static boolean isCookieAffinity(ReviewedIngress ingress) {
        return ingress.annotation(IngressNginxAnnotations.AFFINITY)
                .map(v -> v.strip().equals("cookie"))
                .orElse(false);
    }

    private static Optional<Finding> defeatedIngressNginx(ReviewedIngress ingress) {
        if (!isCookieAffinity(ingress)) {
            return Optional.empty();
        }
        if (ingress.isTrue(IngressNginxAnnotations.SERVICE_UPSTREAM)) {
            return Optional.of(ingress.finding(
                    Rule.WS113,
                    ReviewedIngress.annotationField(IngressNginxAnnotations.SERVICE_UPSTREAM),
                    "service-upstream \"true\" proxies to the Service's ClusterIP, so kube-proxy picks the pod and cookie affinity has no effect",
                    "remove %s".formatted(IngressNginxAnnotations.SERVICE_UPSTREAM)));
        }
        if (ingress.isTrue(IngressNginxAnnotations.USE_REGEX)
                && ingress.annotation(IngressNginxAnnotations.SESSION_COOKIE_PATH)
                        .isEmpty()) {
            return Optional.of(ingress.finding(
                    Rule.WS113,
                    ReviewedIngress.annotationField(IngressNginxAnnotations.SESSION_COOKIE_PATH),
                    "use-regex \"true\" with cookie affinity needs session-cookie-path: the cookie's Path would be the regex path itself, which browsers do not match, so the affinity cookie is not sent back",
                    "set %s: \"/\" (or the real path prefix)".formatted(IngressNginxAnnotations.SESSION_COOKIE_PATH)));
        }
        return Optional.empty();
    }

    private static Optional<Finding> defeatedNginxInc(ReviewedIngress ingress) {
        if (!ingress.isTrue(NginxIncAnnotations.USE_CLUSTER_IP)) {
            return Optional.empty();
        }
        return Optional.of(ingress.finding(
                Rule.WS113,
                ReviewedIngress.annotationField(NginxIncAnnotations.USE_CLUSTER_IP),
                "use-cluster-ip \"true\" proxies to the Service's ClusterIP, so kube-proxy picks the pod and the configured affinity has no effect",
                "remove %s".formatted(NginxIncAnnotations.USE_CLUSTER_IP)));
    }
}
