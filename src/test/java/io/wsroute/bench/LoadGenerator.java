package io.wsroute.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTPS load generator on loopback (Vert.x, one event loop, keep-alive connections), in its own process beside
 * the server. Fixed rate is open-loop: each request has an intended send time and its latency is measured from
 * that time, so a stalled server is charged for the requests queued behind the stall (no coordinated omission).
 * Saturation is closed-loop: {@code connections} requests always in flight.
 */
final class LoadGenerator implements AutoCloseable {

    /** Latency percentiles in microseconds, throughput in requests per second. */
    record Result(long completed, long errors, double seconds, long p50, long p99, long p999, long max) {
        double perSecond() {
            return completed / seconds;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final int port;

    LoadGenerator(int port, int connections) {
        this.port = port;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        this.client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setSsl(true)
                        .setTrustAll(true)
                        .setVerifyHost(false)
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** Open-loop: {@code rate} requests per second for {@code duration}. */
    Result fixedRate(String path, byte[] body, int rate, Duration duration) throws Exception {
        long total = rate * duration.toSeconds();
        Recorder recorder = new Recorder((int) total);
        long start = System.nanoTime();
        double interval = 1e9 / rate;
        long[] sent = {0};
        vertx.runOnContext(v -> vertx.setPeriodic(1, id -> {
            long due = Math.min(total, (long) ((System.nanoTime() - start) / interval) + 1);
            for (; sent[0] < due; sent[0]++) {
                long intended = start + (long) (sent[0] * interval);
                send(path, body).onComplete(ar -> recorder.record(intended, ar.succeeded() && ar.result() == 200));
            }
            if (sent[0] >= total) {
                vertx.cancelTimer(id);
            }
        }));
        return recorder.await(start, duration.plusSeconds(30));
    }

    /** Closed-loop: {@code inFlight} requests outstanding at all times for {@code duration}. */
    Result saturate(String path, byte[] body, int inFlight, Duration duration) throws Exception {
        Recorder recorder = new Recorder(-1);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        vertx.runOnContext(v -> {
            for (int i = 0; i < inFlight; i++) {
                loop(path, body, recorder, end);
            }
        });
        Thread.sleep(duration.toMillis());
        return recorder.await(start, Duration.ofSeconds(30));
    }

    private void loop(String path, byte[] body, Recorder recorder, long end) {
        long sentAt = System.nanoTime();
        if (sentAt >= end) {
            recorder.stopped();
            return;
        }
        recorder.outstanding++;
        send(path, body).onComplete(ar -> {
            recorder.outstanding--;
            recorder.record(sentAt, ar.succeeded() && ar.result() == 200);
            loop(path, body, recorder, end);
        });
    }

    private Future<Integer> send(String path, byte[] body) {
        RequestOptions options = new RequestOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI(path)
                .setMethod(body == null ? HttpMethod.GET : HttpMethod.POST)
                .putHeader("content-type", "application/json");
        return client.request(options)
                .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Latencies of completed requests; touched only on the generator's single event loop. */
    private static final class Recorder {
        private long[] micros = new long[1 << 16];
        private int count;
        private long errors;
        private long lastDone;
        private final int expected;
        int outstanding;
        private int stoppedLoops;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Recorder(int expected) {
            this.expected = expected;
        }

        void record(long startNanos, boolean ok) {
            long now = System.nanoTime();
            lastDone = now;
            if (!ok) {
                errors++;
            }
            if (count == micros.length) {
                micros = Arrays.copyOf(micros, count * 2);
            }
            micros[count++] = (now - startNanos) / 1000;
            if (expected > 0 && count == expected) {
                done.complete(null);
            }
        }

        void stopped() {
            stoppedLoops++;
            if (outstanding == 0) {
                done.complete(null);
            }
        }

        Result await(long start, Duration timeout) throws Exception {
            done.get(timeout.toSeconds(), TimeUnit.SECONDS);
            long[] sorted = Arrays.copyOf(micros, count);
            Arrays.sort(sorted);
            double seconds = (lastDone - start) / 1e9;
            return new Result(
                    count,
                    errors,
                    seconds,
                    at(sorted, 0.50),
                    at(sorted, 0.99),
                    at(sorted, 0.999),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        }

        private static long at(long[] sorted, double quantile) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
        }
    }
}
