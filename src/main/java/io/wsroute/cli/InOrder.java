package io.wsroute.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiPredicate;

/**
 * Maps a list on several threads as a loop over it would: results in the list's order, and on failure the
 * exception of the first item that fails, as if nothing after it had run. The list is cut into contiguous slices,
 * one per thread (this thread takes the first); each slice stops at its first failure. Steps must not share
 * mutable state, except what a cut is kept away from ({@code mayCut}).
 */
final class InOrder {

    /** One item's work. */
    @FunctionalInterface
    interface Step<T, R> {
        R apply(T item) throws UnreadableInput;
    }

    private InOrder() {}

    /** One thread per core, up to 4: lint's parts are done when the slowest is, and more only add waiting. */
    static int threads() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param parts how many threads at most; 1, or fewer than {@code minItems} items, maps on this thread alone
     * @param mayCut whether two adjacent items may go to different threads
     */
    static <T, R> List<R> map(List<T> items, Step<T, R> step, int parts, int minItems, BiPredicate<T, T> mayCut)
            throws UnreadableInput {
        List<List<T>> slices = parts > 1 && items.size() >= minItems ? slices(items, parts, mayCut) : List.of(items);
        if (slices.size() == 1) {
            return slice(items, step);
        }
        ExecutorService others = Executors.newFixedThreadPool(slices.size() - 1, runnable -> {
            Thread thread = new Thread(runnable, "wsroute-lint-part");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<R>>> rest = new ArrayList<>();
            for (List<T> slice : slices.subList(1, slices.size())) {
                rest.add(others.submit(() -> slice(slice, step)));
            }
            List<R> results = new ArrayList<>(items.size());
            results.addAll(slice(slices.get(0), step));
            for (Future<List<R>> part : rest) {
                results.addAll(part.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnreadableInput unreadable) {
                throw unreadable;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            others.shutdownNow();
        }
    }

    /** Contiguous slices of about equal size, each cut moved forward to the next place {@code mayCut} allows. */
    static <T> List<List<T>> slices(List<T> items, int parts, BiPredicate<T, T> mayCut) {
        List<List<T>> slices = new ArrayList<>();
        int start = 0;
        for (int part = 1; part < parts; part++) {
            int cut = Math.max(start + 1, (int) ((long) items.size() * part / parts));
            while (cut < items.size() && !mayCut.test(items.get(cut - 1), items.get(cut))) {
                cut++;
            }
            if (cut >= items.size()) {
                break;
            }
            slices.add(items.subList(start, cut));
            start = cut;
        }
        slices.add(items.subList(start, items.size()));
        return slices;
    }

    private static <T, R> List<R> slice(List<T> items, Step<T, R> step) throws UnreadableInput {
        List<R> results = new ArrayList<>(items.size());
        for (T item : items) {
            results.add(step.apply(item));
        }
        return results;
    }
}
