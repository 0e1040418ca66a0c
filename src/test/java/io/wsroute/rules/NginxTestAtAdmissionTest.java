package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.IngressNginxVersion;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether the ingress-nginx admission webhook catches a configuration nginx refuses, release by release:
 * kubernetes/ingress-nginx internal/ingress/controller/controller.go CheckIngress renders the whole configuration
 * (store.GetBackendConfiguration, the ConfigMap included) and ran testTemplate (nginx -t) on it up to
 * controller-v1.11.4 and controller-v1.12.0; from controller-v1.11.5 and controller-v1.12.1 on, the call is
 * commented out ("Deactivated to mitigate CVE-2025-1974"), still so in controller-v1.15.1.
 */
class NginxTestAtAdmissionTest {

    @ParameterizedTest(name = "ingress-nginx {0}: nginx -t at admission {1}")
    @CsvSource({
        "1.9.0, true",
        "1.10.6, true",
        "1.11.4, true",
        "1.11.5, false",
        "1.12.0, true",
        "1.12.1, false",
        "1.13.0, false",
        "1.15.1, false"
    })
    void releasesThatStillTestTheConfiguration(String release, boolean runsNginxTest) {
        IngressNginxVersion version = IngressNginxVersion.parse(release);
        assertThat(version.admissionRunsNginxTest()).isEqualTo(runsNginxTest);

        // an annotation that renders a directive nginx refuses (proxy/main.go GetIntAnnotation keeps -1;
        // nginx.tmpl writes proxy_read_timeout -1s)
        var annotation = healthy(INGRESS_NGINX)
                .with("nginx.ingress.kubernetes.io/proxy-read-timeout", "-1")
                .settings(settings(version))
                .findings(Rule.WS118);
        assertThat(annotation)
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains(runsNginxTest ? "runs nginx -t and denies the Ingress" : "the Ingress is admitted")
                        .contains("ingress-nginx " + version));

        // the same value in the ConfigMap (configmap.go ReadConfig; the template writes it into every location)
        var configMap = healthy(INGRESS_NGINX)
                .configMap("proxy-read-timeout", "-1")
                .settings(settings(version))
                .findings(Rule.WS125);
        assertThat(configMap)
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains(
                                runsNginxTest
                                        ? "denies every Ingress created or changed meanwhile"
                                        : "no longer runs nginx -t (off since the CVE-2025-1974 fix"));
    }

    /** The F5 controller has no admission webhook: its WS125 says nothing about one. */
    @Test
    void nginxIncConfigMapFailureNamesNoWebhook() {
        var found = healthy(NGINX_INC).configMap("proxy-read-timeout", "1h 30m").findings(Rule.WS125);
        assertThat(found)
                .singleElement()
                .satisfies(
                        f -> assertThat(f.message()).doesNotContain("webhook").contains("nginx refuses"));
    }

    private static RuleSettings settings(IngressNginxVersion version) {
        return new RuleSettings(Duration.ofHours(1), Duration.ofSeconds(240), version);
    }
}
