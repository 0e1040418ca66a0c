package io.wsroute.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs handshake probes for many keys (one per WebSocketRoute) in the background, bounded in every direction: at
 * most {@code concurrency} probes at once, at most {@code queueLimit} waiting (more are dropped and retried on a later
 * poll), at most one in flight per key, none more often than {@code interval} per key, each bounded by its request's
 * timeout. {@link #poll} never blocks: a reconciler calls it, gets the latest verdict (if any, and only for the same
 * request), and is called back through {@code onResult} when a new one arrives.
 * <p>
 * Each key's verdicts belong to an owner (a route's UID): a route deleted and recreated under the same name never
 * sees its predecessor's verdict, and {@link #forget} discards a probe still in flight. A probe that throws becomes
 * a {@link ProbeOutcome#PROBE_FAILED} verdict (logged), so its route does not wait for ever.
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

    /** A probe's result, when it finished, what was probed, and for whom. */
    public record Verdict(String owner, ProbeRequest request, ProbeResult result, Instant at) {}

    /** One scheduled probe: identity (not equality) tells it from a later probe of the same key. */
    private record Ticket(String owner, ProbeRequest request) {}

    private static final Logger LOG = Logger.getLogger(ProbeScheduler.class);

    private final Settings settings;
    private final Function<ProbeRequest, ProbeResult> probe;
    private final Consumer<String> onResult;
    private final Consumer<ProbeResult> observer;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Map<String, Verdict> latest = new ConcurrentHashMap<>();
    private final Map<String, Ticket> inFlight = new ConcurrentHashMap<>();

    /** @param probe runs one probe ({@link HandshakeProbe#probe} in production) */
    public ProbeScheduler(
            Settings settings, Function<ProbeRequest, ProbeResult> probe, Consumer<String> onResult, Clock clock) {
        this(settings, probe, onResult, clock, result -> {});
    }

    /** @param observer sees every finished probe's result first (metrics: {@link ProbeMetrics}) */
    public ProbeScheduler(
            Settings settings,
            Function<ProbeRequest, ProbeResult> probe,
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
     * The latest verdict for this key if it was for the same owner and request; schedules a probe when there is
     * none, when the owner or request changed, or when the last one is older than the interval. Never waits for a
     * probe.
     */
    public Optional<Verdict> poll(String key, String owner, ProbeRequest request) {
        Verdict last = latest.get(key);
        boolean current =
                last != null && last.owner().equals(owner) && last.request().equals(request);
        boolean due = !current || !last.at().plus(settings.interval()).isAfter(clock.instant());
        if (due) {
            schedule(key, new Ticket(owner, request));
        }
        return current ? Optional.of(last) : Optional.empty();
    }

    /**
     * Drops what is known about a key (its route was deleted, or probing turned off for it), including the verdict
     * of a probe still in flight: it is discarded when it finishes.
     */
    public void forget(String key) {
        // under inFlight's lock for the key, so a finishing probe (complete) cannot store its verdict in between
        inFlight.compute(key, (k, ticket) -> {
            latest.remove(k);
            return null;
        });
    }

    /** Probes waiting or running, for metrics and tests. */
    public int pending() {
        return inFlight.size();
    }

    private void schedule(String key, Ticket ticket) {
        if (inFlight.putIfAbsent(key, ticket) != null) {
            return; // one probe per key at a time
        }
        try {
            executor.execute(() -> run(key, ticket));
        } catch (RejectedExecutionException busy) {
            release(key, ticket); // saturated or closed: a later poll tries again
        }
    }

    private void run(String key, Ticket ticket) {
        long start = System.nanoTime();
        ProbeResult result;
        try {
            result = probe.apply(ticket.request());
        } catch (VirtualMachineError fatal) {
            release(key, ticket); // no verdict; a later poll may try again
            throw fatal;
        } catch (RuntimeException | Error e) {
            // The pool would swallow it and the route would say Probing for ever: make it a verdict, and say why.
            LOG.errorf(
                    e,
                    "handshake probe of %s for %s failed inside wsroute",
                    ticket.request().url(),
                    key);
            result = new ProbeResult(
                    ProbeOutcome.PROBE_FAILED,
                    OptionalInt.empty(),
                    "the probe failed inside wsroute (" + e + "); the operator's log has the details",
                    Duration.ofNanos(System.nanoTime() - start));
        }
        if (!complete(key, ticket, new Verdict(ticket.owner(), ticket.request(), result, clock.instant()))) {
            return; // forgotten meanwhile: nobody is waiting for this verdict
        }
        try {
            observer.accept(result);
            onResult.accept(key);
        } catch (RuntimeException e) {
            // The verdict is stored; the route's next periodic reconcile picks it up.
            LOG.warnf(e, "handshake probe result handler failed for %s", key);
        }
    }

    private void release(String key, Ticket ticket) {
        inFlight.computeIfPresent(key, (k, current) -> current == ticket ? null : current);
    }

    /** Stores the verdict and frees the key, unless the ticket was forgotten (or replaced) meanwhile. */
    private boolean complete(String key, Ticket ticket, Verdict verdict) {
        boolean[] stored = {false};
        inFlight.computeIfPresent(key, (k, current) -> {
            if (current != ticket) {
                return current;
            }
            latest.put(k, verdict);
            stored[0] = true;
            return null;
        });
        return stored[0];
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
