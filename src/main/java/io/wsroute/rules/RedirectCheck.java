package io.wsroute.rules;

import io.wsroute.nginx.AnnotationCatalog;
import io.wsroute.nginx.GoBool;
import io.wsroute.nginx.WsrouteAnnotations;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * WS104: an HTTP to HTTPS redirect answers a ws:// handshake with 301/308, and RFC 6455 clients fail on anything but
 * 101 (browsers do not follow redirects there). Harmless when clients only use wss://, which
 * {@code wsroute.io/wss-only: "true"} declares.
 *
 * <p>Both controllers redirect by default once the Ingress has spec.tls (ingress-nginx ssl-redirect, F5 ConfigMap
 * ssl-redirect), and always with ingress-nginx force-ssl-redirect or F5 redirect-to-https. A value Go's ParseBool
 * refuses leaves the default in place.
 */
final class RedirectCheck implements RuleCheck {

    private static final String TLS_DEFAULT = "spec.tls";

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        if ("true".equals(ingress.annotations().get(WsrouteAnnotations.WSS_ONLY))) {
            return Stream.empty();
        }
        return cause(ingress)
                .map(cause -> ingress.finding(
                        Rule.WS104,
                        cause.equals(TLS_DEFAULT) ? TLS_DEFAULT : ReviewedIngress.annotationField(cause),
                        (cause.equals(TLS_DEFAULT)
                                        ? "the Ingress has TLS, so %s redirects plain HTTP to HTTPS by default"
                                                .formatted(ingress.flavor().cliName())
                                        : "%s redirects plain HTTP to HTTPS".formatted(cause))
                                + "; a ws:// handshake gets a redirect instead of 101, and WebSocket clients fail on it",
                        "have clients connect with wss:// and declare it with %s: \"true\", or set %s: \"false\""
                                .formatted(
                                        WsrouteAnnotations.WSS_ONLY,
                                        cause.equals(TLS_DEFAULT)
                                                ? AnnotationCatalog.sslRedirect(ingress.flavor())
                                                : cause)))
                .stream();
    }

    /** The annotation that causes the redirect, {@link #TLS_DEFAULT} for the TLS default, empty for none. */
    private static Optional<String> cause(ReviewedIngress ingress) {
        String always = ingress.plane().forceSslRedirect();
        if (ingress.isTrue(always)) {
            return Optional.of(always);
        }
        if (!ingress.hasTls()) {
            return Optional.empty();
        }
        String own = ingress.plane().sslRedirect();
        // The F5 controller falls back to the legacy key when its own is absent.
        String sslRedirect = ingress.annotations().containsKey(own)
                ? own
                : ingress.plane().legacySslRedirect().orElse(own);
        Optional<Boolean> explicit = GoBool.parse(ingress.annotations().get(sslRedirect));
        if (explicit.isEmpty()) {
            return Optional.of(TLS_DEFAULT);
        }
        return explicit.get() ? Optional.of(sslRedirect) : Optional.empty();
    }
}
