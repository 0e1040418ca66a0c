package io.wsroute.nginx.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real WebSocket client (Vert.x) that connects to nginx on loopback while sending the Ingress's host name, as a
 * browser resolving that name to the controller would.
 */
public final class WebSocketClient implements AutoCloseable {

    /** Status of a handshake that got no HTTP answer at all (connection closed or reset, or no answer in time). */
    public static final int NO_ANSWER = 0;

    private final io.vertx.core.http.WebSocketClient client;

    public WebSocketClient(Vertx vertx) {
        client = vertx.createWebSocketClient(
                new WebSocketClientOptions().setConnectTimeout(5000).setSsl(false));
    }

    /** Opens a WebSocket to host+path through 127.0.0.1:port; the handshake answer decides. */
    public Connection connect(int port, String host, String path) throws InterruptedException {
        return connect(port, host, path, java.util.Map.of());
    }

    /** As {@link #connect(int, String, String)}, with more request headers (e.g. a load balancer's X-Forwarded-*). */
    public Connection connect(int port, String host, String path, java.util.Map<String, String> headers)
            throws InterruptedException {
        // Netty's handshaker keeps a Host header it is given, so the connection and the name can differ.
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI(path)
                .putHeader("Host", host)
                .setTimeout(5000);
        headers.forEach(options::putHeader);
        try {
            WebSocket ws = client.connect(options)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            return new Connection(101, ws);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return new Connection(rejected.getStatus(), null);
            }
            return new Connection(NO_ANSWER, null); // closed or reset before a status line
        } catch (TimeoutException e) {
            return new Connection(NO_ANSWER, null);
        }
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The handshake's status, and the socket when it was 101. */
    public static final class Connection implements AutoCloseable {
        private final int status;
        private final WebSocket ws;
        private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();
        private volatile String how = "open";

        Connection(int status, WebSocket ws) {
            this.status = status;
            this.ws = ws;
            if (ws != null) {
                ws.textMessageHandler(received::add);
                ws.closeHandler(v -> {
                    how = "closed (" + ws.closeStatusCode() + " " + ws.closeReason() + ")";
                    closed.complete(null);
                });
                ws.exceptionHandler(e -> {
                    how = "failed: " + e;
                    closed.complete(null);
                });
            }
        }

        public int status() {
            return status;
        }

        /** Sends a text message and waits for the echo; null when none came within the timeout. */
        public String echo(String message, Duration timeout) throws InterruptedException {
            if (ws == null || closed.isDone()) {
                return null;
            }
            ws.writeTextMessage(message);
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** "open", or how the connection ended. */
        public String state() {
            return how;
        }

        /** True once the connection is gone (closed by nginx's idle timer, or by the peer). */
        public boolean isClosed() {
            return ws == null || closed.isDone();
        }

        @Override
        public void close() {
            if (ws != null && !ws.isClosed()) {
                ws.close();
            }
        }
    }
}
