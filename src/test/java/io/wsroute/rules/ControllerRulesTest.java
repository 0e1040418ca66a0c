package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** WS114, WS116 and WS125: what the controller's own ConfigMap does to every WebSocket it serves. */
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
        Fixtures fixtures = healthy(INGRESS_NGINX)
                .configMap(
                        "proxy-send-timeout", "1h", "annotations-risk-level", "Extreme", "proxy-http-version", "2.0");
        var found = fixtures.findings(Rule.WS116);
        assertThat(found)
                .extracting(Finding::field)
                .containsExactlyInAnyOrder(
                        Fixtures.CONFIG_MAP + " data[\"proxy-send-timeout\"]",
                        Fixtures.CONFIG_MAP + " data[\"annotations-risk-level\"]");
        assertThat(found).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        // proxy_http_version 2.0 is written into every location, and nginx refuses it
        assertThat(fixtures.findings(Rule.WS125)).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(Fixtures.CONFIG_MAP + " data[\"proxy-http-version\"]");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void nginxIncConfigMapTimeThatFailsTheReload() {
        // nginx/kubernetes-ingress internal/configs/configmaps.go ParseConfigMap: proxy-read-timeout copied unparsed
        assertThat(healthy(NGINX_INC).configMap("proxy-read-timeout", "1h 30m").findings(Rule.WS125))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message())
                            .contains("proxy_read_timeout 1h 30m;")
                            .contains("every reload");
                    assertThat(f.fix()).contains("1h30m");
                });
        // the same value as an annotation is normalised by ParseTime (parsing_helpers.go) and loads
        assertThat(healthy(NGINX_INC)
                        .with("nginx.org/proxy-read-timeout", "1h 30m")
                        .with("nginx.org/proxy-send-timeout", "1h 30m")
                        .findings())
                .noneMatch(f -> f.severity() == Severity.ERROR);
    }
}
