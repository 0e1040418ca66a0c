package io.wsroute.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.RouteTimeouts;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API server goes away under wsroute, mid-reconcile, and comes back: wsroute recovers by itself and every
 * change made meanwhile (a new route, an edited route, a deleted Ingress) ends up reconciled, with status current.
 * The outage is a {@link CuttableProxy} between wsroute and the API server: every connection, watches included, is
 * reset and new ones refused, which is what wsroute sees when the API server restarts.
 */
@QuarkusTest
@QuarkusTestResource(value = ProxiedApiServer.class, restrictToAnnotatedClass = true)
class ApiServerOutageIT {

    private static final String NS = "outage";
    /** Informers reconnect with backoff, and failed reconciles are retried with backoff: allow for both. */
    private static final Duration RECOVERY = Duration.ofSeconds(120);

    private static KubernetesClient client;

    @BeforeAll
    static void seed() {
        client = RealApiServer.client();
        ClusterSeed.routeNamespace(client, NS);
    }

    @AfterAll
    static void close() throws Exception {
        ProxiedApiServer.proxy.restore();
        client.close();
    }

    @Test
    void changesMadeWhileWsrouteIsCutOffAreReconciledWhenTheApiServerIsBack() throws Exception {
        create("before", spec("before.example.com", null));
        awaitReady("before", 1L);

        // Cut in the middle of a reconcile: the route is created and wsroute starts on it as the API server goes.
        create("during", spec("during.example.com", null));
        Thread.sleep(150);
        ProxiedApiServer.proxy.cut();

        // While wsroute is cut off: a new route, an edit, and the Ingress of a Ready route deleted behind its back.
        create("after", spec("after.example.com", null));
        WebSocketRoute edited = get("before");
        edited.setSpec(spec("before.example.com", new RouteTimeouts("2h", null)));
        client.resource(edited).update();
        client.network().v1().ingresses().inNamespace(NS).withName("before").delete();
        Thread.sleep(10_000);

        ProxiedApiServer.proxy.restore();

        awaitReady("during", 1L);
        awaitReady("after", 1L);
        awaitReady("before", 2L);
        await().atMost(RECOVERY)
                .untilAsserted(() -> assertThat(ingress("before"))
                        .isNotNull()
                        .satisfies(i -> assertThat(i.getMetadata().getAnnotations())
                                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "7200")));
        for (String name : List.of("during", "after")) {
            assertThat(ingress(name)).as(name).isNotNull();
            assertThat(ingress(name).getMetadata().getAnnotations())
                    .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600");
        }
    }

    @Test
    void aSecondOutageIsSurvivedToo() throws Exception {
        // Repeated restarts must not exhaust retries for good: nothing changes during this outage, and wsroute
        // must still act on the first change after it.
        create("repeat", spec("repeat.example.com", null));
        awaitReady("repeat", 1L);
        ProxiedApiServer.proxy.cut();
        Thread.sleep(5_000);
        ProxiedApiServer.proxy.restore();
        Thread.sleep(2_000);
        ProxiedApiServer.proxy.cut();
        Thread.sleep(5_000);
        ProxiedApiServer.proxy.restore();

        WebSocketRoute route = get("repeat");
        route.setSpec(spec("repeat.example.com", new RouteTimeouts("3h", null)));
        client.resource(route).update();
        awaitReady("repeat", 2L);
        await().atMost(RECOVERY)
                .untilAsserted(() -> assertThat(ingress("repeat").getMetadata().getAnnotations())
                        .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "10800"));
    }

    private static WebSocketRouteSpec spec(String host, RouteTimeouts timeouts) {
        return new WebSocketRouteSpec(
                host,
                List.of(new RoutePath("/ws", null, new RouteService("chat", new RouteService.Port(8080, null)))),
                null,
                null,
                timeouts,
                null,
                null,
                null,
                null);
    }

    private static void create(String name, WebSocketRouteSpec spec) {
        WebSocketRoute route = new WebSocketRoute();
        route.getMetadata().setName(name);
        route.getMetadata().setNamespace(NS);
        route.setSpec(spec);
        client.resource(route).create();
    }

    private static WebSocketRoute get(String name) {
        return client.resources(WebSocketRoute.class)
                .inNamespace(NS)
                .withName(name)
                .get();
    }

    private static Ingress ingress(String name) {
        return client.network().v1().ingresses().inNamespace(NS).withName(name).get();
    }

    /** Ready=True for the given generation: status is current, not left over from before the change. */
    private static void awaitReady(String name, long generation) {
        await().atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Optional.ofNullable(get(name))
                        .map(WebSocketRoute::getStatus)
                        .filter(s -> s.getObservedGeneration() != null && s.getObservedGeneration() == generation)
                        .flatMap(s -> s.condition("Ready"))
                        .map(c -> "True".equals(c.getStatus()))
                        .orElse(false));
    }
}
