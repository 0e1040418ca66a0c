package io.wsroute.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.wsroute.audit.AuditSink.RuleSeverity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The audit's metrics (README "Metrics"): current state as gauges, so an alert on
 * {@code wsroute_audit_findings{severity="error"} > 0} fires while a broken Ingress exists and clears when it is
 * fixed (a rule/severity pair that no longer occurs stays at 0).
 */
@ApplicationScoped
public class AuditMetrics {

    public static final String FINDINGS = "wsroute.audit.findings";
    public static final String ACCEPTED = "wsroute.audit.accepted";
    public static final String INGRESSES = "wsroute.audit.ingresses";
    public static final String HTTP_ROUTES = "wsroute.audit.http.routes";
    public static final String EVALUATIONS = "wsroute.audit.evaluations";
    public static final String EVENTS = "wsroute.audit.events";

    /** One gauge per rule/severity pair ever seen, kept (at 0 when none is left) rather than removed and re-added. */
    private final Map<RuleSeverity, AtomicInteger> findings = new java.util.concurrent.ConcurrentHashMap<>();
    /** Same for accepted warnings, by rule. */
    private final Map<String, AtomicInteger> accepted = new java.util.concurrent.ConcurrentHashMap<>();

    private final AtomicInteger audited = new AtomicInteger();
    private final AtomicInteger auditedRoutes = new AtomicInteger();
    private final Counter evaluations;
    private final MeterRegistry registry;

    public AuditMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(INGRESSES, audited, AtomicInteger::get)
                .description("Ingresses the audit evaluates (served by an NGINX class, mode not off)")
                .register(registry);
        Gauge.builder(HTTP_ROUTES, auditedRoutes, AtomicInteger::get)
                .description("HTTPRoutes the audit evaluates (mode not off)")
                .register(registry);
        evaluations = Counter.builder(EVALUATIONS)
                .description("Ingress and HTTPRoute evaluations by the audit")
                .register(registry);
    }

    public void totals(
            Map<RuleSeverity, Integer> totals,
            Map<String, Integer> acceptedTotals,
            int auditedIngresses,
            int auditedHttpRoutes,
            int evaluated) {
        acceptedTotals
                .keySet()
                .forEach(rule -> accepted.computeIfAbsent(rule, r -> {
                    AtomicInteger value = new AtomicInteger();
                    Gauge.builder(ACCEPTED, value, AtomicInteger::get)
                            .description("Warnings on Ingresses accepted with wsroute.io/accept, by rule")
                            .tags(Tags.of("rule", r))
                            .register(registry);
                    return value;
                }));
        accepted.forEach((rule, value) -> value.set(acceptedTotals.getOrDefault(rule, 0)));
        totals.keySet()
                .forEach(key -> findings.computeIfAbsent(key, k -> {
                    AtomicInteger value = new AtomicInteger();
                    Gauge.builder(FINDINGS, value, AtomicInteger::get)
                            .description("Current audit findings on Ingresses and HTTPRoutes, by rule and severity")
                            .tags(Tags.of("rule", k.rule(), "severity", k.severity()))
                            .register(registry);
                    return value;
                }));
        findings.forEach((key, value) -> value.set(totals.getOrDefault(key, 0)));
        audited.set(auditedIngresses);
        auditedRoutes.set(auditedHttpRoutes);
        evaluations.increment(evaluated);
    }

    /** An Event written on an Ingress: {@code reason} WebSocketFindings or WebSocketFindingsResolved. */
    public void event(String reason) {
        Counter.builder(EVENTS)
                .description("Events the audit wrote on Ingresses and HTTPRoutes, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    public static List<String> names() {
        return List.of(FINDINGS, ACCEPTED, INGRESSES, EVALUATIONS, EVENTS);
    }
}
