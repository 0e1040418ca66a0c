package io.wsroute.rules;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Entry point of the rules engine: pure functions of an {@link IngressReview}, safe to share between threads.
 * Ingresses that do not carry WebSocket traffic get no finding (except WS100, a bad opt-in marker) and no change.
 */
public final class WebSocketRules {

    /** Decides whether the Ingress carries WebSocket traffic (README "What it checks"). */
    public WebSocketDetection detect(IngressReview review) {
        return new ReviewedIngress(review).detection();
    }

    /**
     * Whether the Ingress carries WebSocket traffic, its open findings in rule-id order (those about the
     * {@code wsroute.io/accept} list last), and the warnings accepted on purpose by that list.
     */
    public record Evaluation(WebSocketDetection detection, List<Finding> findings, List<Finding> accepted) {}

    /** The open findings for the Ingress (warnings accepted by {@code wsroute.io/accept} left out). */
    public List<Finding> evaluate(IngressReview review) {
        return evaluateWithDetection(review).findings();
    }

    /** {@link #evaluate} and {@link #detect} from one look at the Ingress, for callers that need both. */
    public Evaluation evaluateWithDetection(IngressReview review) {
        ReviewedIngress ingress = new ReviewedIngress(review);
        Stream<RuleCheck> checks = ingress.detection().webSocket()
                ? Stream.concat(RuleChecks.ALWAYS.stream(), RuleChecks.WEBSOCKET.stream())
                : RuleChecks.ALWAYS.stream();
        List<Finding> findings = PassthroughCheck.withoutBypassed(
                ingress, checks.flatMap(check -> check.check(ingress)).toList());
        if (!ingress.detection().webSocket()) {
            // The accept list only means something where the WebSocket rules run.
            return new Evaluation(ingress.detection(), findings, List.of());
        }
        Acceptance.Outcome outcome = Acceptance.apply(ingress, findings);
        return new Evaluation(ingress.detection(), outcome.open(), outcome.accepted());
    }

    /** Names of the Services the Ingress routes to, so adapters know which Services to look up. */
    public static List<String> backendServiceNames(Ingress ingress) {
        return ReviewedIngress.backendsOf(ingress, Map.of()).stream()
                .map(Backend::serviceName)
                .distinct()
                .toList();
    }

    /** Annotations to add so the Ingress works; {@link Remediation#NONE} for non-WebSocket Ingresses. */
    public Remediation remediate(IngressReview review) {
        ReviewedIngress ingress = new ReviewedIngress(review);
        return ingress.detection().webSocket() ? Remediator.remediate(ingress) : Remediation.NONE;
    }
}
