package io.wsroute.rules;

import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;

import java.util.stream.Stream;

/**
 * WS112: snippet annotations the serving controller refuses. Both refuse the whole Ingress, not just the snippet:
 * ingress-nginx (since v1.12 it needs allow-snippet-annotations "true" and annotations-risk-level Critical) denies
 * it in its webhook and skips it in its sync loop; the F5 controller without -enable-snippets rejects it.
 */
final class SnippetGateCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        if (ingress.profile().snippetsAllowed()) {
            return Stream.empty();
        }
        return ingress.annotations().keySet().stream().sorted().filter(key -> isSnippet(ingress.flavor(), key))
                .map(key -> ingress.finding(Rule.WS112, ReviewedIngress.annotationField(key), reason(ingress, key),
                        fix(ingress, key)));
    }

    private static boolean isSnippet(ControllerFlavor flavor, String key) {
        return flavor == ControllerFlavor.INGRESS_NGINX ? IngressNginxAnnotations.isSnippet(key)
                : key.equals(NginxIncAnnotations.LOCATION_SNIPPETS) || key.equals(NginxIncAnnotations.SERVER_SNIPPETS);
    }

    private static String reason(ReviewedIngress ingress, String key) {
        if (ingress.flavor() == ControllerFlavor.NGINX_INC) {
            return key + " is refused: the F5 controller runs without -enable-snippets, so it rejects the whole Ingress";
        }
        return "%s is refused by ingress-nginx (%s: snippets need %s \"true\" and %s Critical, here risk level %s), so the whole Ingress is denied or skipped"
                .formatted(key, ingress.profile().source(), ControllerConfigMaps.ALLOW_SNIPPET_ANNOTATIONS,
                        ControllerConfigMaps.ANNOTATIONS_RISK_LEVEL, ingress.profile().riskLevel().configValue());
    }

    private static String fix(ReviewedIngress ingress, String key) {
        return ingress.flavor() == ControllerFlavor.INGRESS_NGINX
                ? "remove %s; WebSocket needs no snippet on ingress-nginx (use the first-class annotations)".formatted(key)
                : "remove %s and use first-class annotations such as %s".formatted(key,
                        NginxIncAnnotations.WEBSOCKET_SERVICES);
    }
}
