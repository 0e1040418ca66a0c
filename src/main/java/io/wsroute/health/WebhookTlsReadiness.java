package io.wsroute.health;

import io.smallrye.health.api.HealthGroup;
import io.wsroute.config.WsrouteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * When a serving certificate is configured (wsroute.tls.cert), ready only while it is readable and valid: the API
 * server calls webhooks over HTTPS only, so a replica without a usable certificate cannot answer them. Without a
 * configured certificate (local runs) there is nothing to wait for. The file is the one the HTTPS listener reloads
 * (quarkus.http.ssl.certificate.reload-period), so a renewed certificate is what this checks.
 */
@Readiness
@HealthGroup("wsroute")
@ApplicationScoped
public class WebhookTlsReadiness implements HealthCheck {

    private final WsrouteConfig config;
    private final Clock clock;

    @Inject
    public WebhookTlsReadiness(WsrouteConfig config) {
        this(config, Clock.systemUTC());
    }

    WebhookTlsReadiness(WsrouteConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("wsroute webhook TLS");
        if (config.tls().cert().isEmpty() || config.tls().cert().get().isBlank()) {
            return response.up().withData("tls", "not configured").build();
        }
        Path file = Path.of(config.tls().cert().get());
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate certificate =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            Instant notAfter = certificate.getNotAfter().toInstant();
            Instant now = clock.instant();
            boolean valid = !now.isBefore(certificate.getNotBefore().toInstant()) && now.isBefore(notAfter);
            return response.status(valid)
                    .withData("notAfter", notAfter.toString())
                    .build();
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            return response.down()
                    .withData("error", file + ": " + e.getMessage())
                    .build();
        }
    }
}
