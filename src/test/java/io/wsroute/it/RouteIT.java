package io.wsroute.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wsroute.route.api.RouteAcceptedWarnings;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.RouteTimeouts;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import io.wsroute.testing.TestIngresses;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The route reconciler against a real kube-apiserver, with wsroute's webhooks registered: every Ingress it
 * writes also passes its own admission. Each test waits on status (Awaitility), never on a fixed sleep.
 */
@QuarkusTest
@QuarkusTestResource(value = RealApiServer.class, restrictToAnnotatedClass = true)
class RouteIT {

    private static final String NS = "routes";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KubernetesClient client;

    @BeforeAll
    static void seed() {
        client = RealApiServer.client();
        ClusterSeed.defaultNginxClass(client);
        client.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("f5")
                        .endMetadata()
                        .withNewSpec()
                        .withController("nginx.org/ingress-controller")
                        .endSpec()
                        .build())
                .serverSideApply();
        client.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("traefik")
                        .endMetadata()
                        .withNewSpec()
                        .withController("traefik.io/ingress-controller")
                        .endSpec()
                        .build())
                .serverSideApply();
        for (String ns : List.of(NS, "ingress-nginx")) {
            ClusterSeed.namespace(client, ns);
        }
        service("chat");
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aRouteGetsAnOwnedIngressAndReadyStatusWithoutAnEvent() {
        WebSocketRoute route = create("basic", spec("basic.example.com", "chat", 8080, null));

        Condition ready = awaitCondition("basic", "Ready", "True");
        assertThat(ready.getReason()).isEqualTo("IngressReady");
        WebSocketRoute stored = get("basic");
        assertThat(stored.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(stored.getStatus().getUrl()).isEqualTo("ws://basic.example.com/ws");
        assertThat(stored.getStatus().getController()).isEqualTo("ingress-nginx");
        assertThat(stored.getStatus().getIngressClassName()).isEqualTo("nginx");
        assertThat(stored.getStatus().getIngressName()).isEqualTo("basic");
        Ingress ingress = ingress("basic");
        assertThat(ingress.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo(route.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getBlockOwnerDeletion()).isTrue();
        });
        assertThat(ingress.getMetadata().getManagedFields())
                .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("wsroute"));
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")
                .containsEntry("wsroute.io/websocket", "true");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        // Ready at once is what its status says; an Event is for a change worth telling (README, Status)
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(events("basic")).isEmpty());
    }

    @Test
    void anUpdateReachesTheIngressAndARemovedSettingLeavesIt() {
        create(
                "updated",
                new WebSocketRouteSpec(
                        "updated.example.com", paths("chat", 8080), null, null, null, null, null, 50, null));
        awaitCondition("updated", "Ready", "True");
        assertThat(ingress("updated").getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/limit-connections", "50");

        edit("updated", r -> {
            r.setSpec(new WebSocketRouteSpec(
                    "updated.example.com",
                    paths("chat", 8080),
                    null,
                    null,
                    new RouteTimeouts("2h", null),
                    null,
                    null,
                    null,
                    null));
            return r;
        });

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(get("updated").getStatus().getObservedGeneration()).isEqualTo(2L);
            assertThat(ingress("updated").getMetadata().getAnnotations())
                    .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "7200")
                    .doesNotContainKey("nginx.ingress.kubernetes.io/limit-connections");
        });
    }

    @Test
    void driftOnTheOwnedIngressIsRepairedAndOthersAnnotationsStay() {
        create("drift", spec("drift.example.com", "chat", 8080, null));
        awaitCondition("drift", "Ready", "True");

        client.network()
                .v1()
                .ingresses()
                .inNamespace(NS)
                .withName("drift")
                .edit(i -> new IngressBuilder(i)
                        .editMetadata()
                        .addToAnnotations("nginx.ingress.kubernetes.io/proxy-read-timeout", "3601")
                        .addToAnnotations("team.example.com/owner", "chat-team")
                        .endMetadata()
                        .build());

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ingress("drift").getMetadata().getAnnotations())
                        .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                        .containsEntry("team.example.com/owner", "chat-team"));
    }

    @Test
    void aHostAndPathServedByAnotherIngressIsAConflictNotATakeover() {
        Ingress legacy = client.resource(
                        TestIngresses.toChat(NS, "legacy", "nginx", "taken.example.com", "/ws", Map.of()))
                .create();
        create("taken", spec("taken.example.com", "chat", 8080, null));

        Condition ready = awaitCondition("taken", "Ready", "False");
        assertThat(ready.getReason()).isEqualTo("Conflict");
        assertThat(ready.getMessage()).contains("taken.example.com/ws is already served by Ingress routes/legacy");
        assertThat(client.network()
                        .v1()
                        .ingresses()
                        .inNamespace(NS)
                        .withName("taken")
                        .get())
                .isNull();
        assertThat(ingress("legacy").getMetadata().getResourceVersion())
                .isEqualTo(legacy.getMetadata().getResourceVersion());

        client.resource(legacy).delete();
        assertThat(awaitCondition("taken", "Ready", "True").getReason()).isEqualTo("IngressReady");
    }

    @Test
    void anIngressWithTheRouteNameThatIsNotOwnedIsNeverTouched() {
        Ingress foreign = client.resource(
                        TestIngresses.toChat(NS, "foreign", "nginx", "other.example.com", "/", Map.of()))
                .create();
        create("foreign", spec("foreign.example.com", "chat", 8080, null));

        Condition taken = awaitCondition("foreign", "Ready", "False");
        assertThat(taken.getReason()).isEqualTo("IngressNameTaken");
        assertThat(taken.getMessage()).startsWith("Ingress routes/foreign exists and is not owned by this route");
        Ingress after = ingress("foreign");
        assertThat(after.getMetadata().getResourceVersion())
                .isEqualTo(foreign.getMetadata().getResourceVersion());
        assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
    }

    @Test
    void aMissingServiceIsReportedWithAWarningEventAndRecoversWhenCreated() {
        create("late", spec("late.example.com", "late-backend", 9000, null));

        Condition ready = awaitCondition("late", "Ready", "False");
        assertThat(ready.getReason()).isEqualTo("ServiceNotFound");
        assertThat(ready.getMessage()).contains("Service late-backend not found in namespace routes");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(events("late")).anySatisfy(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getReason()).isEqualTo("ServiceNotFound");
                }));

        client.resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("late-backend")
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withName("ws")
                        .withProtocol("TCP")
                        .withPort(8080)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        assertThat(awaitCondition("late", "Ready", "False").getReason()).isEqualTo("PortNotFound");

        client.services()
                .inNamespace(NS)
                .withName("late-backend")
                .edit(s -> new ServiceBuilder(s)
                        .editSpec()
                        .editFirstPort()
                        .withPort(9000)
                        .endPort()
                        .endSpec()
                        .build());
        assertThat(awaitCondition("late", "Ready", "True").getReason()).isEqualTo("IngressReady");
        assertThat(ingress("late")).isNotNull();
        // a recovery is told, as the failures before it were
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(events("late")).anySatisfy(e -> {
                    assertThat(e.getType()).isEqualTo("Normal");
                    assertThat(e.getReason()).isEqualTo("IngressReady");
                }));
    }

    @Test
    void aClassOfAnotherControllerOrAMissingClassIsReported() {
        create(
                "traefik",
                new WebSocketRouteSpec(
                        "traefik.example.com", paths("chat", 8080), "traefik", null, null, null, null, null, null));
        create(
                "noclass",
                new WebSocketRouteSpec(
                        "noclass.example.com", paths("chat", 8080), "missing", null, null, null, null, null, null));

        assertThat(awaitCondition("traefik", "Ready", "False").getReason()).isEqualTo("NotNginxClass");
        assertThat(awaitCondition("noclass", "Ready", "False").getReason()).isEqualTo("IngressClassNotFound");
    }

    @Test
    void theF5ControllerGetsItsOwnAnnotations() {
        create(
                "f5",
                new WebSocketRouteSpec(
                        "f5.example.com", paths("chat", 8080), "f5", null, null, null, null, null, null));

        awaitCondition("f5", "Ready", "True");
        assertThat(get("f5").getStatus().getController()).isEqualTo("nginx-inc");
        assertThat(ingress("f5").getMetadata().getAnnotations())
                .containsEntry("nginx.org/websocket-services", "chat")
                .containsEntry("nginx.org/proxy-read-timeout", "3600s");
    }

    @Test
    void snippetsTurnedOnAndOffInTheControllerConfigMapChangeWhatTheRouteCanEnforce() {
        create(
                "origins",
                new WebSocketRouteSpec(
                        "origins.example.com",
                        paths("chat", 8080),
                        null,
                        null,
                        null,
                        null,
                        List.of("https://app.example.com"),
                        null,
                        null));
        Condition enforced = awaitCondition("origins", "Enforced", "False");
        assertThat(enforced.getMessage()).startsWith("spec.allowedOrigins:");

        client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("ingress-nginx-controller")
                        .withNamespace("ingress-nginx")
                        .endMetadata()
                        .withData(Map.of("allow-snippet-annotations", "true", "annotations-risk-level", "Critical"))
                        .build())
                .serverSideApply();
        awaitCondition("origins", "Enforced", "True");
        assertThat(ingress("origins").getMetadata().getAnnotations())
                .containsEntry(
                        "nginx.ingress.kubernetes.io/configuration-snippet",
                        "if ($http_origin !~* \"^(|https://app\\.example\\.com)$\") {\n  return 403;\n}\n");

        client.configMaps()
                .inNamespace("ingress-nginx")
                .withName("ingress-nginx-controller")
                .edit(cm -> new ConfigMapBuilder(cm)
                        .addToData("allow-snippet-annotations", "false")
                        .build());
        awaitCondition("origins", "Enforced", "False");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ingress("origins").getMetadata().getAnnotations())
                        .doesNotContainKey("nginx.ingress.kubernetes.io/configuration-snippet"));
        client.configMaps()
                .inNamespace("ingress-nginx")
                .withName("ingress-nginx-controller")
                .delete();
    }

    @Test
    void deletingTheRouteRemovesItsIngressThroughTheOwnerReference() throws Exception {
        WebSocketRoute route = create("deleted", spec("deleted.example.com", "chat", 8080, null));
        awaitCondition("deleted", "Ready", "True");
        assertThat(ingress("deleted")).isNotNull();

        try (GarbageCollector gc = GarbageCollector.start(RealApiServer.kubeconfigFile)) {
            client.resource(route).delete();
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(ingress("deleted")).isNull());
        }
    }

    @Test
    void theReadmeExampleIsAcceptedByTheApiServerAndBecomesReady() throws Exception {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("demo")
                        .addToLabels("kubernetes.io/metadata.name", "demo")
                        .endMetadata()
                        .build())
                .serverSideApply();
        try (var service =
                        java.nio.file.Files.newInputStream(java.nio.file.Path.of("deploy/examples/chat-service.yaml"));
                var route = java.nio.file.Files.newInputStream(
                        java.nio.file.Path.of("deploy/examples/websocketroute-chat.yaml"))) {
            client.load(service).create();
            client.resources(WebSocketRoute.class).load(route).create();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            WebSocketRoute stored = client.resources(WebSocketRoute.class)
                    .inNamespace("demo")
                    .withName("chat")
                    .get();
            assertThat(stored.getStatus().condition("Ready"))
                    .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            assertThat(stored.getStatus().getUrl()).isEqualTo("wss://live.example.com/ws");
        });
        Ingress ingress = client.network()
                .v1()
                .ingresses()
                .inNamespace("demo")
                .withName("chat")
                .get();
        assertThat(ingress.getSpec().getTls())
                .singleElement()
                .satisfies(t -> assertThat(t.getSecretName()).isEqualTo("chat-example-tls"));
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
                .containsEntry("nginx.ingress.kubernetes.io/whitelist-source-range", "10.0.0.0/8,192.168.0.0/16");
    }

    @Test
    void theApiServerRefusesHostileValuesThroughTheCrdSchema() {
        for (String host : List.of("a.example.com;", "a.example.com\n", "a\"b", "${x}.example.com")) {
            assertThatThrownBy(() -> create("hostile", spec(host, "chat", 8080, null)))
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("spec.host");
        }
        assertThatThrownBy(() -> create(
                        "hostile",
                        new WebSocketRouteSpec(
                                "ok.example.com",
                                paths("chat", 8080),
                                null,
                                null,
                                null,
                                null,
                                List.of("https://a.example.com; include /etc/passwd"),
                                null,
                                null)))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.allowedOrigins");
        assertThat(client.resources(WebSocketRoute.class)
                        .inNamespace(NS)
                        .withName("hostile")
                        .get())
                .isNull();
    }

    @Test
    void acceptedWarningsReachTheIngressAndLeaveTheReadyMessage() {
        create(
                "accepting",
                new WebSocketRouteSpec(
                        "accepting.example.com",
                        paths("chat", 8080),
                        null,
                        null,
                        new RouteTimeouts("90s", null),
                        null,
                        null,
                        null,
                        null,
                        new RouteAcceptedWarnings(List.of("WS103"), "clients ping every 20 s")));

        Condition ready = awaitCondition("accepting", "Ready", "True");
        assertThat(ready.getMessage()).doesNotContain("warnings:").endsWith("; accepted: WS103");
        assertThat(ingress("accepting").getMetadata().getAnnotations())
                .containsEntry("wsroute.io/accept", "WS103")
                .containsEntry("wsroute.io/accept-reason", "clients ping every 20 s")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "90");
        assertThatThrownBy(() -> create(
                        "accepting-hostile",
                        new WebSocketRouteSpec(
                                "accepting.example.com",
                                paths("chat", 8080),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                new RouteAcceptedWarnings(List.of("WS103;"), "two\nlines"))))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.acceptedWarnings.rules")
                .hasMessageContaining("spec.acceptedWarnings.reason");
    }

    private static WebSocketRouteSpec spec(String host, String service, int port, String className) {
        return new WebSocketRouteSpec(host, paths(service, port), className, null, null, null, null, null, null);
    }

    private static List<RoutePath> paths(String service, int port) {
        return List.of(new RoutePath("/ws", null, new RouteService(service, new RouteService.Port(port, null))));
    }

    private static void service(String name) {
        ClusterSeed.webSocketService(client, NS, name);
    }

    private static WebSocketRoute create(String name, WebSocketRouteSpec spec) {
        return routes().create(name, spec);
    }

    private static WebSocketRoute get(String name) {
        return routes().get(name);
    }

    private static void edit(String name, UnaryOperator<WebSocketRoute> change) {
        routes().edit(name, change);
    }

    private static Ingress ingress(String name) {
        return client.network().v1().ingresses().inNamespace(NS).withName(name).get();
    }

    private static List<Event> events(String route) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "WebSocketRoute".equals(e.getInvolvedObject().getKind())
                        && route.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    private static Condition awaitCondition(String route, String type, String status) {
        return routes().awaitCondition(route, type, status);
    }

    private static RouteCalls routes() {
        return new RouteCalls(client, NS, WAIT);
    }
}
