package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ControllerConfigMapsTest {

    @Test
    void emptyConfigMapGivesControllerDefaults() {
        ControllerProfile profile = ControllerConfigMaps.read(ControllerFlavor.INGRESS_NGINX, Map.of(), "cm", false);
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(profile.workerShutdownTimeout()).contains(Duration.ofSeconds(240));
        assertThat(profile.snippetsAllowed()).isFalse();
        assertThat(profile.riskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(profile.problems()).isEmpty();
    }

    @Test
    void ingressNginxSnippetsNeedBothKeys() {
        assertThat(ControllerConfigMaps.read(ControllerFlavor.INGRESS_NGINX,
                Map.of("allow-snippet-annotations", "true"), "cm", false).snippetsAllowed()).isFalse();
        assertThat(ControllerConfigMaps.read(ControllerFlavor.INGRESS_NGINX,
                Map.of("annotations-risk-level", "Critical"), "cm", false).snippetsAllowed()).isFalse();
        assertThat(ControllerConfigMaps.read(ControllerFlavor.INGRESS_NGINX,
                Map.of("allow-snippet-annotations", "True", "annotations-risk-level", "Critical"), "cm", false)
                .snippetsAllowed()).isTrue();
    }

    @Test
    void ingressNginxUnitTimeoutKeepsDefaultAndIsAProblem() {
        ControllerProfile profile = ControllerConfigMaps.read(ControllerFlavor.INGRESS_NGINX,
                Map.of("proxy-read-timeout", "3600s", "annotations-risk-level", "Extreme"), "cm", false);
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(profile.problems()).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("proxy-read-timeout:"))
                .anySatisfy(p -> assertThat(p).startsWith("annotations-risk-level:"));
    }

    @Test
    void nginxIncReadsNginxTimeAndSnippetFlag() {
        ControllerProfile profile = ControllerConfigMaps.read(ControllerFlavor.NGINX_INC,
                Map.of("proxy-read-timeout", "1h", "worker-shutdown-timeout", "5m"), "cm", true);
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(profile.workerShutdownTimeout()).contains(Duration.ofMinutes(5));
        assertThat(profile.snippetsAllowed()).isTrue();
        assertThat(ControllerProfile.defaults(ControllerFlavor.NGINX_INC).workerShutdownTimeout()).isEmpty();
    }
}
