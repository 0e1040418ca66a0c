package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.annotation;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ingress-nginx {@code ssl-passthrough} (WS143, WS144 and what it does to the HTTP-level rules). Facts from
 * kubernetes/ingress-nginx controller-v1.15.1:
 *
 * <ul>
 *   <li>internal/ingress/annotations/sslpassthrough/main.go sslpt.Parse: GetBoolAnnotation (Go ParseBool);
 *   <li>internal/ingress/controller/nginx.go NGINXController.Start: setupSSLProxy runs only with
 *       EnableSSLPassthrough (--enable-ssl-passthrough, default false: docs/user-guide/cli-arguments.md);
 *   <li>pkg/tcpproxy/tcp.go TCPProxy.Handle, pipe: SNI host, then io.Copy both ways, no deadline;
 *   <li>internal/ingress/controller/controller.go getConfiguration: only the server's "/" location becomes a
 *       passthrough backend ("Ignoring SSL Passthrough for location"); nginx.go generateTemplate: to the Service's
 *       ClusterIP;
 *   <li>controller.go getBackendServers (upstream.SSLPassthrough) and template/template.go buildProxyPass
 *       ("https://"): without the flag nginx terminates TLS and proxies to the backend over HTTPS;
 *   <li>docs/user-guide/nginx-configuration/annotations.md "SSL Passthrough": layer 4, the other annotations do
 *       not apply.
 * </ul>
 */
class PassthroughRuleTest {

    private static final String PASSTHROUGH = "nginx.ingress.kubernetes.io/ssl-passthrough";

    /** A WebSocket Ingress with no HTTP-level annotation at all: idle timeouts are the controller's 60 s. */
    private static Fixtures bare() {
        return healthy(INGRESS_NGINX)
                .without("nginx.ingress.kubernetes.io/proxy-read-timeout")
                .without("nginx.ingress.kubernetes.io/proxy-send-timeout")
                .onlyPath("/");
    }

    @Test
    void withTheFlagNginxTimeoutsAreNotReportedForTlsConnections() {
        assertThat(bare().ruleIds()).as("without passthrough, the 60 s default").contains("WS103");
        assertThat(bare().with(PASSTHROUGH, "true").findings()).isEmpty();
        assertThat(bare().with(PASSTHROUGH, "true").remediation().annotationsToAdd())
                .as("no nginx setting reaches passthrough connections")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "True", "1", "t"})
    void goBooleansAskForPassthrough(String value) {
        assertThat(bare().with(PASSTHROUGH, value).ruleIds()).doesNotContain("WS103");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "0", "F"})
    void falseIsPlainNginx(String value) {
        assertThat(bare().with(PASSTHROUGH, value).ruleIds()).contains("WS103").doesNotContain("WS143");
    }

    @Test
    void aValueTheParserRefusesIsTheRejectionNotPassthrough() {
        // sslpt.Parse returns the validation error: the Ingress is dropped (WS118), nothing passes through.
        assertThat(bare().with(PASSTHROUGH, "yes").ruleIds())
                .contains("WS118", "WS103")
                .doesNotContain("WS143");
    }

    @Test
    void httpLevelAnnotationsAreNamedAsBypassed() {
        Fixtures ingress = healthy(INGRESS_NGINX)
                .onlyPath("/")
                .with(PASSTHROUGH, "true")
                .with("nginx.ingress.kubernetes.io/proxy-http-version", "1.0")
                .with("nginx.ingress.kubernetes.io/force-ssl-redirect", "true");
        assertThat(ingress.findings(Rule.WS143)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.field()).isEqualTo(annotation(PASSTHROUGH));
            assertThat(f.message())
                    .contains("nginx.ingress.kubernetes.io/proxy-read-timeout")
                    .contains("nginx.ingress.kubernetes.io/proxy-http-version")
                    .as("force-ssl-redirect acts on port 80, where nginx still answers")
                    .doesNotContain("force-ssl-redirect");
        });
        assertThat(ingress.ruleIds())
                .as("WS105 is about nginx's upstream; WS104 about port 80, where nginx still answers")
                .containsExactly("WS104", "WS143");
    }

    @Test
    void theArgoCdShapeIsClean() {
        // argo-cd docs/operator-manual/ingress.md "Option 1: SSL-Passthrough": force-ssl-redirect + ssl-passthrough.
        assertThat(bare().with(PASSTHROUGH, "true")
                        .with("nginx.ingress.kubernetes.io/force-ssl-redirect", "true")
                        .with("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS")
                        .findings(Rule.WS103))
                .isEmpty();
    }

    @Test
    void withoutTheFlagNothingPassesThroughAndNginxRulesApply() {
        Fixtures ingress =
                bare().with(PASSTHROUGH, "true").settings(RuleSettings.DEFAULTS.withIngressNginxSslPassthrough(false));
        assertThat(ingress.ruleIds()).containsExactly("WS103", "WS143");
        assertThat(ingress.findings(Rule.WS143))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("without --enable-ssl-passthrough")
                        .contains("over HTTPS"));
        assertThat(ingress.remediation().annotationsToAdd())
                .containsKey("nginx.ingress.kubernetes.io/proxy-read-timeout");
    }

    @Test
    void aWebSocketPathBesideTheRootGoesToTheRootService() {
        Fixtures split = bare().with(PASSTHROUGH, "true").path("/", "web", 8443).path("/ws", "chat", 8080);
        split = bare().with(PASSTHROUGH, "true").onlyPath("/ws");
        assertThat(split.path("/", "web", 8443).findings(Rule.WS144))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.field()).isEqualTo("spec.rules[0].http.paths[0].backend.service");
                    assertThat(f.message()).contains("Service web").contains("/ws never reach Service chat");
                });
        assertThat(bare().with(PASSTHROUGH, "true")
                        .onlyPath("/ws")
                        .defaultBackend("web")
                        .findings(Rule.WS144))
                .as("the Ingress's default backend is the host's / location")
                .hasSize(1);
        assertThat(bare().with(PASSTHROUGH, "true").onlyPath("/ws").findings(Rule.WS144))
                .as("no / here: another Ingress of the host may give it")
                .isEmpty();
        assertThat(bare().with(PASSTHROUGH, "true").path("/ws", "chat", 8080).findings(Rule.WS144))
                .as("same Service on / and /ws")
                .isEmpty();
        assertThat(bare().onlyPath("/ws").path("/", "web", 8443).findings(Rule.WS144))
                .as("no passthrough")
                .isEmpty();
    }

    @Test
    void affinityUnderPassthroughIsTheServices() {
        Fixtures polling = bare().with(PASSTHROUGH, "true")
                .onlyPath("/socket.io")
                .replicas("chat", 3)
                .with("nginx.ingress.kubernetes.io/affinity", "cookie");
        assertThat(polling.findings(Rule.WS113))
                .singleElement()
                .satisfies(f -> assertThat(f.fix()).isEqualTo("set spec.sessionAffinity: ClientIP on Service chat"));
        assertThat(polling.clientIpAffinity("chat").findings(Rule.WS113)).isEmpty();
    }

    @Test
    void theF5ControllerDoesNotReadIt() {
        Fixtures f5 = healthy(NGINX_INC).with(PASSTHROUGH, "true");
        assertThat(f5.ruleIds()).containsExactly("WS110");
    }

    @Test
    void theSettingDefaultsToTheFlag() {
        assertThat(RuleSettings.DEFAULTS.ingressNginxSslPassthrough()).isTrue();
        assertThat(new RuleSettings(Duration.ofHours(1), Duration.ofSeconds(240)).ingressNginxSslPassthrough())
                .isTrue();
    }
}
