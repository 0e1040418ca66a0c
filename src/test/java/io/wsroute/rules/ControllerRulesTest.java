package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** WS114 and WS116: what the controller's own ConfigMap does to every WebSocket it serves. */
class ControllerRulesTest {

    @Test
    void reloadGraceIsComparedWithTheSetting() {
        Fixtures fiveMinutes = healthy(NGINX_INC).configMap("worker-shutdown-timeout", "5m");
        assertThat(fiveMinutes.findings(Rule.WS114)).isEmpty();
        assertThat(fiveMinutes
                        .settings(new RuleSettings(Duration.ofHours(1), Duration.ofMinutes(10)))
                        .findings(Rule.WS114))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("300 s");
                    assertThat(f.fix()).contains("600s");
                });
    }

    @Test
    void eachConfigMapProblemIsItsOwnFinding() {
        var found = healthy(INGRESS_NGINX)
                .configMap("proxy-send-timeout", "1h", "annotations-risk-level", "Extreme", "proxy-http-version", "2.0")
                .findings(Rule.WS116);
        assertThat(found)
                .extracting(Finding::field)
                .containsExactlyInAnyOrder(
                        Fixtures.CONFIG_MAP + " data[\"proxy-send-timeout\"]",
                        Fixtures.CONFIG_MAP + " data[\"annotations-risk-level\"]",
                        Fixtures.CONFIG_MAP + " data[\"proxy-http-version\"]");
        assertThat(found).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void nginxIncConfigMapTimeThatFailsTheReload() {
        assertThat(healthy(NGINX_INC).configMap("proxy-read-timeout", "1 hour").findings(Rule.WS116))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("fail to reload"));
    }
}
