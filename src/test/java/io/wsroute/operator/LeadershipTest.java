package io.wsroute.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Work registered with whenLeading runs exactly once, however the Lease callback and the registration interleave. */
class LeadershipTest {

    private static final int ROUNDS = 5_000;

    @Test
    void anActionRegisteredBeforeLeadingRunsOnceWhenLeadershipStarts() {
        Leadership leadership = new Leadership();
        AtomicInteger runs = new AtomicInteger();
        leadership.whenLeading(runs::incrementAndGet);
        assertThat(runs).hasValue(0);
        assertThat(leadership.isLeader()).isFalse();

        leadership.started();
        leadership.started(); // the SDK's callback again: nothing new

        assertThat(runs).hasValue(1);
        assertThat(leadership.isLeader()).isTrue();
    }

    @Test
    void anActionRegisteredWhileLeadingRunsAtOnce() {
        Leadership leadership = new Leadership();
        leadership.started();
        AtomicInteger runs = new AtomicInteger();
        leadership.whenLeading(runs::incrementAndGet);
        assertThat(runs).hasValue(1);
    }

    @Test
    void racingRegistrationAndLeaseCallbacksRunTheActionExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Integer> counts = new ArrayList<>();
        // thousands of "this replica leads" lines would bury the test's own output
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Leadership.class.getName());
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.WARNING);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Leadership leadership = new Leadership();
                AtomicInteger runs = new AtomicInteger();
                CyclicBarrier go = new CyclicBarrier(3);
                Future<?> register = pool.submit(() -> {
                    go.await();
                    leadership.whenLeading(runs::incrementAndGet);
                    return null;
                });
                Future<?> lead = pool.submit(() -> {
                    go.await();
                    leadership.started();
                    return null;
                });
                Future<?> leadAgain = pool.submit(() -> {
                    go.await();
                    leadership.started();
                    return null;
                });
                register.get(10, TimeUnit.SECONDS);
                lead.get(10, TimeUnit.SECONDS);
                leadAgain.get(10, TimeUnit.SECONDS);
                counts.add(runs.get());
            }
        } finally {
            pool.shutdownNow();
            log.setLevel(level);
        }
        assertThat(counts).as("times the action ran, per round").containsOnly(1);
    }
}
