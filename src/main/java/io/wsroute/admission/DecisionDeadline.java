package io.wsroute.admission;

import io.wsroute.config.WsrouteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

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
     * first, so a request costs one hand-off to a worker and no parked thread. {@code late} runs on the JDK's
     * timer thread and must only build an answer.
     */
    <T> CompletionStage<T> within(Supplier<T> decision, Supplier<T> late) {
        return CompletableFuture.supplyAsync(decision, executor)
                .orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    if (cause instanceof TimeoutException) {
                        return late.get();
                    }
                    throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
                });
    }
}
