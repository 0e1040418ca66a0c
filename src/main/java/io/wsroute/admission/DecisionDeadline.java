package io.wsroute.admission;

import io.wsroute.config.WsrouteConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * wsroute's own answer time (wsroute.admission.deadline). The API server waits for a webhook up to the
 * configuration's timeoutSeconds and then applies its failurePolicy: with Fail, a slow wsroute would refuse Ingress
 * writes. So a decision that is not ready in time is abandoned and the request admitted with a warning, well before
 * the API server gives up. Decisions only read informer caches, so this is a guard against CPU starvation, long GC
 * pauses and bugs, not a normal path.
 */
@ApplicationScoped
public class DecisionDeadline {

    private final Duration limit;
    private final Executor executor;
    private final ScheduledExecutorService timer = timerThread();

    @Inject
    public DecisionDeadline(WsrouteConfig config, ManagedExecutor executor) {
        this(config.admission().deadline(), executor);
    }

    DecisionDeadline(Duration limit, Executor executor) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("wsroute.admission.deadline must be positive, got " + limit);
        }
        this.limit = limit;
        this.executor = executor;
    }

    Duration limit() {
        return limit;
    }

    /**
     * {@code decision}'s result, or {@code late}'s when the decision has not finished within the deadline. The
     * decision runs on the executor (a worker, never the event loop that received the request) and is abandoned
     * when late, not interrupted: it only reads caches. Nothing waits: the answer completes when either comes
     * first, so a request costs one hand-off to a worker and no parked thread. A late answer is built on wsroute's
     * own timer thread, which carries the application's class loader (the JDK's timeout thread does not, and the
     * HTTP layer cannot build a response there), and which a starved worker pool cannot hold up.
     */
    <T> CompletionStage<T> within(Supplier<T> decision, Supplier<T> late) {
        CompletableFuture<T> answer = CompletableFuture.supplyAsync(decision, executor);
        // Whichever completes the answer first wins; the other's completion is a no-op.
        ScheduledFuture<?> deadline = timer.schedule(
                () -> answer.completeExceptionally(new TimeoutException()), limit.toNanos(), TimeUnit.NANOSECONDS);
        answer.whenComplete((value, error) -> deadline.cancel(false));
        return answer.exceptionally(error -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                return late.get(); // on the timer thread that completed the answer
            }
            throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
        });
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private static ScheduledExecutorService timerThread() {
        ClassLoader application = DecisionDeadline.class.getClassLoader();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "wsroute-admission-deadline");
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // one timer per request: cancelled ones must not pile up
        timer.setKeepAliveTime(30, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true); // no idle thread left behind by instances outside CDI (tests)
        return timer;
    }
}
