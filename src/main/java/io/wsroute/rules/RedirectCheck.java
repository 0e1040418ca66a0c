package io.wsroute.rules;

import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.WsrouteAnnotations;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * WS104: an HTTP to HTTPS redirect answers a ws:// handshake with 301/308, and RFC 6455 clients fail on anything
 * but 101. Harmless when clients only use wss://, which {@code wsroute.io/wss-only: "true"} declares.
 */
final class RedirectCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        if ("true".equals(ingress.annotations().get(WsrouteAnnotations.WSS_ONLY))) {
            return Stream.empty();
        }
        return redirectingAnnotation(ingress).map(key -> ingress.finding(Rule.WS104,
                key.equals("spec.tls") ? "spec.tls" : ReviewedIngress.annotationField(key),
                (key.equals("spec.tls") ? "the Ingress has TLS, so the controller redirects plain HTTP to HTTPS by default"
                        : key + " redirects plain HTTP to HTTPS")
                        + "; a ws:// handshake gets a redirect, which WebSocket clients do not follow",
                "have clients connect with wss:// and declare it with %s: \"true\", or set %s: \"false\""
                        .formatted(WsrouteAnnotations.WSS_ONLY, disableKey(ingress.flavor(), key))))
                .stream();
    }

    /** The annotation that causes the redirect, or "spec.tls" for the TLS default; empty when no redirect. */
    private Optional<String> redirectingAnnotation(ReviewedIngress ingress) {
        if (ingress.flavor() == ControllerFlavor.INGRESS_NGINX) {
            if (isTrue(ingress, IngressNginxAnnotations.FORCE_SSL_REDIRECT)) {
                return Optional.of(IngressNginxAnnotations.FORCE_SSL_REDIRECT);
            }
            return ingress.hasTls() ? redirectUnlessDisabled(ingress, IngressNginxAnnotations.SSL_REDIRECT)
                    : Optional.empty();
        }
        if (isTrue(ingress, NginxIncAnnotations.REDIRECT_TO_HTTPS)) {
            return Optional.of(NginxIncAnnotations.REDIRECT_TO_HTTPS);
        }
        return ingress.hasTls() ? redirectUnlessDisabled(ingress, NginxIncAnnotations.SSL_REDIRECT) : Optional.empty();
    }

    private static Optional<String> redirectUnlessDisabled(ReviewedIngress ingress, String key) {
        Optional<String> value = ingress.annotation(key);
        if (value.isEmpty()) {
            return Optional.of("spec.tls");
        }
        return isTrue(ingress, key) ? Optional.of(key) : Optional.empty();
    }

    private static String disableKey(ControllerFlavor flavor, String cause) {
        if (!cause.equals("spec.tls")) {
            return cause;
        }
        return flavor == ControllerFlavor.INGRESS_NGINX ? IngressNginxAnnotations.SSL_REDIRECT
                : NginxIncAnnotations.SSL_REDIRECT;
    }

    private static boolean isTrue(ReviewedIngress ingress, String key) {
        return ingress.annotation(key).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    }
}
