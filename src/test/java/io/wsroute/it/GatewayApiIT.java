package io.wsroute.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTPRoute and ProxySettingsPolicy webhooks on a real API server that serves the upstream Gateway API CRDs and
 * NGINX Gateway Fabric's ProxySettingsPolicy CRD: every assertion is on what the API server answers to kubectl, so
 * a case only passes when the API server called wsroute and acted on its answer. Namespace {@code apps} is in
 * wsroute's default {@code enforce} mode.
 */
@QuarkusTest
@QuarkusTestResource(
        value = GatewayApiServer.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "crds", value = "true"))
class GatewayApiIT {

    private static KubernetesClient client;

    @BeforeAll
    static void seed() throws Exception {
        client = RealApiServer.client();
        for (String ns : new String[] {"apps", "infra"}) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .addToLabels("kubernetes.io/metadata.name", ns)
                            .endMetadata()
                            .build())
                    .serverSideApply();
        }
        apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: nginx}
                spec: {controllerName: gateway.nginx.org/nginx-gateway-controller}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: infra}
                spec:
                  gatewayClassName: nginx
                  listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: chat, namespace: apps}
                spec: {ports: [{name: ws, port: 8080, appProtocol: kubernetes.io/ws}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: secure-chat, namespace: apps}
                spec: {ports: [{name: wss, port: 8443, appProtocol: kubernetes.io/wss}]}
                """);
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    static String route(String name, String service, int port, String filters) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s, namespace: apps}
                spec:
                  parentRefs: [{name: gw, namespace: infra}]
                  hostnames: [%s.example.com]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /ws}}]
                    %s
                    backendRefs: [{name: %s, port: %d}]
                """.formatted(name, name, filters.isEmpty() ? "" : "filters: [" + filters + "]", service, port);
    }

    static String policy(String name, String route, String timeout) {
        return """
                apiVersion: gateway.nginx.org/v1alpha1
                kind: ProxySettingsPolicy
                metadata: {name: %s, namespace: apps}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: %s}]
                  timeout: %s
                """.formatted(name, route, timeout);
    }

    @Test
    void wssBackendWithoutBackendTlsPolicyIsRefusedWithTheRuleAndFix() throws Exception {
        String output = kubectl("create", route("secure", "secure-chat", 8443, ""));
        assertThat(output)
                .as(output)
                .doesNotStartWith("0\n")
                .contains("denied the request")
                .contains("WS132")
                .contains("add a BackendTLSPolicy in namespace apps");
        assertThat(client.genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                        .inNamespace("apps")
                        .withName("secure")
                        .get())
                .isNull();
    }

    @Test
    void upgradeStrippingFilterIsRefused() throws Exception {
        String output = kubectl(
                "create",
                route(
                        "stripped",
                        "chat",
                        8080,
                        "{type: RequestHeaderModifier, requestHeaderModifier: {remove: [Upgrade]}}"));
        assertThat(output)
                .as(output)
                .doesNotStartWith("0\n")
                .contains("denied the request")
                .contains("WS133")
                .contains("remove Upgrade from the filter");
    }

    @Test
    void webSocketRouteLeftAtSixtySecondsIsAdmittedWithTheWarning() throws Exception {
        String output = kubectl("create", route("idle", "chat", 8080, ""));
        assertThat(output)
                .as(output)
                .startsWith("0\n")
                .contains("Warning: WS130 warning")
                .contains("httproute.gateway.networking.k8s.io/idle created");
    }

    @Test
    void aProxySettingsPolicyRaisingTheTimeoutsClearsTheWarning() throws Exception {
        assertThat(kubectl("create", policy("raised-timeouts", "raised", "{read: 24h, send: 24h}")))
                .startsWith("0\n");
        // the policy reaches wsroute through its informer: a server-side dry run calls the webhooks, stores nothing
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> assertThat(kubectl("create", "--dry-run=server", route("raised", "chat", 8080, "")))
                                .startsWith("0\n")
                                .doesNotContain("WS130"));
    }

    @Test
    void theApiServerItselfRefusesAFiveDigitDuration() throws Exception {
        // NGF's CRD pattern ^[0-9]{1,4}(ms|s|m|h)?$ (apis/v1alpha1/shared_types.go Duration): 86400s never reaches
        // NGF, and 24h is the way to say a day.
        String output = kubectl("create", policy("a-day", "idle", "{read: 86400s}"));
        assertThat(output).as(output).doesNotStartWith("0\n").contains("spec.timeout.read");
    }

    @Test
    void aNewerPolicyThatNgfWouldDropAsConflictingIsDenied() throws Exception {
        assertThat(kubectl("create", route("conflicted", "chat", 8080, ""))).startsWith("0\n");
        assertThat(kubectl("create", policy("first", "conflicted", "{read: 1h, send: 1h}")))
                .startsWith("0\n");
        // NGF graph/policies.go markConflictedPolicies: the newer of two policies setting the same field on one
        // target is dropped whole, so its timeouts never apply.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(
                                kubectl("create", "--dry-run=server", policy("second", "conflicted", "{read: 2h}")))
                        .doesNotStartWith("0\n")
                        .contains("WS131"));
    }

    private static void apply(String yaml) throws Exception {
        String output = kubectl("apply", yaml);
        assertThat(output).as(output).startsWith("0\n");
    }

    private static String kubectl(String verb, String yaml) throws Exception {
        return kubectl(verb, null, yaml);
    }

    private static String kubectl(String verb, String flag, String yaml) throws Exception {
        ProcessBuilder builder = flag == null
                ? new ProcessBuilder(
                        RealApiServer.kubectl(),
                        "--kubeconfig",
                        RealApiServer.kubeconfigFile.toString(),
                        verb,
                        "-f",
                        "-")
                : new ProcessBuilder(
                        RealApiServer.kubectl(),
                        "--kubeconfig",
                        RealApiServer.kubeconfigFile.toString(),
                        verb,
                        flag,
                        "-f",
                        "-");
        Process kubectl = builder.redirectErrorStream(true).start();
        kubectl.getOutputStream().write(yaml.getBytes(StandardCharsets.UTF_8));
        kubectl.getOutputStream().close();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return kubectl.exitValue() + "\n" + new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
