package io.wsroute.admission;

import static io.wsroute.admission.AdmissionReviews.MAPPER;
import static io.wsroute.admission.AdmissionReviews.create;
import static io.wsroute.admission.AdmissionReviews.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.wsroute.config.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Admission metrics count what the endpoints answered, as Prometheus scrapes them. */
class AdmissionMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AdmissionResource resource = AdmissionReviews.resource(
            PropertyFixtures.cluster(),
            TestConfigs.wsroute(Map.of("wsroute.admission.deadline", "60s")),
            MAPPER,
            registry);

    @Test
    void requestsAreCountedByEndpointAndVerdictAndTimed() {
        for (int i = 0; i < 3; i++) {
            validate(fixture("create-unit-timeout.json"));
        }
        // Not served by NGINX: nothing to say.
        validate(create("u-plain-1", "apps", "traefik", null));
        validate(create("u-plain-2", "apps", "traefik", null));
        validate(create(
                "u-warn",
                "relaxed",
                "nginx",
                "{\"wsroute.io/websocket\":\"true\",\"nginx.ingress.kubernetes.io/proxy-read-timeout\":\"3600s\"}"));
        AdmissionReviews.answer(
                resource.mutateIngress(create("u-m", "apps", "nginx", "{\"wsroute.io/websocket\":\"true\"}")
                        .getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> resource.validateIngress("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadAdmissionRequest.class);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("wsroute_admission_requests_total{endpoint=\"ingress/validate\",verdict=\"denied\",} 3.0")
                .contains("wsroute_admission_requests_total{endpoint=\"ingress/validate\",verdict=\"allowed\",} 2.0")
                .contains("wsroute_admission_requests_total{endpoint=\"ingress/validate\",verdict=\"warned\",} 1.0")
                .contains("wsroute_admission_requests_total{endpoint=\"ingress/validate\",verdict=\"error\",} 1.0")
                .contains("wsroute_admission_requests_total{endpoint=\"ingress/mutate\",verdict=\"warned\",} 1.0")
                .contains("wsroute_admission_duration_seconds_count{endpoint=\"ingress/validate\",} 7.0")
                .contains("wsroute_admission_duration_seconds_bucket{endpoint=\"ingress/validate\",le=\"5.0\",} 7.0")
                .contains("wsroute_admission_duration_seconds_bucket{endpoint=\"ingress/validate\",le=\"+Inf\",} 7.0")
                .contains("wsroute_admission_duration_seconds_bucket{endpoint=\"ingress/mutate\",le=\"0.001\",}");
    }

    private void validate(String body) {
        AdmissionReviews.answer(resource.validateIngress(body.getBytes(StandardCharsets.UTF_8)));
    }
}
