package io.wsroute.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.wsroute.audit.AuditSink.RuleSeverity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The audit's metrics (README "Metrics"): current state as gauges, so an alert on
 * {@code wsroute_audit_findings{severity="error"} > 0} fires while a broken Ingress exists and clears when it is
 * fixed; a rule/severity pair that no longer occurs disappears from the scrape.
 */
@ApplicationScoped
public class AuditMetrics {

    public static final String FINDINGS = "wsroute.audit.findings";
    public static final String INGRESSES = "wsroute.audit.ingresses";
    public static final String EVALUATIONS = "wsroute.audit.evaluations";
    public static final String EVENTS = "wsroute.audit.events";

    private final MultiGauge findings;
    private final AtomicInteger audited = new AtomicInteger();
    private final Counter evaluations;
    private final MeterRegistry registry;

    public AuditMetrics(MeterRegistry registry) {
        this.registry = registry;
        findings = MultiGauge.builder(FINDINGS).description("Current audit findings on Ingresses, by rule and severity")
                .register(registry);
        Gauge.builder(INGRESSES, audited, AtomicInteger::get)
                .description("Ingresses the audit evaluates (served by an NGINX class, mode not off)").register(registry);
        evaluations = Counter.builder(EVALUATIONS).description("Ingress evaluations by the audit").register(registry);
    }

    public void totals(Map<RuleSeverity, Integer> totals, int auditedIngresses, int evaluated) {
        findings.register(totals.entrySet().stream().map(e -> MultiGauge.Row.of(
                Tags.of("rule", e.getKey().rule(), "severity", e.getKey().severity()), e.getValue())).toList(), true);
        audited.set(auditedIngresses);
        evaluations.increment(evaluated);
    }

    /** An Event written on an Ingress: {@code reason} WebSocketFindings or WebSocketFindingsResolved. */
    public void event(String reason) {
        Counter.builder(EVENTS).description("Events the audit wrote on Ingresses, by reason").tag("reason", reason)
                .register(registry).increment();
    }

    public static List<String> names() {
        return List.of(FINDINGS, INGRESSES, EVALUATIONS, EVENTS);
    }
}
