package io.wsroute.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.wsroute.audit.AuditReportSpec;
import io.wsroute.audit.WebSocketAuditReport;
import io.wsroute.route.api.RouteGatewayRef;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gateway API turned on in wsroute (as the chart's webhooks.gatewayApi.enabled does) on a cluster that has no Gateway
 * API CRDs: wsroute must start, stay ready, and keep judging Ingresses in its webhooks and its audit; a
 * WebSocketRoute naming a Gateway says why it cannot be ready while routes on IngressClasses work.
 */
@QuarkusTest
@QuarkusTestResource(
        value = GatewayApiServer.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = "crds", value = "false"),
            @ResourceArg(name = "wsroute.audit.enabled", value = "true"),
            @ResourceArg(name = "wsroute.audit.debounce", value = "200ms"),
            @ResourceArg(name = "wsroute.audit.interval", value = "2s")
        })
class GatewayApiAbsentIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KubernetesClient client;

    @BeforeAll
    static void seed() throws Exception {
        client = RealApiServer.client();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("apps")
                        .addToLabels("kubernetes.io/metadata.name", "apps")
                        .endMetadata()
                        .build())
                .serverSideApply();
        String output = kubectl("""
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata: {name: nginx}
                spec: {controller: k8s.io/ingress-nginx}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: chat, namespace: apps}
                spec: {ports: [{name: ws, port: 8080, appProtocol: kubernetes.io/ws}]}
                """);
        assertThat(output).as(output).startsWith("0\n");
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    static String ingress(String name, String readTimeout) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: %s
                  namespace: apps
                  annotations:
                    nginx.ingress.kubernetes.io/proxy-read-timeout: "%s"
                    nginx.ingress.kubernetes.io/proxy-send-timeout: "3600"
                spec:
                  ingressClassName: nginx
                  rules:
                  - host: %s.example.com
                    http:
                      paths:
                      - {path: /ws, pathType: Prefix, backend: {service: {name: chat, port: {number: 8080}}}}
                """.formatted(name, readTimeout, name);
    }

    @Test
    void wsrouteIsReadyWithoutTheCrds() {
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theIngressWebhookStillJudges() throws Exception {
        String denied = kubectl(ingress("unit-timeout", "1h"));
        assertThat(denied)
                .as(denied)
                .doesNotStartWith("0\n")
                .contains("denied the request")
                .contains("WS101");
        String created = kubectl(ingress("good", "3600"));
        assertThat(created).as(created).startsWith("0\n");
    }

    /**
     * Proven by the namespace's WebSocketAuditReport, what users read. Not by the audit's metrics: in this JVM the
     * Quarkus app restarts once per test resource, and three clean-clone CI runs found the audit evaluating every
     * Ingress while the scrape had no wsroute_audit series at all; AuditIT proves the metrics in its own app.
     */
    @Test
    void theAuditStillEvaluatesIngresses() throws Exception {
        assertThat(kubectl(ingress("audited", "3600"))).startsWith("0\n");
        AuditReportSpec report = await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> Optional.ofNullable(client.resources(WebSocketAuditReport.class)
                                        .inNamespace("apps")
                                        .withName(WebSocketAuditReport.NAME)
                                        .get())
                                .map(WebSocketAuditReport::getSpec)
                                .orElse(null),
                        spec -> spec != null && spec.summary().ingresses() >= 1);
        assertThat(report.summary().errors())
                .as("the audited Ingresses are correct")
                .isZero();
    }

    @Test
    void aRouteNamingAGatewaySaysWhyItCannotBeReadyAndRoutesOnIngressClassesAreUnaffected() {
        // its own namespace, so the audit test above sees only its own Ingresses
        ClusterSeed.namespace(client, "gwroutes");
        ClusterSeed.webSocketService(client, "gwroutes", "chat");
        List<RoutePath> paths =
                List.of(new RoutePath("/ws", null, new RouteService("chat", new RouteService.Port(8080, null))));
        WebSocketRouteSpec spec =
                new WebSocketRouteSpec("absent.example.com", paths, null, null, null, null, null, null, null);
        route("on-gateway", spec.onGateway(new RouteGatewayRef("gw", "infra", null)));
        route("on-class", spec.onIngressClass("nginx"));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(readyReason("on-gateway")).isEqualTo("False GatewayApiNotServed");
            assertThat(readyReason("on-class")).isEqualTo("True IngressReady");
        });
        assertThat(client.network()
                        .v1()
                        .ingresses()
                        .inNamespace("gwroutes")
                        .withName("on-gateway")
                        .get())
                .isNull();
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static void route(String name, WebSocketRouteSpec spec) {
        WebSocketRoute route = new WebSocketRoute();
        route.getMetadata().setName(name);
        route.getMetadata().setNamespace("gwroutes");
        route.setSpec(spec);
        client.resource(route).create();
    }

    private static String readyReason(String name) {
        return Optional.ofNullable(client.resources(WebSocketRoute.class)
                        .inNamespace("gwroutes")
                        .withName(name)
                        .get())
                .map(WebSocketRoute::getStatus)
                .flatMap(s -> s.condition("Ready"))
                .map(c -> c.getStatus() + " " + c.getReason())
                .orElse(null);
    }

    private static String kubectl(String yaml) throws Exception {
        Process kubectl = new ProcessBuilder(
                        RealApiServer.kubectl(),
                        "--kubeconfig",
                        RealApiServer.kubeconfigFile.toString(),
                        "apply",
                        "-f",
                        "-")
                .redirectErrorStream(true)
                .start();
        kubectl.getOutputStream().write(yaml.getBytes(StandardCharsets.UTF_8));
        kubectl.getOutputStream().close();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return kubectl.exitValue() + "\n" + new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
