package io.wsroute.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsroute.config.TestConfigs;
import io.wsroute.config.WsrouteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTPRoute and ProxySettingsPolicy webhooks end to end through {@link AdmissionResource}, on fixed cluster
 * views. The NGF facts behind each rule are pinned in gateway.HttpRouteRulesTest.
 */
class HttpRouteAdmissionTest {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: chat, namespace: apps}
            spec:
              parentRefs: [{name: gw, namespace: infra}]
              rules:
              - backendRefs: [{name: chat, port: 8080}]
            """;

    static final String POLICY = """
            apiVersion: gateway.nginx.org/v1alpha1
            kind: ProxySettingsPolicy
            metadata: {name: chat-timeouts, namespace: apps, creationTimestamp: "2026-01-01T00:00:00Z"}
            spec:
              targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: chat}]
              timeout: {read: %s, send: 1h}
            """;

    private final FixedClusterView cluster = new FixedClusterView()
            .withNamespace("apps", Map.of())
            .withNamespace("relaxed", Map.of("wsroute.io/admission", "warn"));

    HttpRouteAdmissionTest() {
        cluster.services.put("apps/chat", service("apps", "kubernetes.io/ws"));
        cluster.services.put("relaxed/chat", service("relaxed", "kubernetes.io/wss"));
    }

    static Service service(String namespace, String appProtocol) {
        return Serialization.unmarshal("""
                apiVersion: v1
                kind: Service
                metadata: {name: chat, namespace: %s}
                spec:
                  ports: [{name: ws, port: 8080, appProtocol: %s}]
                """.formatted(namespace, appProtocol), Service.class);
    }

    JsonNode call(String endpoint, FixedGatewayApiView gatewayApi, WsrouteConfig config, String yaml) {
        AdmissionResource resource =
                AdmissionReviews.resource(cluster, gatewayApi, config, MAPPER, new SimpleMeterRegistry());
        ObjectNode object = (ObjectNode) MAPPER.valueToTree(Serialization.unmarshal(yaml, Map.class));
        ObjectNode review = MAPPER.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        review.putObject("request")
                .put("uid", "u-1")
                .put("operation", "CREATE")
                .put("namespace", object.path("metadata").path("namespace").asText())
                .set("object", object);
        byte[] body = review.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var answer = switch (endpoint) {
            case "validate" -> resource.validateHttpRoute(body);
            case "mutate" -> resource.mutateHttpRoute(body);
            default -> resource.validateProxySettingsPolicy(body);
        };
        jakarta.ws.rs.core.Response response = AdmissionReviews.answer(answer);
        assertThat(response.getStatus()).isEqualTo(200);
        return MAPPER.valueToTree(response.getEntity()).path("response");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String withFilter(String route, String filter) {
        return route.replace("  - backendRefs:", "  - filters: [" + filter + "]\n    backendRefs:");
    }

    @Test
    void enforceDeniesAWssBackendWithoutBackendTlsPolicy() {
        cluster.services.put("apps/chat", service("apps", "kubernetes.io/wss"));
        JsonNode response =
                call("validate", FixedGatewayApiView.ngf().with(POLICY.formatted("1h")), TestConfigs.defaults(), ROUTE);
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .startsWith("wsroute denied HTTPRoute apps/chat: it would break WebSocket traffic.")
                .contains("WS132 error")
                .contains("spec.rules[0].backendRefs[0]")
                .contains("Fix: add a BackendTLSPolicy");
    }

    @Test
    void enforceDeniesAFilterThatStripsUpgrade() {
        JsonNode response = call(
                "validate",
                FixedGatewayApiView.ngf().with(POLICY.formatted("1h")),
                TestConfigs.defaults(),
                withFilter(ROUTE, "{type: RequestHeaderModifier, requestHeaderModifier: {remove: [Upgrade]}}"));
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .contains("WS133 error")
                .contains("requestHeaderModifier.remove[0]")
                .contains("Fix: remove Upgrade from the filter");
    }

    @Test
    void aRouteLeftAt60sIsAdmittedWithTheWarning() {
        JsonNode response = call("validate", FixedGatewayApiView.ngf(), TestConfigs.defaults(), ROUTE);
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(texts(response.path("warnings")))
                .anySatisfy(w -> assertThat(w)
                        .startsWith("WS130 warning")
                        .contains("proxy_read_timeout is 1m")
                        .contains("Fix: add a ProxySettingsPolicy"));
    }

    @Test
    void aWarnLabelAdmitsErrorsAsWarnings() {
        JsonNode response = call(
                "validate",
                FixedGatewayApiView.ngf(),
                TestConfigs.defaults(),
                ROUTE.replace("namespace: apps", "namespace: relaxed"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(texts(response.path("warnings")))
                .anySatisfy(w -> assertThat(w).startsWith("WS132 error (not enforced: warn mode)"));
    }

    @Test
    void aPlainRouteIsAdmittedSilently() {
        cluster.services.put("apps/chat", service("apps", "http"));
        JsonNode response = call("validate", FixedGatewayApiView.ngf(), TestConfigs.defaults(), ROUTE);
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void withoutGatewayApiCrdsTheRouteIsJudgedAsNgfAndSaysSo() {
        JsonNode response = call("validate", FixedGatewayApiView.absent(), TestConfigs.defaults(), ROUTE);
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(texts(response.path("warnings")))
                .anySatisfy(w -> assertThat(w).contains("Gateway API caches not loaded"))
                .anySatisfy(w -> assertThat(w).contains("Gateway infra/gw not found"))
                .anySatisfy(w -> assertThat(w).startsWith("WS130 warning"));
    }

    @Test
    void anotherImplementationsRouteGetsNoNgfTimeoutWarning() {
        FixedGatewayApiView other = new FixedGatewayApiView().with("""
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: GatewayClass
                        metadata: {name: istio}
                        spec: {controllerName: istio.io/gateway-controller}
                        """).with("""
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: Gateway
                        metadata: {name: gw, namespace: infra}
                        spec: {gatewayClassName: istio, listeners: [{name: http, port: 80, protocol: HTTP}]}
                        """);
        JsonNode response = call("validate", other, TestConfigs.defaults(), ROUTE);
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(texts(response.path("warnings"))).noneMatch(w -> w.startsWith("WS130"));
    }

    @Test
    void mutateAdmitsUnchanged() {
        JsonNode response = call("mutate", FixedGatewayApiView.ngf(), TestConfigs.defaults(), ROUTE);
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
    }

    @Test
    void aPolicyLoweringTheTimeoutOfAWebSocketRouteIsWarnedAbout() {
        FixedGatewayApiView view = FixedGatewayApiView.ngf().with(ROUTE).with(POLICY.formatted("1h"));
        JsonNode response = call("policy", view, TestConfigs.defaults(), POLICY.formatted("30s"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(texts(response.path("warnings")))
                .anySatisfy(w -> assertThat(w).startsWith("WS130 warning").contains("30s"));
    }

    @Test
    void aNewerPolicyThatNgfWouldDropIsDenied() {
        FixedGatewayApiView view = FixedGatewayApiView.ngf().with(ROUTE).with(POLICY.formatted("1h"));
        String newer = POLICY.formatted("2h")
                .replace("name: chat-timeouts", "name: chat-more")
                .replace("2026-01-01", "2026-02-01");
        JsonNode response = call("policy", view, TestConfigs.defaults(), newer);
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .startsWith("wsroute denied ProxySettingsPolicy apps/chat-more")
                .contains("WS131 error")
                .contains("apps/chat-timeouts");
    }

    @Test
    void aPolicyRaisingTheTimeoutIsAdmittedSilently() {
        FixedGatewayApiView view = FixedGatewayApiView.ngf().with(ROUTE);
        JsonNode response = call("policy", view, TestConfigs.defaults(), POLICY.formatted("24h"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void aPolicyReachingNoWebSocketRouteIsNotJudged() {
        JsonNode response = call("policy", FixedGatewayApiView.ngf(), TestConfigs.defaults(), POLICY.formatted("5s"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
    }
}
