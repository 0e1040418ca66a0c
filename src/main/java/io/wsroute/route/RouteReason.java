package io.wsroute.route;

import java.util.Arrays;
import java.util.List;

/**
 * Every condition reason a route's status can carry that wsroute itself decides, with the condition it belongs to
 * and which part decides it; HandshakeVerified's verdict reasons are the probe's own ({@code ProbeOutcome}). README's
 * condition table lists exactly these (a test holds the two together).
 */
public enum RouteReason {
    INGRESS_READY("IngressReady", RouteCondition.READY, DecidedBy.ASSESSOR),
    /** A route with spec.gatewayRef: its HTTPRoute (and, on NGF, its ProxySettingsPolicy) are in place. */
    HTTP_ROUTE_READY("HTTPRouteReady", RouteCondition.READY, DecidedBy.ASSESSOR),
    INVALID_SPEC("InvalidSpec", RouteCondition.READY, DecidedBy.ASSESSOR),
    NO_INGRESS_CLASS("NoIngressClass", RouteCondition.READY, DecidedBy.ASSESSOR),
    INGRESS_CLASS_NOT_FOUND("IngressClassNotFound", RouteCondition.READY, DecidedBy.ASSESSOR),
    NOT_NGINX_CLASS("NotNginxClass", RouteCondition.READY, DecidedBy.ASSESSOR),
    SERVICE_NOT_FOUND("ServiceNotFound", RouteCondition.READY, DecidedBy.ASSESSOR),
    PORT_NOT_FOUND("PortNotFound", RouteCondition.READY, DecidedBy.ASSESSOR),
    INGRESS_NAME_TAKEN("IngressNameTaken", RouteCondition.READY, DecidedBy.ASSESSOR),
    CONFLICT("Conflict", RouteCondition.READY, DecidedBy.ASSESSOR),
    RULE_VIOLATION("RuleViolation", RouteCondition.READY, DecidedBy.ASSESSOR),
    GATEWAY_API_NOT_SERVED("GatewayApiNotServed", RouteCondition.READY, DecidedBy.ASSESSOR),
    GATEWAY_NOT_FOUND("GatewayNotFound", RouteCondition.READY, DecidedBy.ASSESSOR),
    GATEWAY_CLASS_NOT_FOUND("GatewayClassNotFound", RouteCondition.READY, DecidedBy.ASSESSOR),
    HTTP_ROUTE_NAME_TAKEN("HTTPRouteNameTaken", RouteCondition.READY, DecidedBy.ASSESSOR),
    POLICY_NAME_TAKEN("ProxySettingsPolicyNameTaken", RouteCondition.READY, DecidedBy.ASSESSOR),
    /** The API server answered the Ingress (or HTTPRoute, policy) write with a refusal (webhook denial, validation, quota, conflict). */
    INGRESS_REJECTED("IngressRejected", RouteCondition.READY, DecidedBy.FAILED_WRITE),
    /** The Ingress (or HTTPRoute, policy) write got no answer (API server unreachable, or answering 5xx). */
    INGRESS_APPLY_FAILED("IngressApplyFailed", RouteCondition.READY, DecidedBy.FAILED_WRITE),
    ALL_SETTINGS_ENFORCED("AllSettingsEnforced", RouteCondition.ENFORCED, DecidedBy.ASSESSOR),
    SETTINGS_NOT_ENFORCED("SettingsNotEnforced", RouteCondition.ENFORCED, DecidedBy.ASSESSOR),
    /** A Gateway route whose idle timeout nothing sets: not NGF, or NGF without its ProxySettingsPolicy CRD. */
    IDLE_TIMEOUT_NOT_SET("IdleTimeoutNotSet", RouteCondition.ENFORCED, DecidedBy.ASSESSOR),
    PROBING("Probing", RouteCondition.HANDSHAKE_VERIFIED, DecidedBy.PROBES),
    NO_PROBE_ADDRESS("NoProbeAddress", RouteCondition.HANDSHAKE_VERIFIED, DecidedBy.PROBES);

    /** The part of the route's reconcile that sets a reason. */
    public enum DecidedBy {
        /** {@link RouteAssessor}, from a fixed view of the cluster. */
        ASSESSOR,
        /** {@link RouteTransitions#applyFailure}, when the Ingress write fails. */
        FAILED_WRITE,
        /** {@link RouteProbes}, before a probe has a verdict. */
        PROBES
    }

    private final String text;
    private final String condition;
    private final DecidedBy decidedBy;

    RouteReason(String text, String condition, DecidedBy decidedBy) {
        this.text = text;
        this.condition = condition;
        this.decidedBy = decidedBy;
    }

    /** CamelCase, as Kubernetes condition reasons are written. */
    public String text() {
        return text;
    }

    /** The condition type the reason belongs to. */
    public String condition() {
        return condition;
    }

    public DecidedBy decidedBy() {
        return decidedBy;
    }

    public static List<RouteReason> decidedBy(DecidedBy part) {
        return Arrays.stream(values()).filter(r -> r.decidedBy == part).toList();
    }
}
