package io.wsroute.admission;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Where the webhooks are served. With a serving certificate configured (wsroute.tls.cert/key, env
 * WSROUTE_TLS_CERT/WSROUTE_TLS_KEY, handed to Quarkus's HTTPS listener in application.properties), the webhooks
 * answer only on the HTTPS port (8443); plain HTTP (8080) keeps health and metrics. Without one, wsroute still
 * starts (a laptop, tests, {@code java -jar}) and serves the webhooks over plain HTTP, saying loudly that the API
 * server cannot call them like that.
 */
@ApplicationScoped
public class WebhookTransport {

    private static final Logger LOG = Logger.getLogger(WebhookTransport.class);
    private static final String WEBHOOK_PATH = "/admission/";

    private final boolean tls;
    private final Optional<String> certificate;
    private final Optional<String> reloadPeriod;
    private final int httpsPort;

    public WebhookTransport(Config config) {
        certificate = config.getOptionalValue("quarkus.http.ssl.certificate.files", String.class);
        Optional<String> keyStore =
                config.getOptionalValue("quarkus.http.ssl.certificate.key-store-file", String.class);
        Optional<String> tlsRegistry = config.getOptionalValue("quarkus.http.tls-configuration-name", String.class);
        tls = certificate.isPresent() || keyStore.isPresent() || tlsRegistry.isPresent();
        reloadPeriod = config.getOptionalValue("quarkus.http.ssl.certificate.reload-period", String.class);
        httpsPort = config.getOptionalValue(
                        LaunchMode.current() == LaunchMode.TEST
                                ? "quarkus.http.test-ssl-port"
                                : "quarkus.http.ssl-port",
                        Integer.class)
                .orElse(8443);
        Optional<String> key = config.getOptionalValue("quarkus.http.ssl.certificate.key-files", String.class);
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalStateException("TLS needs both a certificate and a key: set wsroute.tls.cert and "
                    + "wsroute.tls.key (env WSROUTE_TLS_CERT and WSROUTE_TLS_KEY), or neither");
        }
    }

    void announce(@Observes StartupEvent event) {
        if (tls) {
            LOG.infof(
                    "webhooks served over HTTPS only, %s (certificate %s%s); plain HTTP keeps /q/health "
                            + "and /q/metrics",
                    httpsPortText(),
                    certificate.orElse("from the TLS configuration"),
                    reloadPeriod.map(p -> ", re-read every " + p).orElse(""));
        } else {
            LOG.warn(
                    "TLS is not configured (wsroute.tls.cert and wsroute.tls.key, env WSROUTE_TLS_CERT and "
                            + "WSROUTE_TLS_KEY): webhooks are served over plain HTTP, which the Kubernetes API server never "
                            + "calls. Fine for local runs and tests; in a cluster, mount the serving certificate and set both.");
        }
    }

    /** With TLS on, a webhook request over plain HTTP is refused: the API server always uses HTTPS. */
    @ServerRequestFilter
    public Optional<Response> httpsOnly(HttpServerRequest request) {
        if (!tls || request.isSSL() || !request.path().startsWith(WEBHOOK_PATH)) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "admission webhooks are served over HTTPS only, " + httpsPortText()))
                .build());
    }

    private String httpsPortText() {
        return httpsPort > 0 ? "on port " + httpsPort : "on the HTTPS port";
    }
}
