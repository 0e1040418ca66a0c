package io.wsroute.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsroute.testing.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * What the background prober does when a probe or its result handler throws, and when a route goes away while its
 * probe is still running: with stand-in probes, so each interleaving is forced rather than hoped for.
 */
class ProbeSchedulerFailuresTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final ProbeRequest REQUEST =
            ProbeRequest.of("ws://127.0.0.1:1/chat", Optional.of("chat.example.com"), Duration.ofSeconds(1), false);
    private static final ProbeResult UPGRADED =
            new ProbeResult(ProbeOutcome.UPGRADED, OptionalInt.of(101), "101 Switching Protocols", Duration.ZERO);

    private final List<String> finished = new CopyOnWriteArrayList<>();
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private ProbeScheduler scheduler(Function<ProbeRequest, ProbeResult> probe, Consumer<String> onResult) {
        return new ProbeScheduler(new ProbeScheduler.Settings(2, 10, INTERVAL), probe, onResult, clock);
    }

    @Test
    void aProbeThatThrowsBecomesAFailedVerdictIsLoggedAndProbingGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        Function<ProbeRequest, ProbeResult> flaky = request -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("bug in the probe");
            }
            return UPGRADED;
        };
        try (LogCapture log = LogCapture.of(ProbeScheduler.class);
                ProbeScheduler scheduler = scheduler(flaky, finished::add)) {
            assertThat(scheduler.poll("apps/chat", "uid-1", REQUEST)).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> finished.contains("apps/chat"));

            ProbeScheduler.Verdict failed =
                    scheduler.poll("apps/chat", "uid-1", REQUEST).orElseThrow();
            assertThat(failed.result().outcome()).isEqualTo(ProbeOutcome.PROBE_FAILED);
            assertThat(failed.result().outcome().reason()).isEqualTo("ProbeFailed");
            assertThat(failed.result().upgraded()).isFalse();
            assertThat(failed.result().diagnosis()).contains("bug in the probe");
            assertThat(log.lines())
                    .anySatisfy(line -> assertThat(line.atLeast(Level.SEVERE)
                                    && line.message().contains("apps/chat")
                                    && line.message().contains("bug in the probe"))
                            .isTrue());

            // the key is free again: the next due poll probes anew
            now = now.plus(INTERVAL);
            scheduler.poll("apps/chat", "uid-1", REQUEST);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler
                            .poll("apps/chat", "uid-1", REQUEST)
                            .map(v -> v.result().upgraded())
                            .orElse(false));
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void aResultHandlerThatThrowsIsLoggedAndTheVerdictStillArrives() {
        Consumer<String> broken = key -> {
            throw new IllegalStateException("handler broke");
        };
        try (LogCapture log = LogCapture.of(ProbeScheduler.class);
                ProbeScheduler scheduler = scheduler(request -> UPGRADED, broken)) {
            scheduler.poll("apps/chat", "uid-1", REQUEST);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler.poll("apps/chat", "uid-1", REQUEST).isPresent());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> log.lines().stream()
                            .anyMatch(line -> line.atLeast(Level.WARNING)
                                    && line.message().contains("apps/chat")
                                    && line.message().contains("handler broke")));
            assertThat(scheduler.pending()).isZero();
        }
    }

    @Test
    void aProbeInFlightWhenItsRouteIsForgottenLeavesNoVerdictBehind() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Function<ProbeRequest, ProbeResult> slow = request -> {
            if (calls.incrementAndGet() == 1) {
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return UPGRADED;
        };
        try (ProbeScheduler scheduler = scheduler(slow, finished::add)) {
            scheduler.poll("apps/chat", "uid-1", REQUEST);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            scheduler.forget("apps/chat"); // deleted while its probe runs
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.pending() == 0);
            assertThat(finished).as("a forgotten probe reconciles nobody").isEmpty();

            // asked again under the same owner: the forgotten probe's verdict is not there, a new probe is scheduled
            assertThat(scheduler.poll("apps/chat", "uid-1", REQUEST)).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> finished.contains("apps/chat"));
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void aRouteRecreatedUnderTheSameNameDoesNotInheritItsPredecessorsVerdict() {
        try (ProbeScheduler scheduler = scheduler(request -> UPGRADED, finished::add)) {
            scheduler.poll("apps/chat", "uid-old", REQUEST);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler.poll("apps/chat", "uid-old", REQUEST).isPresent());

            // the delete was never seen (missed while another replica led): the new UID alone keeps them apart
            assertThat(scheduler.poll("apps/chat", "uid-new", REQUEST)).isEmpty();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler
                            .poll("apps/chat", "uid-new", REQUEST)
                            .map(v -> v.owner().equals("uid-new"))
                            .orElse(false));
        }
    }
}
