package io.wsroute.probe;

import io.vertx.core.Vertx;
import io.wsroute.nginx.live.EchoBackend;
import io.wsroute.nginx.live.NginxServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Real nginx with one location per thing a probe can meet, in front of a strict WebSocket echo backend, plus two
 * raw sockets: one that accepts and never answers, one that answers 101 with a wrong Sec-WebSocket-Accept.
 * Shared by the probe tests and the {@code lint --probe} tests.
 */
public final class ProbeTargets implements AutoCloseable {

    public static final String HOST = "chat.example.com";

    public final NginxServer nginx;
    public final int silentPort;
    final int fakePort;
    public final int closedPort;
    private final Vertx vertx;
    private final EchoBackend backend;
    private final ServerSocket silent;
    private final ServerSocket fake;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    public ProbeTargets() throws Exception {
        vertx = Vertx.vertx();
        backend = EchoBackend.plain(vertx);
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        silentPort = silent.getLocalPort();
        fakePort = fake.getLocalPort();
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();
        }
        daemon(this::holdSilently);
        daemon(this::answerWithWrongAccept);
        nginx = NginxServer.start("""
                    upstream echo { server 127.0.0.1:%1$d; }
                    server {
                        listen 127.0.0.1:$PORT default_server;
                        listen 127.0.0.1:$TLS_PORT ssl default_server;
                        ssl_certificate $CERT;
                        ssl_certificate_key $KEY;
                        location / { return 404; }
                    }
                    server {
                        server_name %4$s;
                        listen 127.0.0.1:$PORT;
                        listen 127.0.0.1:$TLS_PORT ssl;
                        ssl_certificate $CERT;
                        ssl_certificate_key $KEY;
                        # nginx's defaults: HTTP/1.0 upstream, Upgrade and Connection not forwarded
                        location /plain { proxy_pass http://echo; }
                        # the fix, as nginx's WebSocket guide gives it
                        location /fixed {
                            proxy_http_version 1.1;
                            proxy_set_header Upgrade $http_upgrade;
                            proxy_set_header Connection "upgrade";
                            proxy_pass http://echo;
                        }
                        location /down { proxy_pass http://127.0.0.1:%2$d; }
                        location /slow { proxy_read_timeout 300ms; proxy_pass http://127.0.0.1:%3$d; }
                        location /redirect { return 308 https://$host$request_uri; }
                    }
                """.formatted(backend.port(), closedPort, silentPort, HOST));
    }

    public String ws(String path) {
        return "ws://127.0.0.1:" + nginx.port() + path;
    }

    public String wss(String path) {
        return "wss://127.0.0.1:" + nginx.tlsPort() + path;
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "probe-target");
        thread.setDaemon(true);
        thread.start();
    }

    private void holdSilently() {
        while (!silent.isClosed()) {
            try {
                held.add(silent.accept()); // keep it open, say nothing
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answerWithWrongAccept() {
        while (!fake.isClosed()) {
            try (Socket socket = fake.accept()) {
                socket.getInputStream().read(new byte[4096]);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Accept: not-the-hash\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                if (fake.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        nginx.close();
        silent.close();
        fake.close();
        for (Socket socket : held) {
            socket.close();
        }
        backend.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
