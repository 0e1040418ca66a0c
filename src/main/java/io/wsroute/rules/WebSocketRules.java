package io.wsroute.rules;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.nginx.WsrouteAnnotations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Entry point of the rules engine: pure functions of an {@link IngressReview}, safe to share between threads. */
public final class WebSocketRules {

    private static final List<RuleCheck> CHECKS = List.of(new TimeoutCheck(), new RedirectCheck(),
            new UpgradePathCheck(), new NginxIncServicesCheck(), new AnnotationPrefixCheck(), new SnippetGateCheck(),
            new AffinityCheck(), new ControllerCheck());
    private static final Set<String> MARKER_VALUES = Set.of("true", "false");

    /** Decides whether the Ingress carries WebSocket traffic (DESIGN.md "An Ingress is treated as WebSocket"). */
    public WebSocketDetection detect(IngressReview review) {
        return new ReviewedIngress(review).detection();
    }

    /** All findings for the Ingress; for Ingresses that do not carry WebSocket traffic, only WS100. */
    public List<Finding> evaluate(IngressReview review) {
        ReviewedIngress ingress = new ReviewedIngress(review);
        List<Finding> findings = new ArrayList<>();
        ingress.annotation(WsrouteAnnotations.WEBSOCKET).filter(v -> !MARKER_VALUES.contains(v))
                .ifPresent(value -> findings.add(ingress.finding(Rule.WS100,
                        ReviewedIngress.annotationField(WsrouteAnnotations.WEBSOCKET),
                        "\"%s\" is not a valid value; wsroute cannot tell whether this Ingress carries WebSocket traffic"
                                .formatted(value),
                        "set %s to \"true\" or \"false\"".formatted(WsrouteAnnotations.WEBSOCKET))));
        if (ingress.detection().webSocket()) {
            CHECKS.forEach(check -> check.check(ingress).forEach(findings::add));
        }
        return List.copyOf(findings);
    }

    /** Names of the Services the Ingress routes to, so adapters know which Services to look up. */
    public static List<String> backendServiceNames(Ingress ingress) {
        return ReviewedIngress.backendsOf(ingress, Map.of()).stream().map(Backend::serviceName).distinct().toList();
    }

    /** Annotations to add so the Ingress works; {@link Remediation#NONE} for non-WebSocket Ingresses. */
    public Remediation remediate(IngressReview review) {
        ReviewedIngress ingress = new ReviewedIngress(review);
        return ingress.detection().webSocket() ? Remediator.remediate(ingress) : Remediation.NONE;
    }
}
