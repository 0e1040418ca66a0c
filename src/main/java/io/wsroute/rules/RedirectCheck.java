package io.wsroute.rules;

import io.wsroute.nginx.ConfigMapRedirects;
import io.wsroute.nginx.DataPlane;
import io.wsroute.nginx.GoBool;
import io.wsroute.nginx.WsrouteAnnotations;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * WS104: an HTTP to HTTPS redirect answers a ws:// handshake with 301/308, and RFC 6455 clients fail on anything but
 * 101 (browsers do not follow redirects there). Harmless when clients only use wss://, which
 * {@code wsroute.io/wss-only: "true"} declares.
 *
 * <p>Each setting is the Ingress's annotation when the controller can parse it (Go's ParseBool), else the
 * controller ConfigMap's key ({@link ConfigMapRedirects}), else the controller's default: both controllers redirect
 * plain HTTP to hosts with TLS unless ssl-redirect is off. ingress-nginx force-ssl-redirect redirects every plain
 * HTTP request; F5 redirect-to-https redirects requests that arrive with {@code X-Forwarded-Proto: http}, which is how
 * a TLS-terminating load balancer in front passes on a plain ws:// handshake.
 */
final class RedirectCheck implements RuleCheck {

    private static final String TLS_DEFAULT = "spec.tls";

    /** Why the redirect happens: the field to point at, what it does, and the annotation that turns it off. */
    private record Cause(String field, String what, String offSwitch) {}

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        if ("true".equals(ingress.annotations().get(WsrouteAnnotations.WSS_ONLY))) {
            return Stream.empty();
        }
        return cause(ingress).stream()
                .map(cause -> ingress.finding(
                        Rule.WS104,
                        cause.field(),
                        "%s with %d; a ws:// handshake gets that redirect instead of 101, and WebSocket clients fail on it"
                                .formatted(cause.what(), code(ingress)),
                        "have clients connect with wss:// and declare it with %s: \"true\", or set %s: \"false\" on this Ingress"
                                .formatted(WsrouteAnnotations.WSS_ONLY, cause.offSwitch())));
    }

    private static Optional<Cause> cause(ReviewedIngress ingress) {
        DataPlane plane = ingress.plane();
        ConfigMapRedirects configured = ingress.profile().redirects();
        String always = plane.forceSslRedirect();
        Optional<Boolean> force = ingress.droppedByMergeable(always)
                ? Optional.empty()
                : GoBool.parse(ingress.annotations().get(always));
        if (force.orElse(false)) {
            return Optional.of(new Cause(
                    ReviewedIngress.annotationField(always),
                    "%s redirects %s to HTTPS".formatted(always, plane.forceRedirectScope()),
                    always));
        }
        if (force.isEmpty() && configured.forceRedirect()) {
            String key = plane.configMapRedirects().forceKey();
            return Optional.of(new Cause(
                    ConfigMapProblemsCheck.configMapField(ingress, key),
                    "%s sets %s, so %s redirects %s to HTTPS"
                            .formatted(
                                    ingress.profile().source(),
                                    key,
                                    plane.flavor().cliName(),
                                    plane.forceRedirectScope()),
                    always));
        }
        // A minion's own TLS and redirect annotations do not count: its master's server decides.
        if (!ingress.hasTls() || ingress.isMergeableMinion()) {
            return Optional.empty();
        }
        String own = plane.sslRedirect();
        // The F5 controller falls back to the legacy key when its own is absent.
        String sslRedirect = ingress.annotations().containsKey(own)
                ? own
                : plane.legacySslRedirect().orElse(own);
        Optional<Boolean> explicit = GoBool.parse(ingress.annotations().get(sslRedirect));
        if (explicit.isPresent()) {
            return explicit.get()
                    ? Optional.of(new Cause(
                            ReviewedIngress.annotationField(sslRedirect),
                            "%s redirects plain HTTP to HTTPS".formatted(sslRedirect),
                            sslRedirect))
                    : Optional.empty();
        }
        if (!configured.sslRedirect()) {
            return Optional.empty();
        }
        return Optional.of(new Cause(
                TLS_DEFAULT,
                "the Ingress has TLS, so %s redirects plain HTTP to HTTPS (ssl-redirect, on by default)"
                        .formatted(plane.flavor().cliName()),
                own));
    }

    /** The ConfigMap's http-redirect-code, unless the controller has an annotation for it that Go can parse. */
    private static int code(ReviewedIngress ingress) {
        int configured = ingress.profile().redirects().code();
        return ingress.plane()
                .redirectCodeAnnotation()
                .flatMap(ingress::annotation)
                .flatMap(ConfigMapRedirects::parseCode)
                .orElse(configured);
    }
}
