package io.wsroute.rules;

import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * WS113: a fallback transport scattered over pods. Socket.IO, SockJS and SignalR can fall back to HTTP
 * long-polling, whose requests must all reach the pod that holds the session (Socket.IO answers 400 "Session ID
 * unknown" otherwise); with several replicas that takes session affinity. A plain WebSocket is one TCP connection and
 * needs none, so the rule fires only on evidence of a fallback ({@link FallbackTransport}), and not where the
 * replica count is known to be one. Affinity that is set but cannot work is reported too: cookie affinity with
 * service-upstream (or F5 use-cluster-ip), which hands balancing to the ClusterIP, and cookie affinity with regex
 * paths but no session-cookie-path.
 */
final class AffinityCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        if (ingress.tlsPassthrough()) {
            return passthrough(ingress);
        }
        if (hasAffinity(ingress)) {
            return Stream.concat(defeatedIngressNginx(ingress).stream(), defeatedNginxInc(ingress).stream())
                    .limit(1);
        }
        return ingress.webSocketBackends().stream()
                .flatMap(b -> needsAffinity(ingress, b).stream()
                        .map(why -> ingress.finding(
                                Rule.WS113,
                                b.field(),
                                why + "; without session affinity its requests land on different pods",
                                ingress.plane().affinityAdvice())))
                .limit(1);
    }

    /** Why this backend needs affinity, if it does: a fallback transport, unless it runs on one replica. */
    private static Optional<String> needsAffinity(ReviewedIngress ingress, Backend backend) {
        Optional<String> fallback = FallbackTransport.evidence(ingress, backend);
        if (fallback.isEmpty()) {
            return Optional.empty();
        }
        OptionalInt replicas = ingress.review().replicasOf(backend.serviceName());
        if (replicas.isPresent() && replicas.getAsInt() <= 1) {
            return Optional.empty();
        }
        return Optional.of(
                replicas.isPresent()
                        ? "%s and Service %s has %d replicas"
                                .formatted(fallback.get(), backend.serviceName(), replicas.getAsInt())
                        : fallback.get());
    }

    /**
     * Passthrough connections go to the Service's ClusterIP and kube-proxy picks the pod per connection, so only the
     * Service's own {@code sessionAffinity: ClientIP} keeps a session's requests together; nginx's keys do nothing.
     */
    private static Stream<Finding> passthrough(ReviewedIngress ingress) {
        return ingress.webSocketBackends().stream()
                .filter(b -> !clientIpAffinity(ingress, b.serviceName()))
                .flatMap(b -> needsAffinity(ingress, b).stream()
                        .map(why -> ingress.finding(
                                Rule.WS113,
                                b.field(),
                                why + "; ssl-passthrough hands TLS connections to the Service's ClusterIP, where "
                                        + "kube-proxy picks a pod per connection and nginx's affinity settings do not apply",
                                "set spec.sessionAffinity: ClientIP on Service %s".formatted(b.serviceName()))))
                .limit(1);
    }

    private static boolean clientIpAffinity(ReviewedIngress ingress, String serviceName) {
        var service = ingress.review().services().get(serviceName);
        return service != null
                && service.getSpec() != null
                && "ClientIP".equals(service.getSpec().getSessionAffinity());
    }

    /** Affinity through any key the serving controller reads (each controller has its own keys). */
    private static boolean hasAffinity(ReviewedIngress ingress) {
        return isCookieAffinity(ingress)
                || readAnnotation(ingress, IngressNginxAnnotations.UPSTREAM_HASH_BY)
                        .filter(v -> !v.isBlank())
                        .isPresent()
                || readAnnotation(ingress, NginxIncAnnotations.LB_METHOD)
                        .map(NginxIncAnnotations::lbMethodPinsClient)
                        .orElse(false)
                || readAnnotation(ingress, NginxIncAnnotations.STICKY_COOKIE_SERVICES)
                        .isPresent()
                || readAnnotation(ingress, NginxIncAnnotations.PLUS_STICKY_COOKIE_SERVICES)
                        .isPresent();
    }

    /** The annotation's value when the serving controller reads that key. */
    private static Optional<String> readAnnotation(ReviewedIngress ingress, String key) {
        return ingress.reads(key) ? ingress.annotation(key) : Optional.empty();
    }

    private static boolean isCookieAffinity(ReviewedIngress ingress) {
        return readAnnotation(ingress, IngressNginxAnnotations.AFFINITY)
                .map(v -> v.strip().equals("cookie"))
                .orElse(false);
    }

    private static Optional<Finding> defeatedIngressNginx(ReviewedIngress ingress) {
        if (!isCookieAffinity(ingress)) {
            return Optional.empty();
        }
        if (ingress.reads(IngressNginxAnnotations.SERVICE_UPSTREAM)
                && ingress.isTrue(IngressNginxAnnotations.SERVICE_UPSTREAM)) {
            return Optional.of(ingress.finding(
                    Rule.WS113,
                    ReviewedIngress.annotationField(IngressNginxAnnotations.SERVICE_UPSTREAM),
                    "service-upstream \"true\" proxies to the Service's ClusterIP, so kube-proxy picks the pod and cookie affinity has no effect",
                    "remove %s".formatted(IngressNginxAnnotations.SERVICE_UPSTREAM)));
        }
        if (ingress.reads(IngressNginxAnnotations.USE_REGEX)
                && ingress.isTrue(IngressNginxAnnotations.USE_REGEX)
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
        if (!ingress.reads(NginxIncAnnotations.USE_CLUSTER_IP) || !ingress.isTrue(NginxIncAnnotations.USE_CLUSTER_IP)) {
            return Optional.empty();
        }
        return Optional.of(ingress.finding(
                Rule.WS113,
                ReviewedIngress.annotationField(NginxIncAnnotations.USE_CLUSTER_IP),
                "use-cluster-ip \"true\" proxies to the Service's ClusterIP, so kube-proxy picks the pod and the configured affinity has no effect",
                "remove %s".formatted(NginxIncAnnotations.USE_CLUSTER_IP)));
    }
}
