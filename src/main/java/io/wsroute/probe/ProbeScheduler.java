package io.wsroute.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs handshake probes for many keys (one per WebSocketRoute) in the background, bounded in every direction: at
 * most {@code concurrency} probes at once, at most {@code queueLimit} waiting (more are dropped and retried on a later
 * poll), at most one in flight per key, none more often than {@code interval} per key, each bounded by its request's
 * timeout. {@link #poll} never blocks: a reconciler calls it, gets the latest verdict (if any, and only for the same
 * request), and is called back through {@code onResult} when a new one arrives.
 */
public final class ProbeScheduler implements AutoCloseable {

    /**
     * @param concurrency probes running at once
     * @param queueLimit probes waiting for a thread; beyond it a poll schedules nothing (the next poll retries)
     * @param interval minimum time between two probes of the same key
     */
    public record Settings(int concurrency, int queueLimit, Duration interval) {
        public Settings {
            if (concurrency < 1 || queueLimit < 0) {
                throw new IllegalArgumentException("concurrency must be at least 1 and queueLimit at least 0");
            }
            Objects.requireNonNull(interval, "interval");
        }
    }

    /** A probe's result, when it finished, and what was probed. */
    public record Verdict(ProbeRequest request, ProbeResult result, Instant at) {}

    private final Settings settings;
    private final HandshakeProbe probe;
    private final Consumer<String> onResult;
    private final Consumer<ProbeResult> observer;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Map<String, Verdict> latest = new ConcurrentHashMap<>();
    private final Map<String, ProbeRequest> inFlight = new ConcurrentHashMap<>();

    public ProbeScheduler(Settings settings, HandshakeProbe probe, Consumer<String> onResult, Clock clock) {
        this(settings, probe, onResult, clock, result -> {});
    }

    /** @param observer sees every finished probe's result first (metrics: {@link ProbeMetrics}) */
    public ProbeScheduler(
            Settings settings,
            HandshakeProbe probe,
            Consumer<String> onResult,
            Clock clock,
            Consumer<ProbeResult> observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.onResult = Objects.requireNonNull(onResult, "onResult");
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger threads = new AtomicInteger();
        executor = new ThreadPoolExecutor(
                settings.concurrency(),
                settings.concurrency(),
                60,
                TimeUnit.SECONDS,
                settings.queueLimit() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(settings.queueLimit()),
                task -> {
                    Thread thread = new Thread(task, "wsroute-probe-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * The latest verdict for this key if it was for the same request; schedules a probe when there is none, when
     * the request changed, or when the last one is older than the interval. Never waits for a probe.
     */
    public Optional<Verdict> poll(String key, ProbeRequest request) {
        Verdict last = latest.get(key);
        boolean current = last != null && last.request().equals(request);
        boolean due = !current || !last.at().plus(settings.interval()).isAfter(clock.instant());
        if (due) {
            schedule(key, request);
        }
        return current ? Optional.of(last) : Optional.empty();
    }

    /** Drops what is known about a key (its route was deleted, or probing turned off for it). */
    public void forget(String key) {
        latest.remove(key);
    }

    /** Probes waiting or running, for metrics and tests. */
    public int pending() {
        return inFlight.size();
    }

    private void schedule(String key, ProbeRequest request) {
        if (inFlight.putIfAbsent(key, request) != null) {
            return; // one probe per key at a time
        }
        try {
            executor.execute(() -> run(key, request));
        } catch (RejectedExecutionException busy) {
            inFlight.remove(key, request); // saturated or closed: a later poll tries again
        }
    }

    private void run(String key, ProbeRequest request) {
        try {
            ProbeResult result = probe.probe(request);
            latest.put(key, new Verdict(request, result, clock.instant()));
            observer.accept(result);
        } finally {
            inFlight.remove(key, request);
        }
        try {
            onResult.accept(key);
        } catch (RuntimeException e) {
            // the verdict is stored; the next poll (the reconciler's periodic one) picks it up
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
