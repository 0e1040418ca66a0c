package io.wsroute.rules;

import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;

import java.util.Set;
import java.util.stream.Stream;

/**
 * WS110, WS111: annotations that look like they configure the proxy but the serving controller never reads.
 * Neither controller warns about unknown keys, so a copied nginx.org/websocket-services on ingress-nginx, or the
 * invented nginx.ingress.kubernetes.io/websocket-services, just does nothing.
 */
final class AnnotationPrefixCheck implements RuleCheck {

    /** Prefix used by very old ingress-nginx releases and by other controllers; today's controllers ignore it. */
    static final String LEGACY_PREFIX = "ingress.kubernetes.io/";

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        return ingress.annotations().keySet().stream().sorted().flatMap(key -> classify(ingress, key));
    }

    private Stream<Finding> classify(ReviewedIngress ingress, String key) {
        ControllerFlavor serving = ingress.flavor();
        String field = ReviewedIngress.annotationField(key);
        if (key.equals(IngressNginxAnnotations.NONEXISTENT_WEBSOCKET_SERVICES)) {
            return Stream.of(ingress.finding(Rule.WS111, field,
                    key + " exists in no NGINX controller and is silently ignored",
                    serving == ControllerFlavor.NGINX_INC
                            ? "use %s instead".formatted(NginxIncAnnotations.WEBSOCKET_SERVICES)
                            : "remove it; ingress-nginx forwards WebSocket upgrades without any annotation"));
        }
        if (key.startsWith(LEGACY_PREFIX)) {
            return Stream.of(ingress.finding(Rule.WS111, field,
                    key + " uses the legacy prefix " + LEGACY_PREFIX + ", which no current NGINX controller reads",
                    "use " + serving.annotation(key.substring(LEGACY_PREFIX.length())) + " if that setting exists"));
        }
        for (ControllerFlavor other : ControllerFlavor.values()) {
            if (other != serving && key.startsWith(other.annotationPrefix())) {
                String name = key.substring(other.annotationPrefix().length());
                return Stream.of(ingress.finding(Rule.WS110, field,
                        "%s is an annotation of %s, but this Ingress is served by %s, which silently ignores it"
                                .formatted(key, other.cliName(), serving.cliName()),
                        counterpart(serving, name)));
            }
        }
        if (key.startsWith(serving.annotationPrefix())
                && !knownNames(serving).contains(key.substring(serving.annotationPrefix().length()))) {
            return Stream.of(ingress.finding(Rule.WS111, field,
                    key + " is not an annotation %s knows, so it is silently ignored".formatted(serving.cliName()),
                    "check the spelling against the %s annotation reference".formatted(serving.cliName())));
        }
        return Stream.empty();
    }

    private static Set<String> knownNames(ControllerFlavor flavor) {
        return flavor == ControllerFlavor.INGRESS_NGINX ? IngressNginxAnnotations.KNOWN_NAMES
                : NginxIncAnnotations.KNOWN_NAMES;
    }

    /** Where the same setting exists under the serving controller's prefix, name it; otherwise say what to do. */
    private static String counterpart(ControllerFlavor serving, String name) {
        if (serving == ControllerFlavor.INGRESS_NGINX && name.equals("websocket-services")) {
            return "remove it; ingress-nginx forwards WebSocket upgrades without any annotation";
        }
        if (knownNames(serving).contains(name)) {
            return "use %s instead (in that controller's value format)".formatted(serving.annotation(name));
        }
        return "remove it, or serve the Ingress from the controller it was written for";
    }
}
