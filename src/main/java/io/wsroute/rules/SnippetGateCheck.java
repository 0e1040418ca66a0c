package io.wsroute.rules;

import io.wsroute.nginx.AnnotationCatalog;
import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.RiskLevel;
import io.wsroute.nginx.SnippetGate;
import java.util.stream.Stream;

/**
 * WS112: snippet annotations the serving controller refuses, which costs the whole Ingress, not just the snippet.
 * ingress-nginx since v1.12 needs allow-snippet-annotations "true" and annotations-risk-level Critical (every
 * *-snippet is rated Critical, the default level is High): its admission webhook denies the Ingress, and an Ingress
 * that got in anyway is skipped by the sync loop when the risk level is too low. The F5 controller without
 * -enable-snippets rejects the Ingress.
 */
final class SnippetGateCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        if (ingress.profile().snippetsAllowed()) {
            return Stream.empty();
        }
        return ingress.annotations().keySet().stream()
                .sorted()
                .filter(key -> AnnotationCatalog.isSnippet(ingress.flavor(), key))
                .map(key -> ingress.finding(
                        Rule.WS112, ReviewedIngress.annotationField(key), reason(ingress, key), fix(ingress, key)));
    }

    private static String reason(ReviewedIngress ingress, String key) {
        String source = ingress.profile().source();
        if (ingress.plane().snippetGate() == SnippetGate.CONTROLLER_FLAG) {
            return "%s needs the F5 controller's -enable-snippets flag, which is off (%s), so the controller rejects the whole Ingress (event \"Rejected\") and serves none of its paths"
                    .formatted(key, source);
        }
        RiskLevel level = ingress.profile().riskLevel();
        if (!level.admits(RiskLevel.CRITICAL)) {
            return ("ingress-nginx rates every *-snippet annotation Critical, but %s is %s (%s): its admission webhook denies the Ingress "
                            + "(\"contains risky annotation\"), and if it got in anyway the controller skips the whole Ingress, so none of its paths are served")
                    .formatted(ControllerConfigMaps.ANNOTATIONS_RISK_LEVEL, level.configValue(), source);
        }
        return ("%s does not set %s: \"true\": the ingress-nginx admission webhook denies the Ingress "
                        + "(\"Snippet directives are disabled by the Ingress administrator\"); if it got in anyway (no webhook, or one bypassed or failing open) "
                        + "the controller drops the snippet and serves the rest of the Ingress without it")
                .formatted(source, ControllerConfigMaps.ALLOW_SNIPPET_ANNOTATIONS);
    }

    private static String fix(ReviewedIngress ingress, String key) {
        if (ingress.plane().snippetGate() == SnippetGate.CONTROLLER_FLAG) {
            return "remove %s and use first-class annotations (%s, timeouts); or start the controller with -enable-snippets"
                    .formatted(key, NginxIncAnnotations.WEBSOCKET_SERVICES);
        }
        return "remove %s: WebSocket needs no snippet on ingress-nginx; or, if the snippet is really needed, set %s: \"true\" and %s: Critical in the controller ConfigMap"
                .formatted(
                        key,
                        ControllerConfigMaps.ALLOW_SNIPPET_ANNOTATIONS,
                        ControllerConfigMaps.ANNOTATIONS_RISK_LEVEL);
    }
}
