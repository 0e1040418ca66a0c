package io.wsroute.nginx.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket echo server that is as strict as real ones about the opening handshake (RFC 6455 section 4.2.1):
 * a GET over HTTP/1.1 with {@code Upgrade: websocket}, a {@code Connection} header holding the token
 * {@code upgrade}, {@code Sec-WebSocket-Version: 13} and a key. Without the upgrade headers it answers
 * {@code 426 Upgrade Required}, as the Node ws library, Phoenix/Cowboy and others do; an Upgrade received in an
 * HTTP/1.0 request is ignored, as RFC 9110 section 7.8 requires. Echoes every text and binary message.
 */
public final class EchoBackend implements AutoCloseable {

    /** What the backend saw of each request, so tests can say why a handshake failed. */
    public record Seen(String version, String upgrade, String connection, int answered) {}

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private EchoBackend(Vertx vertx, SelfSignedCertificate tls) throws Exception {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0);
        if (tls != null) {
            options.setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions()
                            .setCertPath(tls.certificate().toString())
                            .setKeyPath(tls.key().toString()));
        }
        server = vertx.createHttpServer(options)
                .requestHandler(this::handle)
                .listen()
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** A plain-HTTP (ws) backend on a random loopback port. */
    public static EchoBackend plain(Vertx vertx) throws Exception {
        return new EchoBackend(vertx, null);
    }

    /** A TLS-only (wss) backend: what a Service port with appProtocol kubernetes.io/wss points at. */
    public static EchoBackend tls(Vertx vertx, SelfSignedCertificate certificate) throws Exception {
        return new EchoBackend(vertx, certificate);
    }

    public int port() {
        return server.actualPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        String connection = request.getHeader("Connection");
        boolean http11 = request.version() == HttpVersion.HTTP_1_1;
        boolean wantsUpgrade = http11
                && upgrade != null
                && upgrade.toLowerCase(Locale.ROOT).contains("websocket")
                && connection != null
                && connectionHasUpgrade(connection);
        if (!wantsUpgrade) {
            answer(request, 426, upgrade, connection);
            return;
        }
        if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))
                || request.getHeader("Sec-WebSocket-Key") == null) {
            answer(request, 400, upgrade, connection);
            return;
        }
        seen.add(new Seen(request.version().alpnName(), upgrade, connection, 101));
        request.toWebSocket().onSuccess(ws -> {
            ws.textMessageHandler(ws::writeTextMessage);
            ws.binaryMessageHandler(ws::writeBinaryMessage);
        });
    }

    private void answer(HttpServerRequest request, int status, String upgrade, String connection) {
        seen.add(new Seen(request.version().alpnName(), upgrade, connection, status));
        request.response()
                .setStatusCode(status)
                .putHeader("Upgrade", "websocket")
                .putHeader("Connection", "close")
                .end(status == 426 ? "this service requires the WebSocket protocol\n" : "bad WebSocket handshake\n");
    }

    private static boolean connectionHasUpgrade(String connection) {
        for (String token : connection.split(",")) {
            if (token.trim().equalsIgnoreCase("upgrade")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
