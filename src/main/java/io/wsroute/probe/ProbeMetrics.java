package io.wsroute.probe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The hook every handshake probe reports to: {@code wsroute_probe_results_total{outcome}} (outcome as in
 * {@link ProbeOutcome}'s reasons, e.g. Upgraded, UpgradeNotForwarded) and {@code wsroute_probe_duration_seconds}.
 */
@ApplicationScoped
public class ProbeMetrics {

    public static final String RESULTS = "wsroute.probe.results";
    public static final String DURATION = "wsroute.probe.duration";

    private final MeterRegistry registry;

    public ProbeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public ProbeResult record(ProbeResult result) {
        String outcome = result.outcome().reason();
        Counter.builder(RESULTS)
                .description("WebSocket handshake probes, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder(DURATION)
                .description("Time a handshake probe took")
                .register(registry)
                .record(result.elapsed());
        return result;
    }
}
