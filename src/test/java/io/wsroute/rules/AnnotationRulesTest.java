package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WS110, WS111 (keys the serving controller ignores) and WS112 (snippets it refuses). */
class AnnotationRulesTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "nginx.org/websocket-services, INGRESS_NGINX, WS110",
        "nginx.org/lb-method, INGRESS_NGINX, WS110",
        "nginx.com/sticky-cookie-services, INGRESS_NGINX, WS110",
        "nginx.ingress.kubernetes.io/affinity, NGINX_INC, WS110",
        "nginx.ingress.kubernetes.io/websocket-services, INGRESS_NGINX, WS111",
        "nginx.ingress.kubernetes.io/websocket-services, NGINX_INC, WS111",
        "nginx.ingress.kubernetes.io/proxy-timeout, INGRESS_NGINX, WS111",
        "nginx.org/proxy-timeout, INGRESS_NGINX, WS111",
        "nginx.org/websocket-service, NGINX_INC, WS111",
        "nginx.com/no-such-thing, NGINX_INC, WS111",
        "ingress.kubernetes.io/ssl-redirect, INGRESS_NGINX, WS111",
        "ingress.kubernetes.io/affinity, NGINX_INC, WS111",
        "ingress.kubernetes.io/ssl-redirect, NGINX_INC, ''",
        "nginx.com/health-checks, NGINX_INC, ''",
        "nginx.ingress.kubernetes.io/whitelist-source-range, INGRESS_NGINX, ''",
        // no release reads it (ingress-nginx docs/user-guide/nginx-configuration/annotations-risk.md)
        "nginx.ingress.kubernetes.io/session-cookie-partitioned, INGRESS_NGINX, WS111",
        // redirect/redirect.go reads it since 1.13
        "nginx.ingress.kubernetes.io/relative-redirects, INGRESS_NGINX, ''",
        "kubernetes.io/ingress.class, INGRESS_NGINX, ''",
        "wsroute.io/wss-only, NGINX_INC, ''"
    })
    void keysTheServingControllerIgnores(String key, ControllerFlavor flavor, String rule) {
        List<Finding> found = healthy(flavor).with(key, "x").findings().stream()
                .filter(f -> f.field().equals(Fixtures.annotation(key)))
                .filter(f -> f.rule().equals("WS110") || f.rule().equals("WS111"))
                .toList();
        if (rule.isEmpty()) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo(rule);
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.message()).contains("ignore");
            });
        }
    }

    @Test
    void otherFlavourKeyPointsAtTheCounterpart() {
        Finding finding = healthy(INGRESS_NGINX)
                .with("nginx.org/proxy-read-timeout", "1h")
                .findings(Rule.WS110)
                .get(0);
        assertThat(finding.message()).contains("nginx-inc").contains("ingress-nginx");
        assertThat(finding.fix()).contains("nginx.ingress.kubernetes.io/proxy-read-timeout");
    }

    @Test
    void ingressNginxSnippetRefusedByRiskLevel() {
        Finding finding = healthy(INGRESS_NGINX)
                .configMap("allow-snippet-annotations", "true", "proxy-read-timeout", "3600")
                .with("nginx.ingress.kubernetes.io/auth-snippet", "x;")
                .findings(Rule.WS112)
                .get(0);
        assertThat(finding.message()).contains("annotations-risk-level is High").contains("skips the whole Ingress");
        assertThat(finding.fix())
                .contains("allow-snippet-annotations: \"true\"")
                .contains("annotations-risk-level: Critical");
    }

    @Test
    void ingressNginxSnippetRefusedBySnippetSwitch() {
        Finding finding = healthy(INGRESS_NGINX)
                .configMap("annotations-risk-level", "Critical", "proxy-read-timeout", "3600")
                .with("nginx.ingress.kubernetes.io/server-snippet", "x;")
                .findings(Rule.WS112)
                .get(0);
        // kubernetes/ingress-nginx internal/ingress/controller/controller.go CheckIngress denies it;
        // dropSnippetDirectives clears the snippet in the sync loop when the webhook was not in the way
        assertThat(finding.message())
                .contains("does not set allow-snippet-annotations")
                .contains("denies")
                .contains("drops the snippet and serves the rest of the Ingress");
    }

    @Test
    void everySnippetAnnotationIsGated() {
        assertThat(healthy(INGRESS_NGINX)
                        .with("nginx.ingress.kubernetes.io/configuration-snippet", "a;")
                        .with("nginx.ingress.kubernetes.io/stream-snippet", "b;")
                        .with("nginx.org/location-snippets", "c;")
                        .findings(Rule.WS112))
                .extracting(Finding::field)
                .containsExactly(
                        Fixtures.annotation("nginx.ingress.kubernetes.io/configuration-snippet"),
                        Fixtures.annotation("nginx.ingress.kubernetes.io/stream-snippet"));
    }

    @Test
    void f5SnippetsDependOnTheFlag() {
        Fixtures withSnippet = healthy(NGINX_INC).with("nginx.org/location-snippets", "gzip on;");
        assertThat(withSnippet.findings(Rule.WS112).get(0).message()).contains("rejects the whole Ingress");
        assertThat(withSnippet
                        .profile(ControllerProfile.defaults(NGINX_INC).withSnippetsAllowed(true))
                        .findings(Rule.WS112))
                .isEmpty();
    }
}
