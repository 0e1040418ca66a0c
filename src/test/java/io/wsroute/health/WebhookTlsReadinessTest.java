package io.wsroute.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.wsroute.config.WsrouteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookTlsReadinessTest {

    @TempDir
    Path dir;

    @Test
    void withoutACertificateThereIsNothingToWaitFor() {
        assertThat(new WebhookTlsReadiness(config(Map.of())).call().getStatus())
                .isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aConfiguredCertificateThatIsMissingOrNotPemIsNotReady() throws Exception {
        Path missing = dir.resolve("tls.crt");
        assertThat(new WebhookTlsReadiness(config(Map.of("wsroute.tls.cert", missing.toString())))
                        .call()
                        .getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
        Files.writeString(missing, "not a certificate");
        assertThat(new WebhookTlsReadiness(config(Map.of("wsroute.tls.cert", missing.toString())))
                        .call()
                        .getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void aValidCertificateIsReadyUntilItExpires() throws Exception {
        var bundle = new io.wsroute.webhook.CertificateIssuer(new io.wsroute.webhook.CertificateIssuer.Lifetimes(
                        Duration.ofDays(10), Duration.ofDays(2), Duration.ofDays(1)))
                .renew(java.util.Optional.empty(), java.util.List.of("wsroute.test.svc"), Instant.now());
        Path cert = Files.writeString(dir.resolve("tls.crt"), bundle.cert());
        WsrouteConfig config = config(Map.of("wsroute.tls.cert", cert.toString()));
        assertThat(new WebhookTlsReadiness(config).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC);
        assertThat(new WebhookTlsReadiness(config, later).call().getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    private static WsrouteConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(WsrouteConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(values)
                .build()
                .getConfigMapping(WsrouteConfig.class);
    }
}
