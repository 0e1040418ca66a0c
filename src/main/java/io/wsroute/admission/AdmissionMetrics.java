package io.wsroute.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Admission metrics (README "Metrics"): {@code wsroute_admission_requests_total{endpoint,verdict}} and the
 * latency histogram {@code wsroute_admission_duration_seconds{endpoint}} with fixed buckets around the API server's
 * webhook timeout (so {@code histogram_quantile} works and the series count stays small).
 */
@ApplicationScoped
public class AdmissionMetrics {

    public static final String REQUESTS = "wsroute.admission.requests";
    public static final String DURATION = "wsroute.admission.duration";
    public static final String ALLOWED = "allowed";
    public static final String DENIED = "denied";
    public static final String WARNED = "warned";
    /** Allowed without judging again: the route reconciler's own write of an object it judged (ReconcilerWrites). */
    public static final String OWN_WRITE = "own-write";
    /** Not decided on the object: bad request, internal error, or deadline missed (the latter two admit). */
    public static final String ERROR = "error";

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5)
    };

    private final MeterRegistry registry;
    // Registered once per endpoint (and verdict): building and registering a meter on every request cost more
    // than the rules of a small Ingress.
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    public AdmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String endpoint, String verdict, long nanos) {
        requests.computeIfAbsent(
                        endpoint + ' ' + verdict,
                        key -> Counter.builder(REQUESTS)
                                .description("Admission requests answered, by endpoint and verdict")
                                .tag("endpoint", endpoint)
                                .tag("verdict", verdict)
                                .register(registry))
                .increment();
        durations
                .computeIfAbsent(
                        endpoint,
                        key -> Timer.builder(DURATION)
                                .description("Time to answer an admission request")
                                .tag("endpoint", endpoint)
                                .serviceLevelObjectives(BUCKETS)
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    static String verdictOf(AdmissionVerdict verdict) {
        return !verdict.allowed() ? DENIED : verdict.warnings().isEmpty() ? ALLOWED : WARNED;
    }
}
