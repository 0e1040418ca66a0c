package io.wsroute.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The background prober's bounds, against real nginx and a peer that never answers. */
class ProbeSchedulerTest {

    private static ProbeTargets targets;
    private final List<String> called = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
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
            return now.get();
        }
    };

    @BeforeAll
    static void start() throws Exception {
        targets = new ProbeTargets();
    }

    @AfterAll
    static void stop() throws Exception {
        if (targets != null) {
            targets.close();
        }
    }

    private ProbeScheduler scheduler(int concurrency, int queue) {
        return new ProbeScheduler(
                new ProbeScheduler.Settings(concurrency, queue, Duration.ofMinutes(5)),
                new HandshakeProbe()::probe,
                called::add,
                clock);
    }

    private static ProbeRequest request(String url, Duration timeout) {
        return ProbeRequest.of(url, Optional.of(ProbeTargets.HOST), timeout, false);
    }

    @Test
    void firstPollSchedulesAndReportsBack() {
        try (ProbeScheduler scheduler = scheduler(2, 10)) {
            ProbeRequest fixed = request(targets.ws("/fixed"), Duration.ofSeconds(10));
            assertThat(scheduler.poll("apps/chat", "uid", fixed)).isEmpty();
            await().atMost(Duration.ofSeconds(15)).until(() -> called.contains("apps/chat"));
            ProbeScheduler.Verdict verdict =
                    scheduler.poll("apps/chat", "uid", fixed).orElseThrow();
            assertThat(verdict.result().outcome()).isEqualTo(ProbeOutcome.UPGRADED);
            assertThat(verdict.at()).isEqualTo(now.get());
        }
    }

    @Test
    void aVerdictIsKeptForTheIntervalThenRefreshed() {
        try (ProbeScheduler scheduler = scheduler(1, 10)) {
            ProbeRequest plain = request(targets.ws("/plain"), Duration.ofSeconds(10));
            scheduler.poll("k", "uid", plain);
            await().atMost(Duration.ofSeconds(15)).until(() -> called.size() == 1);
            scheduler.poll("k", "uid", plain);
            assertThat(scheduler.pending())
                    .as("within the interval: no new probe")
                    .isZero();

            now.set(now.get().plus(Duration.ofMinutes(5)));
            assertThat(scheduler.poll("k", "uid", plain))
                    .get()
                    .extracting(v -> v.result().outcome())
                    .isEqualTo(ProbeOutcome.UPGRADE_NOT_FORWARDED);
            await().atMost(Duration.ofSeconds(15)).until(() -> called.size() == 2);
        }
    }

    @Test
    void aChangedRequestIsNotAnsweredWithTheOldVerdict() {
        try (ProbeScheduler scheduler = scheduler(1, 10)) {
            scheduler.poll("k", "uid", request(targets.ws("/plain"), Duration.ofSeconds(10)));
            await().atMost(Duration.ofSeconds(15)).until(() -> called.size() == 1);
            assertThat(scheduler.poll("k", "uid", request(targets.ws("/fixed"), Duration.ofSeconds(10))))
                    .isEmpty();
            await().atMost(Duration.ofSeconds(15)).until(() -> called.size() == 2);
            scheduler.forget("k");
            assertThat(scheduler.poll("k", "uid", request(targets.ws("/fixed"), Duration.ofSeconds(10))))
                    .isEmpty();
        }
    }

    @Test
    void pollsNeverWaitAndTheBoundsHold() {
        String silent = "ws://127.0.0.1:" + targets.silentPort + "/";
        try (ProbeScheduler scheduler = scheduler(1, 1)) {
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                scheduler.poll("route-" + i, "uid", request(silent, Duration.ofSeconds(1)));
                scheduler.poll(
                        "route-" + i, "uid", request(silent, Duration.ofSeconds(1))); // same key: no second probe
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("20 polls of silent peers")
                    .isLessThan(Duration.ofMillis(500));
            // one running and one queued; the other 18 were dropped, to be retried by later polls
            assertThat(scheduler.pending()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> called.size() == 2 && scheduler.pending() == 0);
            assertThat(scheduler.poll("route-0", "uid", request(silent, Duration.ofSeconds(1))))
                    .get()
                    .extracting(v -> v.result().outcome())
                    .isEqualTo(ProbeOutcome.TIMEOUT);
        }
    }
}
