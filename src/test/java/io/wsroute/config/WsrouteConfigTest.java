package io.wsroute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsroute.nginx.ControllerFlavor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration as SmallRye maps it (documented defaults, overrides, refusals) and the admission mode's parsing. */
class WsrouteConfigTest {

    @Test
    void configDefaultsAreTheDocumentedOnes() {
        WsrouteConfig config = TestConfigs.defaults();
        assertThat(config.admission().mode()).isEqualTo(AdmissionMode.ENFORCE);
        assertThat(config.admission().defaultController()).isEqualTo(ControllerFlavor.INGRESS_NGINX);
        assertThat(config.rules().minIdleTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.rules().minReloadGrace()).isEqualTo(Duration.ofSeconds(240));
        assertThat(config.controllers().ingressNginx().configMap()).isEqualTo("ingress-nginx/ingress-nginx-controller");
        assertThat(config.controllers().nginxInc().configMap()).isEqualTo("nginx-ingress/nginx-ingress");
        assertThat(config.controllers().nginxInc().snippetsEnabled()).isFalse();
        assertThat(config.tls().cert()).isEmpty();
    }

    @Test
    void configValuesAreReadAsWritten() {
        WsrouteConfig config = TestConfigs.wsroute(Map.of(
                "wsroute.admission.mode",
                "warn",
                "wsroute.admission.default-controller",
                "nginx-inc",
                "wsroute.rules.min-idle-timeout",
                "2h",
                "wsroute.rules.min-reload-grace",
                "PT5M"));
        assertThat(config.admission().mode()).isEqualTo(AdmissionMode.WARN);
        assertThat(config.admission().defaultController()).isEqualTo(ControllerFlavor.NGINX_INC);
        assertThat(config.rules().minIdleTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(config.rules().minReloadGrace()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anUnknownDefaultControllerOrModeStopsStartUp() {
        assertThatThrownBy(() -> TestConfigs.wsroute(Map.of("wsroute.admission.default-controller", "traefik")))
                .hasMessageContaining("traefik");
        assertThatThrownBy(() -> TestConfigs.wsroute(Map.of("wsroute.admission.mode", "off")))
                .hasMessageContaining("wsroute.admission.mode must be enforce or warn");
    }

    @Test
    void modeParsingIsCaseAndSpaceTolerant() {
        assertThat(AdmissionMode.parse("Warn")).contains(AdmissionMode.WARN);
        assertThat(AdmissionMode.parse(" off ")).contains(AdmissionMode.OFF);
        assertThat(AdmissionMode.parse("sometimes")).isEmpty();
        assertThat(AdmissionMode.parse(null)).isEmpty();
    }
}
