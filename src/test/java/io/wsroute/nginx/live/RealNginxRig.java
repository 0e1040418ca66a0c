package io.wsroute.nginx.live;

import io.vertx.core.Vertx;
import io.wsroute.probe.HandshakeProbe;
import io.wsroute.probe.ProbeRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a real-nginx test class starts once and stops after its last test: an nginx on loopback (optional), a Vert.x,
 * a plain echo backend and (optional) a TLS one, closed in reverse order whatever failed to start.
 */
public final class RealNginxRig implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private NginxServer nginx;
    private EchoBackend plain;
    private EchoBackend tls;

    private RealNginxRig() {}

    /** A Vert.x and a plain echo backend, no nginx (the test starts its own). */
    public static RealNginxRig backendOnly() throws Exception {
        RealNginxRig rig = new RealNginxRig();
        return rig.starting(() -> rig.plain = EchoBackend.plain(rig.vertx));
    }

    /** nginx started with {@code httpConfig}, and a plain echo backend. */
    public static RealNginxRig nginx(String httpConfig) throws Exception {
        RealNginxRig rig = new RealNginxRig();
        return rig.starting(() -> {
            rig.nginx = NginxServer.start(httpConfig);
            rig.plain = EchoBackend.plain(rig.vertx);
        });
    }

    /**
     * As {@link #nginx(String)}, plus a TLS echo backend with nginx's certificate, already handshaken once: the
     * first TLS handshake of a JVM can take seconds on a loaded machine, longer than the idle periods the tests
     * observe and nginx's 5 s proxy_connect_timeout.
     */
    public static RealNginxRig nginxWithTlsBackend(String httpConfig) throws Exception {
        RealNginxRig rig = nginx(httpConfig);
        return rig.starting(() -> {
            rig.tls = EchoBackend.tls(rig.vertx, rig.nginx.certificate());
            new HandshakeProbe()
                    .probe(new ProbeRequest(
                            URI.create("wss://127.0.0.1:" + rig.tls.port() + "/"),
                            Optional.empty(),
                            Duration.ofSeconds(60),
                            true));
        });
    }

    public Vertx vertx() {
        return vertx;
    }

    public NginxServer nginx() {
        if (nginx == null) {
            throw new IllegalStateException("this rig has no nginx");
        }
        return nginx;
    }

    public EchoBackend plainBackend() {
        return plain;
    }

    public EchoBackend tlsBackend() {
        if (tls == null) {
            throw new IllegalStateException("this rig has no TLS backend");
        }
        return tls;
    }

    @Override
    public void close() throws Exception {
        if (tls != null) {
            tls.close();
        }
        if (plain != null) {
            plain.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (nginx != null) {
            nginx.close();
        }
    }

    private RealNginxRig starting(Step step) throws Exception {
        try {
            step.run();
            return this;
        } catch (Exception | Error e) {
            try {
                close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private interface Step {
        void run() throws Exception;
    }
}
