package io.wsroute.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.gateway.ProxyTimeout;
import io.wsroute.route.RouteMetrics;
import io.wsroute.route.api.RouteGatewayRef;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSocketRoute {@code spec.gatewayRef} on a real API server serving the upstream Gateway API CRDs and NGF's
 * ProxySettingsPolicy CRD, with wsroute's Ingress and Gateway API webhooks registered ({@code enforce}): every object
 * the route writes also passes wsroute's own admission. Each test waits on what the API server stores.
 */
@QuarkusTest
@QuarkusTestResource(
        value = GatewayApiServer.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "crds", value = "true"))
class GatewayRouteIT {

    private static final String NS = "gwroutes";
    private static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    MeterRegistry registry;

    private static final RouteGatewayRef GATEWAY = new RouteGatewayRef("gw", "infra", null);
    private static KubernetesClient client;

    @BeforeAll
    static void seed() {
        client = RealApiServer.client();
        ClusterSeed.defaultNginxClass(client);
        ClusterSeed.namespace(client, NS);
        ClusterSeed.webSocketService(client, NS, "chat");
        ClusterSeed.ngfGateway(client, "ngf");
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void aRouteOnAnNgfGatewayBecomesReadyWithAnOwnedHttpRouteAndPolicy() {
        WebSocketRoute route = create("chat", spec("chat.example.com").onGateway(GATEWAY));

        Condition ready = awaitCondition("chat", "Ready", "True");
        assertThat(ready.getReason()).as(ready.getMessage()).isEqualTo("HTTPRouteReady");
        WebSocketRoute stored = get("chat");
        assertThat(stored.getStatus().getGateway()).isEqualTo("infra/gw");
        assertThat(stored.getStatus().getHttpRouteName()).isEqualTo("chat");
        assertThat(stored.getStatus().getController()).isEqualTo("gateway.nginx.org/nginx-gateway-controller");
        assertThat(stored.getStatus().getIngressName()).isNull();
        assertThat(stored.getStatus().condition("Enforced"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("AllSettingsEnforced"));

        HTTPRoute http = httpRoute("chat");
        assertThat(http.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo(route.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
        });
        assertThat(http.getMetadata().getManagedFields())
                .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("wsroute"));
        assertThat(http.getSpec().getParentRefs())
                .singleElement()
                .satisfies(p -> assertThat(p.getName() + "/" + p.getNamespace()).isEqualTo("gw/infra"));
        assertThat(http.getSpec().getHostnames()).containsExactly("chat.example.com");
        assertThat(http.getSpec().getRules().get(0).getBackendRefs().get(0).getPort())
                .isEqualTo(8080);

        ProxySettingsPolicy policy = policy("chat-timeouts");
        assertThat(policy.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(owner ->
                        assertThat(owner.getUid()).isEqualTo(route.getMetadata().getUid()));
        assertThat(policy.getSpec().getTargetRefs())
                .singleElement()
                .satisfies(t -> assertThat(t.getKind() + "/" + t.getName()).isEqualTo("HTTPRoute/chat"));
        assertThat(policy.getSpec().getTimeout().getRead()).isEqualTo("1h");
        assertThat(policy.getSpec().getTimeout().getSend()).isEqualTo("1h");
    }

    @Test
    void driftOnTheOwnedHttpRouteAndPolicyIsRepaired() {
        create("drift", spec("drift.example.com").onGateway(GATEWAY));
        awaitCondition("drift", "Ready", "True");
        await().atMost(WAIT).until(() -> policyOrNull("drift-timeouts") != null);
        String version = httpRoute("drift").getMetadata().getResourceVersion();

        client.resources(HTTPRoute.class).inNamespace(NS).withName("drift").edit(r -> {
            r.getSpec().getRules().get(0).getBackendRefs().get(0).setPort(9999);
            return r;
        });
        client.resources(ProxySettingsPolicy.class)
                .inNamespace(NS)
                .withName("drift-timeouts")
                .edit(p -> {
                    p.getSpec().setTimeout(new ProxyTimeout(null, "60s", "60s"));
                    return p;
                });

        await().atMost(WAIT).untilAsserted(() -> {
            HTTPRoute repaired = httpRoute("drift");
            assertThat(repaired.getMetadata().getResourceVersion()).isNotEqualTo(version);
            assertThat(repaired.getSpec()
                            .getRules()
                            .get(0)
                            .getBackendRefs()
                            .get(0)
                            .getPort())
                    .isEqualTo(8080);
            assertThat(policy("drift-timeouts").getSpec().getTimeout().getRead())
                    .isEqualTo("1h");
        });
    }

    @Test
    void flippingFromAnIngressClassToTheGatewayAndBackLeavesNothingBehind() {
        create("flip", spec("flip.example.com").onIngressClass("nginx"));
        assertThat(awaitCondition("flip", "Ready", "True").getReason()).isEqualTo("IngressReady");
        assertThat(ingress("flip")).isNotNull();

        edit("flip", r -> {
            r.setSpec(r.getSpec().onGateway(GATEWAY));
            return r;
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(readyReason("flip")).isEqualTo("HTTPRouteReady");
            assertThat(httpRouteOrNull("flip")).isNotNull();
            assertThat(policyOrNull("flip-timeouts")).isNotNull();
            assertThat(ingress("flip")).isNull();
        });

        edit("flip", r -> {
            r.setSpec(r.getSpec().onIngressClass("nginx"));
            return r;
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(readyReason("flip")).isEqualTo("IngressReady");
            assertThat(ingress("flip")).isNotNull();
            assertThat(httpRouteOrNull("flip")).isNull();
            assertThat(policyOrNull("flip-timeouts")).isNull();
        });
        WebSocketRoute back = get("flip");
        assertThat(back.getStatus().getGateway()).isNull();
        assertThat(back.getStatus().getHttpRouteName()).isNull();
        assertThat(back.getStatus().getIngressName()).isEqualTo("flip");
    }

    @Test
    void anIngressWithTheRoutesNameThatTheRouteDoesNotOwnSurvivesTheRouteOnTheGateway() {
        client.resource(ClusterSeed.webSocketIngress(
                        NS,
                        "squat",
                        Map.of(
                                "nginx.ingress.kubernetes.io/proxy-read-timeout", "3600",
                                "nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")))
                .create();
        create("squat", spec("squat-route.example.com").onGateway(GATEWAY));
        assertThat(awaitCondition("squat", "Ready", "True").getReason()).isEqualTo("HTTPRouteReady");
        // a later reconcile (an edit of the route) still leaves it: wsroute deletes only what carries its UID
        edit("squat", r -> {
            r.getMetadata().setLabels(Map.of("touched", "yes"));
            r.setSpec(new WebSocketRouteSpec(
                            "squat-route.example.com",
                            r.getSpec().paths(),
                            null,
                            null,
                            new io.wsroute.route.api.RouteTimeouts("2h", null),
                            null,
                            null,
                            null,
                            null)
                    .onGateway(GATEWAY));
            return r;
        });
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                policy("squat-timeouts").getSpec().getTimeout().getRead())
                        .isEqualTo("2h"));
        Ingress survivor = ingress("squat");
        assertThat(survivor).isNotNull();
        assertThat(survivor.getMetadata().getOwnerReferences()).isNullOrEmpty();
    }

    @Test
    void aNewRouteOnTheGatewayIsReconciledOnce() {
        // quiet first: the other tests' routes may still be settling
        double[] last = {reconciles()};
        await().pollInterval(Duration.ofMillis(500)).atMost(WAIT).until(() -> {
            double now = reconciles();
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
        double before = reconciles();

        create("once", spec("once.example.com").onGateway(GATEWAY));
        awaitCondition("once", "Ready", "True");
        assertThat(httpRoute("once")).isNotNull();
        assertThat(policy("once-timeouts")).isNotNull();

        // the echoes of its own HTTPRoute and policy writes, which arrive within a second here, start no reconcile
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(reconciles() - before)
                        .as("reconciles of a new route on the Gateway")
                        .isEqualTo(1.0));
    }

    private double reconciles() {
        return registry.find(RouteMetrics.RECONCILES).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    @Test
    void aGatewayThatDoesNotExistSaysSoAndWritesNothing() {
        create("nogw", spec("nogw.example.com").onGateway(new RouteGatewayRef("missing", "infra", null)));
        Condition ready = awaitCondition("nogw", "Ready", "False");
        assertThat(ready.getReason()).isEqualTo("GatewayNotFound");
        assertThat(httpRouteOrNull("nogw")).isNull();
        assertThat(policyOrNull("nogw-timeouts")).isNull();
    }

    private static WebSocketRouteSpec spec(String host) {
        return new WebSocketRouteSpec(
                host,
                List.of(new RoutePath("/ws", null, new RouteService("chat", new RouteService.Port(8080, null)))),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
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

    private static HTTPRoute httpRouteOrNull(String name) {
        return client.resources(HTTPRoute.class).inNamespace(NS).withName(name).get();
    }

    private static HTTPRoute httpRoute(String name) {
        HTTPRoute route = httpRouteOrNull(name);
        assertThat(route).as("HTTPRoute " + name).isNotNull();
        return route;
    }

    private static ProxySettingsPolicy policyOrNull(String name) {
        return client.resources(ProxySettingsPolicy.class)
                .inNamespace(NS)
                .withName(name)
                .get();
    }

    private static ProxySettingsPolicy policy(String name) {
        ProxySettingsPolicy policy = policyOrNull(name);
        assertThat(policy).as("ProxySettingsPolicy " + name).isNotNull();
        return policy;
    }

    private static String readyReason(String route) {
        return Optional.ofNullable(get(route))
                .map(WebSocketRoute::getStatus)
                .flatMap(s -> s.condition("Ready"))
                .map(Condition::getReason)
                .orElse(null);
    }

    private static Condition awaitCondition(String route, String type, String status) {
        return routes().awaitCondition(route, type, status);
    }

    private static RouteCalls routes() {
        return new RouteCalls(client, NS, WAIT);
    }
}
