package io.wsroute.nginx;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControllerConfigMapsTest {

    private static ControllerProfile ingressNginx(String... keyValues) {
        return read(INGRESS_NGINX, keyValues);
    }

    private static ControllerProfile read(ControllerFlavor flavor, String... keyValues) {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.put(keyValues[i], keyValues[i + 1]);
        }
        return ControllerConfigMaps.read(flavor, data, "cm", false);
    }

    @Test
    void emptyConfigMapGivesControllerDefaults() {
        ControllerProfile profile = ControllerConfigMaps.read(INGRESS_NGINX, null, "cm", false);
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(profile.proxySendTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(profile.workerShutdownTimeout()).contains(Duration.ofSeconds(240));
        assertThat(profile.proxyHttpVersion()).isEqualTo("1.1");
        assertThat(profile.snippetsAllowed()).isFalse();
        assertThat(profile.riskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(profile.problems()).isEmpty();
        assertThat(profile.fromDefaults()).isFalse();
        assertThat(profile.source()).isEqualTo("cm");
    }

    @ParameterizedTest(name = "allow={0} risk={1}: {2}")
    @CsvSource({
        "true, Critical, true",
        "True, critical, true",
        "1, CRITICAL, true",
        "true, High, false",
        "true, , false",
        "false, Critical, false",
        "'', Critical, false",
        ", Critical, false"
    })
    void ingressNginxSnippetsNeedBothKeys(String allow, String risk, boolean allowed) {
        Map<String, String> data = new HashMap<>();
        if (allow != null) {
            data.put("allow-snippet-annotations", allow);
        }
        if (risk != null) {
            data.put("annotations-risk-level", risk);
        }
        assertThat(ControllerConfigMaps.read(INGRESS_NGINX, data, "cm", false).snippetsAllowed())
                .isEqualTo(allowed);
    }

    @Test
    void unknownRiskLevelIsReadAsLowTheStrictest() {
        ControllerProfile profile = ingressNginx("annotations-risk-level", "Extreme");
        assertThat(profile.riskLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(profile.problems())
                .singleElement()
                .asString()
                .startsWith("annotations-risk-level:")
                .contains("Low");
    }

    @Test
    void ingressNginxUnitTimeoutKeepsDefaultAndIsAProblem() {
        ControllerProfile profile = ingressNginx("proxy-read-timeout", "3600s", "proxy-send-timeout", "7200");
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(profile.proxySendTimeout()).isEqualTo(Duration.ofSeconds(7200));
        assertThat(profile.problems()).singleElement().satisfies(p -> {
            assertThat(ControllerConfigMaps.problemKey(p)).isEqualTo("proxy-read-timeout");
            assertThat(p).contains("uses 60s");
        });
    }

    @Test
    void ingressNginxBadBooleanAndHttpVersionAreProblems() {
        ControllerProfile profile = ingressNginx(
                "allow-snippet-annotations",
                "yes",
                "proxy-http-version",
                "2.0",
                "worker-shutdown-timeout",
                "four minutes");
        assertThat(profile.problems())
                .extracting(ControllerConfigMaps::problemKey)
                .containsExactlyInAnyOrder(
                        "allow-snippet-annotations", "proxy-http-version", "worker-shutdown-timeout");
        assertThat(profile.workerShutdownTimeout()).contains(Duration.ofSeconds(240));
    }

    @Test
    void ingressNginxHttp10IsKept() {
        assertThat(ingressNginx("proxy-http-version", "1.0").proxyHttpVersion()).isEqualTo("1.0");
        assertThat(ingressNginx("proxy-http-version", "1.0").problems()).isEmpty();
    }

    @Test
    void nginxIncReadsNginxTimeAndSnippetFlag() {
        ControllerProfile profile = ControllerConfigMaps.read(
                NGINX_INC,
                Map.of(
                        "proxy-read-timeout",
                        "1h",
                        "proxy-send-timeout",
                        "90",
                        "worker-shutdown-timeout",
                        "5m",
                        "proxy-http-version",
                        "1.0"),
                "cm",
                true);
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(profile.proxySendTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(profile.workerShutdownTimeout()).contains(Duration.ofMinutes(5));
        assertThat(profile.snippetsAllowed()).isTrue();
        assertThat(profile.proxyHttpVersion())
                .as("the F5 template always writes 1.1")
                .isEqualTo("1.1");
        assertThat(profile.riskLevel()).isEqualTo(RiskLevel.CRITICAL);
    }

    @Test
    void nginxIncDefaultsHaveNoWorkerShutdownTimeout() {
        assertThat(read(NGINX_INC).workerShutdownTimeout()).isEmpty();
        assertThat(ControllerProfile.defaults(NGINX_INC).workerShutdownTimeout())
                .isEmpty();
        assertThat(ControllerProfile.defaults(NGINX_INC).fromDefaults()).isTrue();
    }

    @Test
    void nginxIncInvalidTimeFailsTheReload() {
        ControllerProfile profile = read(NGINX_INC, "proxy-read-timeout", "an hour");
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(profile.problems()).singleElement().asString().contains("fail to reload");
    }
}
