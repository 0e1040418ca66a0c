package io.wsroute.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadCensusTest {

    /** Shortened frames of a JDK 25 thread dump of wsroute taken during ReconcileBench's creates. */
    @Test
    void countsReconcileThreadsByWhatTheyWaitFor() {
        String dump = """
                "ReconcilerExecutor-websocketroute-46" #46 [24039] prio=5 os_prio=0 cpu=53.96ms elapsed=18.35s tid=0x1 nid=24039 waiting on condition  [0x2]
                   java.lang.Thread.State: WAITING (parking)
                \tat jdk.internal.misc.Unsafe.park(java.base@25.0.3/Native Method)
                \tat java.util.concurrent.CompletableFuture.get(java.base@25.0.3/CompletableFuture.java:2093)
                \tat io.fabric8.kubernetes.client.dsl.internal.OperationSupport.waitForResult(OperationSupport.java:491)
                \tat io.wsroute.route.RouteReconciler.apply(RouteReconciler.java:222)

                "ReconcilerExecutor-websocketroute-47" #47 [24040] prio=5 os_prio=0 cpu=34.53ms elapsed=18.33s tid=0x3 nid=24040 waiting on condition  [0x4]
                   java.lang.Thread.State: WAITING (parking)
                \tat io.fabric8.kubernetes.client.dsl.internal.OperationSupport.waitForResult(OperationSupport.java:491)
                \tat io.wsroute.route.RouteReconciler.lambda$patchStatus$4(RouteReconciler.java:260)

                "ReconcilerExecutor-websocketroute-48" #48 [24041] prio=5 os_prio=0 cpu=30.00ms elapsed=18.30s tid=0x5 nid=24041 waiting on condition  [0x6]
                   java.lang.Thread.State: WAITING (parking)
                \tat java.util.concurrent.LinkedBlockingQueue.take(java.base@25.0.3/LinkedBlockingQueue.java:435)
                \tat java.util.concurrent.ThreadPoolExecutor.getTask(java.base@25.0.3/ThreadPoolExecutor.java:1070)

                "ReconcilerExecutor-websocketroute-49" #49 [24042] prio=5 os_prio=0 cpu=31.00ms elapsed=18.30s tid=0x7 nid=24042 runnable  [0x8]
                   java.lang.Thread.State: RUNNABLE
                \tat io.wsroute.route.RouteAssessor.assess(RouteAssessor.java:80)

                "executor-thread-1" #21 [23481] daemon prio=5 os_prio=0 cpu=109.20ms elapsed=19.61s tid=0x9 nid=23481 waiting on condition  [0xa]
                   java.lang.Thread.State: TIMED_WAITING (parking)
                \tat io.fabric8.kubernetes.client.dsl.internal.OperationSupport.waitForResult(OperationSupport.java:491)
                \tat java.util.concurrent.ThreadPoolExecutor.getTask(java.base@25.0.3/ThreadPoolExecutor.java:1070)
                """;

        ThreadCensus census = ThreadCensus.of(dump);

        assertThat(census).isEqualTo(new ThreadCensus(4, 2, 1));
        assertThat(census.describe()).isEqualTo("4 reconcile threads: 2 waiting for the API server, 1 idle, 1 working");
    }

    @Test
    void aDumpWithoutReconcileThreadsCountsNone() {
        assertThat(ThreadCensus.of("\"main\" #1 prio=5\n   java.lang.Thread.State: RUNNABLE\n"))
                .isEqualTo(new ThreadCensus(0, 0, 0));
    }
}
