package io.wsroute.route;

import io.wsroute.route.api.WebSocketRouteStatus;
import java.util.Optional;

/** Decisions about a route's status that the reconciler's two paths (reconcile, error) share. Pure. */
final class RouteTransitions {

    private RouteTransitions() {}

    /** True when {@code ready} differs from the stored Ready condition (value or reason): worth an Event. */
    static boolean readinessChanged(WebSocketRouteStatus before, RouteCondition ready) {
        return before.condition(RouteCondition.READY)
                .map(c -> !ready.value().text().equals(c.getStatus())
                        || !ready.reason().equals(c.getReason()))
                .orElse(true);
    }

    /**
     * True when the change of Ready is worth an Event: every change, except a new route becoming Ready on its first
     * reconcile. That one is what every healthy route does, its status says so, and an Event for each would be one
     * more API write per route and noise in {@code kubectl get events}; a recovery (False to True) and every
     * Warning still get one.
     */
    static boolean worthAnEvent(WebSocketRouteStatus before, RouteCondition ready) {
        if (before.condition(RouteCondition.READY).isEmpty()) {
            return !ready.isTrue();
        }
        return readinessChanged(before, ready);
    }

    /** The Ready condition a failed reconcile implies, when the failure is a write of an owned object; else empty. */
    static Optional<RouteCondition> applyFailure(Exception e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof IngressApplyFailed)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return Optional.empty();
        }
        IngressApplyFailed failed = (IngressApplyFailed) cause;
        boolean refused = failed.code() >= 400 && failed.code() < 500;
        return Optional.of(RouteCondition.failed(
                RouteCondition.READY,
                (refused ? RouteReason.INGRESS_REJECTED : RouteReason.INGRESS_APPLY_FAILED).text(),
                "the API server %s the %s write (retrying): %s"
                        .formatted(refused ? "refused" : "did not take", failed.kind(), failed.apiServerMessage())));
    }

    /** {@code before} with Ready replaced, the other conditions and fields kept. */
    static WebSocketRouteStatus withReady(WebSocketRouteStatus before, RouteCondition ready, Long generation) {
        WebSocketRouteStatus status = new WebSocketRouteStatus();
        status.setConditions(before.getConditions());
        status.setUrl(before.getUrl());
        status.setController(before.getController());
        status.setIngressClassName(before.getIngressClassName());
        status.setIngressName(before.getIngressName());
        status.setAddress(before.getAddress());
        status.setGateway(before.getGateway());
        status.setHttpRouteName(before.getHttpRouteName());
        status.setObservedGeneration(generation);
        ready.applyTo(status, generation);
        // Nothing verified holds once the Ingress cannot be written.
        RouteCondition.remove(status, RouteCondition.HANDSHAKE_VERIFIED);
        return status;
    }
}
