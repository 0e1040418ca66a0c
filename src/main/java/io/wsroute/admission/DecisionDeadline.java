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

    /** {@code decision}'s result, or {@code late}'s when the decision has not finished within the deadline. */
    <T> CompletionStage<T> within(Supplier<T> decision, Supplier<T> late) {
        return CompletableFuture.supplyAsync(decision, executor)
                .orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS)
                // Async on our executor: the timeout fires on the JDK's delay thread, which must not run our code
                // (its class loader and context are not the application's).
                .exceptionallyAsync(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        return late.get();
                    }
                    throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                }, executor);
    }
}
