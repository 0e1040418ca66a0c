package io.wsroute.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.wsroute.nginx.live.ControllerTemplate;
import io.wsroute.nginx.live.EchoBackend;
import io.wsroute.nginx.live.NginxServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx on loopback, standing in for the controller the operator probes through
 * ({@code wsroute.probe.mode=address}), with a strict WebSocket echo backend behind it. Starts serving nothing but
 * the default server; tests load the configuration they need with {@link #load(String)}.
 */
public class RealNginxResource implements QuarkusTestResourceLifecycleManager {

    private static Vertx vertx;
    private static EchoBackend backend;
    private static NginxServer nginx;

    @Override
    public Map<String, String> start() {
        try {
            vertx = Vertx.vertx();
            backend = EchoBackend.plain(vertx);
            nginx = NginxServer.start(ControllerTemplate.defaultServer());
        } catch (Exception e) {
            throw new IllegalStateException("could not start nginx for the probe tests", e);
        }
        return Map.of(
                "wsroute.probe.mode",
                "address",
                "wsroute.probe.address",
                "127.0.0.1",
                "wsroute.probe.http-port",
                Integer.toString(nginx.port()),
                "wsroute.probe.https-port",
                Integer.toString(nginx.tlsPort()),
                "wsroute.probe.interval",
                "1s",
                "wsroute.probe.timeout",
                "3s",
                "wsroute.probe.insecure",
                "true");
    }

    /** 127.0.0.1:port of the echo backend, for upstream blocks. */
    static String backend() {
        return "127.0.0.1:" + backend.port();
    }

    /** Replaces nginx's http-context configuration (nginx -s reload). */
    static void load(String httpConfig) throws Exception {
        nginx.reload(httpConfig);
    }

    @Override
    public void stop() {
        try {
            if (nginx != null) {
                nginx.close();
            }
            if (backend != null) {
                backend.close();
            }
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
