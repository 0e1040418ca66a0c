package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.findings;
import static io.wsroute.rules.Fixtures.healthy;
import static io.wsroute.rules.Fixtures.ingress;
import static io.wsroute.rules.Fixtures.review;
import static io.wsroute.rules.Fixtures.ruleIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule with a healthy Ingress (no finding) and a broken one (the finding, its field and its fix). */
class WebSocketRulesTest {

    @ParameterizedTest
    @EnumSource(ControllerFlavor.class)
    void healthyWebSocketIngressHasNoFindings(ControllerFlavor flavor) {
        assertThat(findings(review(ingress(healthy(flavor)), flavor))).isEmpty();
    }

    /** rule id, flavour, annotations added to a healthy Ingress, expected field fragment, expected fix fragment. */
    static Stream<Arguments> brokenIngresses() {
        return Stream.of(
                Arguments.of("WS100", INGRESS_NGINX, Map.of("wsroute.io/websocket", "yes"), "wsroute.io/websocket", "\"true\" or \"false\""),
                Arguments.of("WS101", INGRESS_NGINX, Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s"), "proxy-read-timeout", "\"3600\""),
                Arguments.of("WS101", INGRESS_NGINX, Map.of("nginx.ingress.kubernetes.io/proxy-send-timeout", "1h"), "proxy-send-timeout", "\"3600\""),
                Arguments.of("WS102", NGINX_INC, Map.of("nginx.org/proxy-read-timeout", "one hour"), "nginx.org/proxy-read-timeout", "\"3600s\""),
                Arguments.of("WS103", INGRESS_NGINX, Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "120"), "proxy-read-timeout", "\"3600\""),
                Arguments.of("WS103", NGINX_INC, Map.of("nginx.org/proxy-read-timeout", "90"), "nginx.org/proxy-read-timeout", "\"3600s\""),
                Arguments.of("WS104", INGRESS_NGINX, Map.of("nginx.ingress.kubernetes.io/force-ssl-redirect", "true"), "force-ssl-redirect", "wss://"),
                Arguments.of("WS104", NGINX_INC, Map.of("nginx.org/redirect-to-https", "true"), "redirect-to-https", "wss://"),
                Arguments.of("WS105", INGRESS_NGINX, Map.of("nginx.ingress.kubernetes.io/proxy-http-version", "1.0"), "proxy-http-version", "\"1.1\""),
                Arguments.of("WS105", NGINX_INC, Map.of("nginx.org/location-snippets", "proxy_http_version 1.0;"), "location-snippets", "proxy_http_version 1.0"),
                Arguments.of("WS106", INGRESS_NGINX, Map.of("nginx.ingress.kubernetes.io/connection-proxy-header", "keep-alive"), "connection-proxy-header", "remove"),
                Arguments.of("WS106", NGINX_INC, Map.of("nginx.org/location-snippets", "proxy_set_header Connection \"\";"), "location-snippets", "remove"),
                Arguments.of("WS107", INGRESS_NGINX, Map.of("nginx.ingress.kubernetes.io/backend-protocol", "grpc"), "backend-protocol", "HTTP"),
                Arguments.of("WS107", NGINX_INC, Map.of("nginx.org/grpc-services", "chat"), "grpc-services", "remove chat"),
                Arguments.of("WS109", NGINX_INC, Map.of("nginx.org/websocket-services", "chat,billing"), "websocket-services", "\"chat\""),
                Arguments.of("WS110", INGRESS_NGINX, Map.of("nginx.org/websocket-services", "chat"), "nginx.org/websocket-services", "remove"),
                Arguments.of("WS110", NGINX_INC, Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600"), "nginx.ingress.kubernetes.io/proxy-read-timeout", "nginx.org/proxy-read-timeout"),
                Arguments.of("WS111", INGRESS_NGINX, Map.of("nginx.ingress.kubernetes.io/websocket-services", "chat"), "nginx.ingress.kubernetes.io/websocket-services", "remove"),
                Arguments.of("WS111", NGINX_INC, Map.of("nginx.ingress.kubernetes.io/websocket-services", "chat"), "nginx.ingress.kubernetes.io/websocket-services", "nginx.org/websocket-services"),
                Arguments.of("WS111", INGRESS_NGINX, Map.of("ingress.kubernetes.io/affinity", "cookie"), "ingress.kubernetes.io/affinity", "nginx.ingress.kubernetes.io/affinity"),
                Arguments.of("WS112", INGRESS_NGINX, Map.of("nginx.ingress.kubernetes.io/configuration-snippet", "more_set_headers \"X: y\";"), "configuration-snippet", "remove"),
                Arguments.of("WS112", NGINX_INC, Map.of("nginx.org/server-snippets", "gzip on;"), "server-snippets", "remove"));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("brokenIngresses")
    void brokenSettingIsReported(String rule, ControllerFlavor flavor, Map<String, String> broken, String field,
            String fix) {
        Map<String, String> annotations = new java.util.LinkedHashMap<>(healthy(flavor));
        annotations.putAll(broken);
        List<Finding> found = findings(review(ingress(annotations), flavor)).stream()
                .filter(f -> f.rule().equals(rule)).toList();

        assertThat(found).as("findings for %s", rule).isNotEmpty();
        Finding finding = found.get(0);
        assertThat(finding.severity()).isEqualTo(Rule.valueOf(rule).severity());
        assertThat(finding.field()).contains(field);
        assertThat(finding.fix()).contains(fix);
        assertThat(finding.kind()).isEqualTo("Ingress");
        assertThat(finding.namespace()).isEqualTo("apps");
        assertThat(finding.name()).isEqualTo("chat");
    }

    @Test
    void unitTimeoutTellsTheSilentFallback() {
        Finding finding = findings(review(ingress(healthy(INGRESS_NGINX,
                "nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s")), INGRESS_NGINX)).get(0);
        assertThat(finding.rule()).isEqualTo("WS101");
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).contains("silently").contains("60s");
        assertThat(finding.fix()).isEqualTo("set nginx.ingress.kubernetes.io/proxy-read-timeout: \"3600\" (integer seconds, no unit)");
    }

    @Test
    void nginxIncAcceptsBareSecondsAndCompoundTimes() {
        assertThat(ruleIds(review(ingress(healthy(NGINX_INC, "nginx.org/proxy-read-timeout", "3600",
                "nginx.org/proxy-send-timeout", "1h 30m")), NGINX_INC))).isEmpty();
    }

    @Test
    void tlsImpliesRedirectUnlessDisabledOrWssOnly() {
        assertThat(ruleIds(review(ingress(healthy(INGRESS_NGINX), "/ws", true), INGRESS_NGINX))).containsExactly("WS104");
        assertThat(findings(review(ingress(healthy(INGRESS_NGINX), "/ws", true), INGRESS_NGINX)).get(0).field())
                .isEqualTo("spec.tls");
        assertThat(ruleIds(review(ingress(healthy(INGRESS_NGINX, "nginx.ingress.kubernetes.io/ssl-redirect", "false"),
                "/ws", true), INGRESS_NGINX))).isEmpty();
        assertThat(ruleIds(review(ingress(healthy(INGRESS_NGINX, "wsroute.io/wss-only", "true"), "/ws", true),
                INGRESS_NGINX))).isEmpty();
        assertThat(ruleIds(review(ingress(healthy(NGINX_INC), "/ws", true), NGINX_INC))).containsExactly("WS104");
        assertThat(ruleIds(review(ingress(healthy(NGINX_INC, "nginx.org/ssl-redirect", "false"), "/ws", true),
                NGINX_INC))).isEmpty();
    }

    @Test
    void connectionHeaderThroughVariableIsLeftAlone() {
        assertThat(ruleIds(review(ingress(healthy(NGINX_INC, "nginx.org/location-snippets",
                "proxy_set_header Connection $connection_upgrade;")), NGINX_INC.equals(NGINX_INC)
                ? ControllerProfile.defaults(NGINX_INC).withSnippetsAllowed(true) : null))).isEmpty();
    }

    @Test
    void snippetsPassWhereTheControllerAllowsThem() {
        ControllerProfile open = ControllerConfigMaps.read(INGRESS_NGINX,
                Map.of("allow-snippet-annotations", "true", "annotations-risk-level", "Critical",
                        "proxy-read-timeout", "3600", "proxy-send-timeout", "3600"), "ConfigMap test", false);
        ControllerProfile halfOpen = ControllerConfigMaps.read(INGRESS_NGINX,
                Map.of("allow-snippet-annotations", "true"), "ConfigMap test", false);
        var annotations = healthy(INGRESS_NGINX, "nginx.ingress.kubernetes.io/configuration-snippet",
                "more_set_headers \"X-Chat: 1\";");

        assertThat(ruleIds(review(ingress(annotations), open))).isEmpty();
        Finding refused = findings(review(ingress(annotations), halfOpen)).get(0);
        assertThat(refused.rule()).isEqualTo("WS112");
        assertThat(refused.message()).contains("risk level High");
    }

    @Test
    void nginxIncMissingWebSocketServiceIsAnError() {
        var annotations = healthy(NGINX_INC);
        annotations.remove("nginx.org/websocket-services");
        List<Finding> found = findings(review(ingress(annotations), NGINX_INC));
        assertThat(found).extracting(Finding::rule).containsExactly("WS108");
        assertThat(found.get(0).fix()).isEqualTo("set nginx.org/websocket-services: \"chat\"");
    }

    @Test
    void nginxIncListWithSpacesIsRejectedLikeTheController() {
        Finding finding = findings(review(ingress(healthy(NGINX_INC, "nginx.org/websocket-services", "chat, chat")),
                NGINX_INC)).get(0);
        assertThat(finding.rule()).isEqualTo("WS109");
        assertThat(finding.message()).contains("\" chat\"");
    }

    @Test
    void wssBackendNeedsTlsUpstream() {
        var wss = Map.of("chat", Fixtures.service("chat", "kubernetes.io/wss"));
        var annotations = healthy(INGRESS_NGINX);
        Finding finding = findings(new IngressReview(ingress(annotations), wss, ControllerProfile.defaults(INGRESS_NGINX)))
                .get(0);
        assertThat(finding.rule()).isEqualTo("WS115");
        assertThat(finding.fix()).contains("backend-protocol: \"HTTPS\"");

        annotations.put("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS");
        assertThat(findings(new IngressReview(ingress(annotations), wss, ControllerProfile.defaults(INGRESS_NGINX))))
                .isEmpty();
        assertThat(findings(new IngressReview(ingress(healthy(NGINX_INC)), wss, ControllerProfile.defaults(NGINX_INC))))
                .extracting(Finding::rule).containsExactly("WS115");
        assertThat(findings(new IngressReview(ingress(healthy(NGINX_INC, "nginx.org/ssl-services", "chat")), wss,
                ControllerProfile.defaults(NGINX_INC)))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ControllerFlavor.class)
    void socketIoPathWithoutAffinityWarns(ControllerFlavor flavor) {
        List<Finding> found = findings(review(ingress(healthy(flavor), "/socket.io", false), flavor));
        assertThat(found).extracting(Finding::rule).containsExactly("WS113");
        assertThat(found.get(0).severity()).isEqualTo(Severity.WARNING);
        String affinity = flavor == INGRESS_NGINX ? "nginx.ingress.kubernetes.io/affinity" : "nginx.org/lb-method";
        String value = flavor == INGRESS_NGINX ? "cookie" : "ip_hash";
        assertThat(findings(review(ingress(healthy(flavor, affinity, value), "/socket.io", false), flavor))).isEmpty();
    }

    @Test
    void severalReplicasWithoutAffinityWarns() {
        var replicas = new IngressReview(ingress(healthy(INGRESS_NGINX)), Map.of(), Map.of("chat", 3),
                ControllerProfile.defaults(INGRESS_NGINX), RuleSettings.DEFAULTS);
        assertThat(findings(replicas)).extracting(Finding::rule).containsExactly("WS113");
        var single = new IngressReview(ingress(healthy(INGRESS_NGINX)), Map.of(), Map.of("chat", 1),
                ControllerProfile.defaults(INGRESS_NGINX), RuleSettings.DEFAULTS);
        assertThat(findings(single)).isEmpty();
    }

    @Test
    void cookieAffinityWithServiceUpstreamWarns() {
        assertThat(findings(review(ingress(healthy(INGRESS_NGINX, "nginx.ingress.kubernetes.io/affinity", "cookie",
                "nginx.ingress.kubernetes.io/service-upstream", "true"), "/socket.io", false), INGRESS_NGINX)))
                .extracting(Finding::rule, Finding::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("WS113",
                        "metadata.annotations[\"nginx.ingress.kubernetes.io/service-upstream\"]"));
    }

    @Test
    void shortWorkerShutdownTimeoutWarnsAndDefaultDoesNot() {
        ControllerProfile shortGrace = ControllerConfigMaps.read(INGRESS_NGINX,
                Map.of("worker-shutdown-timeout", "10s"), "ConfigMap ingress-nginx/controller", false);
        List<Finding> found = findings(review(ingress(healthy(INGRESS_NGINX)), shortGrace));
        assertThat(found).extracting(Finding::rule).containsExactly("WS114");
        assertThat(found.get(0).field()).isEqualTo("ConfigMap ingress-nginx/controller data[\"worker-shutdown-timeout\"]");
        assertThat(findings(review(ingress(healthy(INGRESS_NGINX)), INGRESS_NGINX))).isEmpty();
    }

    @Test
    void controllerConfigMapProblemsAreReported() {
        ControllerProfile broken = ControllerConfigMaps.read(INGRESS_NGINX,
                Map.of("proxy-read-timeout", "3600s", "proxy-send-timeout", "3600"), "ConfigMap ingress-nginx/controller", false);
        List<Finding> found = findings(review(ingress(healthy(INGRESS_NGINX)), broken));
        assertThat(found).extracting(Finding::rule).containsExactly("WS116");
        assertThat(found.get(0).field()).isEqualTo("ConfigMap ingress-nginx/controller data[\"proxy-read-timeout\"]");
    }

    @Test
    void globalTimeoutFromConfigMapCounts() {
        var annotations = healthy(INGRESS_NGINX);
        annotations.remove("nginx.ingress.kubernetes.io/proxy-read-timeout");
        annotations.remove("nginx.ingress.kubernetes.io/proxy-send-timeout");
        assertThat(ruleIds(review(ingress(annotations), INGRESS_NGINX))).containsExactly("WS103");
        ControllerProfile generous = ControllerConfigMaps.read(INGRESS_NGINX,
                Map.of("proxy-read-timeout", "7200", "proxy-send-timeout", "7200"), "ConfigMap x", false);
        assertThat(ruleIds(review(ingress(annotations), generous))).isEmpty();
    }

    @Test
    void globalHttp10FromConfigMapIsAnError() {
        ControllerProfile http10 = ControllerConfigMaps.read(INGRESS_NGINX, Map.of("proxy-http-version", "1.0"),
                "ConfigMap x", false);
        assertThat(ruleIds(review(ingress(healthy(INGRESS_NGINX)), http10))).containsExactly("WS105");
        assertThat(ruleIds(review(ingress(healthy(INGRESS_NGINX, "nginx.ingress.kubernetes.io/proxy-http-version",
                "1.1")), http10))).isEmpty();
    }
}
