package io.wsroute.rules;

import java.util.List;

/** Entry point of the rules engine: pure functions of an {@link IngressReview}. */
public final class WebSocketRules {

    /** Decides whether the Ingress carries WebSocket traffic (DESIGN.md "An Ingress is treated as WebSocket"). */
    public WebSocketDetection detect(IngressReview review) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** All findings for the Ingress; empty for Ingresses that do not carry WebSocket traffic. */
    public List<Finding> evaluate(IngressReview review) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Annotations to add so the Ingress works; {@link Remediation#NONE} for non-WebSocket Ingresses. */
    public Remediation remediate(IngressReview review) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
