package io.wsroute.cli;

import static io.wsroute.cli.LintRun.lintStdin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** lint on Gateway API manifests: HTTPRoutes judged with the Gateways, classes and policies of the same input. */
class LintGatewayApiTest {

    private static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: %s}
            spec: {controllerName: %s}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra}
            spec:
              gatewayClassName: %s
              listeners: [{name: http, port: 80, protocol: HTTP}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: chat, namespace: apps}
            spec: {ports: [{name: ws, port: 8080, appProtocol: %s}]}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: chat, namespace: apps}
            spec:
              parentRefs: [{name: gw, namespace: infra}]
              rules:
              - matches: [{path: {type: PathPrefix, value: /ws}}]
                backendRefs: [{name: chat, port: 8080}]
            """;

    private static final String NGF =
            GATEWAY.formatted("nginx", "gateway.nginx.org/nginx-gateway-controller", "nginx", "kubernetes.io/ws");

    private static final String POLICY = """
            ---
            apiVersion: gateway.nginx.org/v1alpha1
            kind: ProxySettingsPolicy
            metadata: {name: chat-timeouts, namespace: apps}
            spec:
              targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: chat}]
              timeout: {read: %s, send: 24h}
            """;

    @Test
    void aWebSocketHttpRouteOnNgfWithoutAPolicyWarnsWs130() {
        LintRun run = lintStdin(NGF, "-");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("<stdin>: HTTPRoute apps/chat WS130 warning")
                .endsWith("0 errors, 2 warnings in 0 Ingresses and 1 HTTPRoute\n");
        assertThat(run.err()).as("no Ingress note when there are HTTPRoutes").isEmpty();
    }

    @Test
    void aPolicyInTheInputRaisesTheTimeout() {
        LintRun run = lintStdin(NGF + POLICY.formatted("24h"), "-");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("0 errors, 0 warnings in 0 Ingresses and 1 HTTPRoute\n");
    }

    @Test
    void aPolicyNgfRefusesIsAnErrorOnThePolicyAtItsLine() {
        LintRun run = lintStdin(NGF + POLICY.formatted("86400s"), "-o", "json", "-");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        JsonNode refusal = null;
        for (JsonNode finding : run.json()) {
            if (finding.path("rule").asText().equals("WS131")) {
                refusal = finding;
            }
        }
        assertThat(refusal).as(run.out()).isNotNull();
        assertThat(refusal.path("kind").asText()).isEqualTo("ProxySettingsPolicy");
        assertThat(refusal.path("name").asText()).isEqualTo("chat-timeouts");
        assertThat(refusal.path("field").asText()).isEqualTo("spec.timeout.read");
        // the policy follows the route; its timeout is on its seventh line (after the document separator)
        assertThat(refusal.path("line").asInt()).isEqualTo(NGF.split("\n").length + 7);
    }

    @Test
    void wssBackendWithoutBackendTlsPolicyIsAnError() {
        LintRun run = lintStdin(
                GATEWAY.formatted("nginx", "gateway.nginx.org/nginx-gateway-controller", "nginx", "kubernetes.io/wss"),
                "-");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("HTTPRoute apps/chat WS132 error spec.rules[0].backendRefs[0]");
    }

    @Test
    void routesOfAnotherImplementationGetOnlyTheNeutralRules() {
        LintRun run =
                lintStdin(GATEWAY.formatted("istio", "istio.io/gateway-controller", "istio", "kubernetes.io/ws"), "-");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("0 errors, 0 warnings in 0 Ingresses and 1 HTTPRoute\n");
    }

    @Test
    void aGatewayMissingFromTheInputIsJudgedAsNgfWithANote() {
        String routeOnly = NGF.substring(NGF.indexOf("apiVersion: v1\nkind: Service"));
        LintRun run = lintStdin(routeOnly, "-");
        assertThat(run.out()).contains("WS130");
        assertThat(run.err()).contains("Gateway infra/gw not found; judged as NGINX Gateway Fabric");
    }
}
