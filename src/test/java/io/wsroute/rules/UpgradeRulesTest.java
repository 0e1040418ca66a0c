package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WS105, WS106, WS107, WS115: settings that stop the handshake itself; WS117, a snippet that only might. */
class UpgradeRulesTest {

    private static final String HTTP_VERSION = "nginx.ingress.kubernetes.io/proxy-http-version";
    private static final String CONNECTION = "nginx.ingress.kubernetes.io/connection-proxy-header";
    private static final String SNIPPET = "nginx.ingress.kubernetes.io/configuration-snippet";

    private static Fixtures snippetsAllowed() {
        return healthy(INGRESS_NGINX)
                .configMap(
                        "allow-snippet-annotations",
                        "true",
                        "annotations-risk-level",
                        "Critical",
                        "proxy-read-timeout",
                        "3600");
    }

    @Test
    void configMapHttp10CountsUnlessTheAnnotationSaysOtherwise() {
        Fixtures http10 = healthy(INGRESS_NGINX).configMap("proxy-http-version", "1.0", "proxy-read-timeout", "3600");
        Finding finding = http10.findings(Rule.WS105).get(0);
        assertThat(finding.message()).contains(Fixtures.CONFIG_MAP).contains("HTTP/1.0");
        assertThat(finding.fix()).isEqualTo("set " + HTTP_VERSION + ": \"1.1\" on this Ingress");

        // An annotation value ingress-nginx does not accept falls back to the ConfigMap's 1.0.
        assertThat(http10.with(HTTP_VERSION, "2").findings(Rule.WS105).get(0).message())
                .contains("not one ingress-nginx accepts");
    }

    @Test
    void f5ControllerAlwaysSpeaksHttp11() {
        assertThat(healthy(NGINX_INC).with(HTTP_VERSION, "1.0").findings(Rule.WS105))
                .isEmpty();
    }

    @Test
    void snippetHttpVersionIsAlsoADuplicateDirective() {
        Finding finding = snippetsAllowed()
                .with(SNIPPET, "proxy_http_version 1.0;")
                .findings(Rule.WS105)
                .get(0);
        assertThat(finding.field()).isEqualTo(Fixtures.annotation(SNIPPET));
        assertThat(finding.message()).contains("duplicate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"close", "keep-alive", " close "})
    void connectionProxyHeaderCanOnlyBreakTheUpgrade(String value) {
        Finding finding = healthy(INGRESS_NGINX)
                .with(CONNECTION, value)
                .findings(Rule.WS106)
                .get(0);
        assertThat(finding.message()).contains("replaces Connection: upgrade");
        assertThat(finding.fix()).startsWith("remove " + CONNECTION);
    }

    // connection/main.go connection.Parse returns the validation error, so annotations.go Extract drops the Ingress
    @ParameterizedTest
    @ValueSource(strings = {"upgrade", "Close", "close, upgrade"})
    void connectionProxyHeaderOtherValuesDropTheIngress(String value) {
        Fixtures fixtures = healthy(INGRESS_NGINX).with(CONNECTION, value);
        assertThat(fixtures.findings(Rule.WS106)).isEmpty();
        assertThat(fixtures.findings(Rule.WS118)).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(Fixtures.annotation(CONNECTION));
            assertThat(f.message()).contains(CONNECTION, "not loaded", "none of the Ingress's paths are served");
            assertThat(f.fix()).contains("close or keep-alive");
        });
    }

    // an empty value is "invalid content", which connection.Parse reports and Extract skips: $connection_upgrade stays
    @Test
    void emptyConnectionProxyHeaderIsIgnored() {
        assertThat(healthy(INGRESS_NGINX).with(CONNECTION, "").findings()).isEmpty();
    }

    @Test
    void eachSnippetDirectiveIsItsOwnFinding() {
        Fixtures fixtures = snippetsAllowed().with(SNIPPET, """
                # keep the pool warm
                proxy_set_header Connection "keep-alive"; more_clear_input_headers Upgrade; proxy_set_header Upgrade '';
                location /health { proxy_set_header Connection close; }
                """);
        assertThat(fixtures.findings(Rule.WS106))
                .extracting(Finding::fix)
                .containsExactly("remove `more_clear_input_headers Upgrade` from " + SNIPPET);
        // nginx sends a second Connection line beside the controller's "upgrade" (real nginx: WS117, not WS106),
        // and drops the empty Upgrade line altogether (no finding)
        assertThat(fixtures.findings(Rule.WS117))
                .extracting(Finding::fix)
                .containsExactly("remove `proxy_set_header Connection \"keep-alive\"` from " + SNIPPET);
        assertThat(fixtures.findings(Rule.WS117).get(0).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void serverSnippetsAreNotScanned() {
        assertThat(snippetsAllowed()
                        .with("nginx.ingress.kubernetes.io/server-snippet", "proxy_set_header Connection close;")
                        .findings(Rule.WS117))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GRPC", "grpcs", " FCGI", "fcgi "})
    void backendProtocolsWithoutTunnel(String protocol) {
        assertThat(healthy(INGRESS_NGINX)
                        .with("nginx.ingress.kubernetes.io/backend-protocol", protocol)
                        .findings(Rule.WS107))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no WebSocket tunnel"));
    }

    // backendprotocol/main.go: AJP is not among the valid protocols since 1.9, so the location proxies over HTTP
    @ParameterizedTest
    @ValueSource(strings = {"AJP", "ajp", "H2C", ""})
    void refusedBackendProtocolsFallBackToHttp(String protocol) {
        assertThat(healthy(INGRESS_NGINX)
                        .with("nginx.ingress.kubernetes.io/backend-protocol", protocol)
                        .findings())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP", "HTTPS", "AUTO_HTTP", "h2c"})
    void backendProtocolsThatKeepProxyPass(String protocol) {
        assertThat(healthy(INGRESS_NGINX)
                        .with("nginx.ingress.kubernetes.io/backend-protocol", protocol)
                        .findings(Rule.WS107))
                .isEmpty();
    }

    @Test
    void wssNextToPlainBackendsSaysTheAnnotationIsIngressWide() {
        Finding finding = healthy(INGRESS_NGINX)
                .path("/api", "api", 80)
                .service("chat", "kubernetes.io/wss")
                .findings(Rule.WS115)
                .get(0);
        assertThat(finding.message()).contains("Service chat");
        assertThat(finding.fix()).contains("every path").contains("/api");
    }

    @Test
    void f5NamesEveryWssServiceMissingFromSslServices() {
        Finding finding = healthy(NGINX_INC)
                .path("/b", "b", 8080)
                .path("/c", "c", 8080)
                .with("nginx.org/websocket-services", "chat,b,c")
                .with("nginx.org/ssl-services", "c")
                .service("chat", "kubernetes.io/wss")
                .service("b", "kubernetes.io/wss")
                .service("c", "kubernetes.io/wss")
                .findings(Rule.WS115)
                .get(0);
        assertThat(finding.message()).contains("Service b, chat");
        assertThat(finding.fix()).isEqualTo("set nginx.org/ssl-services: \"b,c,chat\"");
    }

    @Test
    void wsBackendNeedsNoTls() {
        assertThat(healthy(INGRESS_NGINX).service("chat", "kubernetes.io/ws").findings(Rule.WS115))
                .isEmpty();
        assertThat(healthy(NGINX_INC).service("chat", "kubernetes.io/ws").findings(Rule.WS115))
                .isEmpty();
    }

    /**
     * kubernetes/ingress-nginx internal/ingress/annotations/connection/main.go Parse: "" is no header (the parser's
     * GetStringAnnotation error is not a validation error, so Extract goes on); the check removes spaces; the header
     * is written trimmed, so inner spaces are two arguments to proxy_set_header, which nginx refuses (WS118, as a
     * value the check refuses); only close or keep-alive is written as a header that replaces the upgrade (WS106).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "connection-proxy-header \"{0}\"")
    @org.junit.jupiter.params.provider.CsvSource({
        "'', , ''",
        "' close ', WS106, replaces Connection: upgrade",
        "'clo se', WS118, connection-proxy-header",
        "'   ', WS118, connection-proxy-header",
        "upgrade, WS118, connection-proxy-header"
    })
    void ingressNginxConnectionHeaderAsTheParserReadsIt(String value, Rule rule, String message) {
        var found = Fixtures.healthy(io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX)
                .with("nginx.ingress.kubernetes.io/connection-proxy-header", value)
                .findings()
                .stream()
                .filter(f -> f.rule().equals("WS106") || f.rule().equals("WS118"))
                .toList();
        if (rule == null) {
            org.assertj.core.api.Assertions.assertThat(found).isEmpty();
        } else {
            org.assertj.core.api.Assertions.assertThat(found).singleElement().satisfies(f -> {
                org.assertj.core.api.Assertions.assertThat(f.rule()).isEqualTo(rule.id());
                org.assertj.core.api.Assertions.assertThat(f.message()).contains(message);
            });
        }
    }

    /**
     * Snippets the ConfigMap puts in every location: kubernetes/ingress-nginx nginx.tmpl (location-snippet after the
     * Ingress's configuration-snippet); nginx/kubernetes-ingress internal/configs/annotations.go (an Ingress's
     * location-snippets replace the ConfigMap's).
     */
    @org.junit.jupiter.api.Test
    void configMapLocationSnippetsAreScanned() {
        var ingressNginx = Fixtures.healthy(io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX)
                .configMap("location-snippet", "proxy_http_version 1.0;");
        org.assertj.core.api.Assertions.assertThat(ingressNginx.findings(Rule.WS105))
                .singleElement()
                .satisfies(f -> {
                    org.assertj.core.api.Assertions.assertThat(f.field())
                            .isEqualTo(Fixtures.CONFIG_MAP + " data[\"location-snippet\"]");
                    org.assertj.core.api.Assertions.assertThat(f.fix()).contains("location-snippet in ");
                });
        var f5 = Fixtures.healthy(io.wsroute.nginx.ControllerFlavor.NGINX_INC)
                .configMap("location-snippets", "proxy_set_header Connection close;");
        org.assertj.core.api.Assertions.assertThat(f5.findings(Rule.WS117)).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(f5.profile(io.wsroute.nginx.ControllerConfigMaps.read(
                                io.wsroute.nginx.ControllerFlavor.NGINX_INC,
                                java.util.Map.of("location-snippets", "proxy_set_header Connection close;"),
                                Fixtures.CONFIG_MAP,
                                true))
                        .with("nginx.org/location-snippets", "add_header X-Own on;")
                        .findings(Rule.WS117))
                .as("the Ingress's own location-snippets replace the ConfigMap's")
                .isEmpty();
        // server and http snippets: only a cleared Upgrade reaches the locations
        org.assertj.core.api.Assertions.assertThat(Fixtures.healthy(io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX)
                        .configMap(
                                "server-snippet",
                                "proxy_http_version 1.0;",
                                "http-snippet",
                                "more_clear_input_headers Upgrade;")
                        .findings())
                .extracting(Finding::rule)
                .containsExactly("WS106");
    }
}
