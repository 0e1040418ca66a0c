package io.wsroute.route;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Reconcile metrics: {@code wsroute_route_reconciles_total{ready,reason}} (reason as in the Ready condition, e.g.
 * IngressReady, ServiceNotFound) and {@code wsroute_route_reconcile_duration_seconds}. Reasons are a fixed set
 * (RouteReconciler), so the series count is bounded.
 */
@ApplicationScoped
public class RouteMetrics {

    public static final String RECONCILES = "wsroute.route.reconciles";
    public static final String DURATION = "wsroute.route.reconcile.duration";

    private final MeterRegistry registry;

    public RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void reconciled(RouteCondition ready, long nanos) {
        Counter.builder(RECONCILES)
                .description("WebSocketRoute reconciles, by outcome (the Ready condition)")
                .tag("ready", Boolean.toString(ready.isTrue()))
                .tag("reason", ready.reason())
                .register(registry)
                .increment();
        Timer.builder(DURATION)
                .description("Time a WebSocketRoute reconcile took")
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }
}
