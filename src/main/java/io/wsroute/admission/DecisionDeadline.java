package io.wsroute.admission;

import io.wsroute.config.WsrouteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
     * calling thread waits; the decision runs on the executor and is abandoned (not interrupted: it only reads
     * caches) when late. Waiting here rather than chaining on the timeout keeps all of wsroute's code on threads
     * that carry the application's context; the JDK's timeout thread carries none.
     */
    <T> T within(Supplier<T> decision, Supplier<T> late) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(decision, executor);
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return late.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return late.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
