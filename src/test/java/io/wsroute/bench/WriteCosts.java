package io.wsroute.bench;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.it.ClusterSeed;
import io.wsroute.route.RouteCondition;
import io.wsroute.route.RouteStatusWrite;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteStatus;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * What each kind of write a new route can cause costs the API server and etcd, each measured alone (N writes from
 * 16 threads) before wsroute starts, so no webhook is called: the levers of the reconcile's writes, priced.
 */
final class WriteCosts {

    private static final String NS = "writes";

    /** Runs N writes; the seconds they took. */
    interface Writer {
        double run(int n, IntConsumer write) throws InterruptedException;
    }

    private final KubernetesClient client;
    private final int n;
    private final long apiServerPid;
    private final long etcdPid;
    private final Writer writer;

    WriteCosts(KubernetesClient client, int n, long apiServerPid, long etcdPid, Writer writer) {
        this.client = client;
        this.n = n;
        this.apiServerPid = apiServerPid;
        this.etcdPid = etcdPid;
        this.writer = writer;
    }

    void measure() throws Exception {
        ClusterSeed.routeNamespace(client, NS);
        WebSocketRouteStatus status = readyStatus();
        price("route create (POST)", i -> client.resource(route(i)).create());
        price("route status, server-side apply", i -> statusApply(i, status));
        price(
                "route status, JSON patch",
                i -> routeStatus(i).patch(PatchContext.of(PatchType.JSON), statusPatch(status)));
        // the cheaper status writes tried for issue 18 item 6: each writes a status that differs from the stored one
        // (another observedGeneration), so that none is a no-op the API server would answer without storing
        String[] versions = new String[n];
        WebSocketRouteStatus merged = readyStatus(2L);
        price(
                "route status, JSON merge patch",
                i -> versions[i] = routeStatus(i)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), statusMerge(merged))
                        .getMetadata()
                        .getResourceVersion());
        WebSocketRouteStatus put = readyStatus(3L);
        price("route status, PUT with resourceVersion", i -> statusPut(i, versions[i], put));
        price(
                "Event create (POST)",
                i -> client.v1().events().inNamespace(NS).resource(event(i)).create());
        price(
                "Ingress server-side apply (new)",
                i -> client.resource(ingress("a" + i))
                        .fieldManager("wsroute")
                        .forceConflicts()
                        .serverSideApply());
        price("Ingress create (POST)", i -> client.resource(ingress("c" + i)).create());
        client.v1().events().inNamespace(NS).delete();
        ReconcileBench.deleteRoutes(client, NS);
    }

    /**
     * The Ingress apply again, now that wsroute's two webhooks are registered: what the API server's calls to them
     * add to a route's Ingress write, and what answering them costs wsroute (no route owns these Ingresses, so none
     * is reconciled; wsroute's informers still see each one).
     */
    void measureThroughWebhooks(long wsroutePid) throws Exception {
        double wsroute = Machine.cpuSeconds(wsroutePid);
        price(
                "Ingress server-side apply (new) through wsroute's two webhooks",
                i -> client.resource(ingress("w" + i))
                        .fieldManager("wsroute")
                        .forceConflicts()
                        .serverSideApply());
        System.out.printf(
                "write cost: wsroute's CPU per Ingress apply through its webhooks %.2f ms%n",
                (Machine.cpuSeconds(wsroutePid) - wsroute) * 1000 / n);
        client.network().v1().ingresses().inNamespace(NS).delete();
    }

    private void price(String what, IntConsumer write) throws Exception {
        double api = Machine.cpuSeconds(apiServerPid);
        double etcd = Machine.cpuSeconds(etcdPid);
        double seconds = writer.run(n, write);
        System.out.printf(
                "write cost: %-34s %5.0f/s; per write API server %.2f ms, etcd %.2f ms (load %s)%n",
                what,
                n / seconds,
                (Machine.cpuSeconds(apiServerPid) - api) * 1000 / n,
                (Machine.cpuSeconds(etcdPid) - etcd) * 1000 / n,
                Machine.load());
    }

    /** The RFC 6902 patch wsroute wrote before the PUT: "add" replaces {@code /status} (and creates it on a new route). */
    private static String statusPatch(WebSocketRouteStatus status) {
        return Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    }

    private static String statusMerge(WebSocketRouteStatus status) {
        return Serialization.asJson(Map.of("status", status));
    }

    /** A PUT of the status subresource, as wsroute writes it (RouteStatusWrite), from the version last stored. */
    private void statusPut(int i, String resourceVersion, WebSocketRouteStatus status) {
        WebSocketRoute stored = new WebSocketRoute();
        stored.getMetadata().setName("r" + i);
        stored.getMetadata().setNamespace(NS);
        stored.getMetadata().setResourceVersion(resourceVersion);
        client.resource(RouteStatusWrite.body(stored, status)).updateStatus();
    }

    private io.fabric8.kubernetes.client.dsl.EditReplacePatchable<WebSocketRoute> routeStatus(int i) {
        return client.resources(WebSocketRoute.class)
                .inNamespace(NS)
                .withName("r" + i)
                .subresource("status");
    }

    /** As the operator SDK writes a primary's status with server-side apply: name, namespace and the status. */
    private void statusApply(int i, WebSocketRouteStatus status) {
        WebSocketRoute patch = new WebSocketRoute();
        patch.getMetadata().setName("r" + i);
        patch.getMetadata().setNamespace(NS);
        patch.setStatus(status);
        routeStatus(i)
                .patch(
                        new PatchContext.Builder()
                                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                                .withFieldManager("wsroute")
                                .withForce(true)
                                .build(),
                        Serialization.asJson(patch));
    }

    private static WebSocketRoute route(int i) {
        WebSocketRoute route = ReconcileBench.route(i);
        route.getMetadata().setNamespace(NS);
        return route;
    }

    /** What a new Ready route's status holds. */
    private static WebSocketRouteStatus readyStatus() {
        return readyStatus(1L);
    }

    private static WebSocketRouteStatus readyStatus(long generation) {
        WebSocketRouteStatus status = new WebSocketRouteStatus();
        RouteCondition.ok(RouteCondition.READY, "IngressReady", "the Ingress is in place as declared")
                .applyTo(status, 1L);
        RouteCondition.ok(RouteCondition.ENFORCED, "AllSettingsEnforced", "every declared setting is enforced")
                .applyTo(status, 1L);
        status.setObservedGeneration(generation);
        status.setIngressName("r0");
        status.setUrl("ws://r0.scale.example.com/ws");
        status.setController("ingress-nginx");
        status.setIngressClassName("nginx");
        return status;
    }

    private static Event event(int i) {
        return new EventBuilder()
                .withNewMetadata()
                .withName("r" + i + ".bench")
                .withNamespace(NS)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("wsroute.io/v1alpha1")
                .withKind("WebSocketRoute")
                .withName("r" + i)
                .withNamespace(NS)
                .endInvolvedObject()
                .withType("Normal")
                .withReason("IngressReady")
                .withMessage("the Ingress is in place as declared")
                .withCount(1)
                .withNewSource()
                .withComponent("wsroute")
                .endSource()
                .build();
    }

    /** An Ingress as wsroute writes one for a route (its WebSocket annotations). */
    private static Ingress ingress(String name) {
        return ClusterSeed.webSocketIngress(
                NS,
                name,
                Map.of(
                        "wsroute.io/websocket", "true",
                        "nginx.ingress.kubernetes.io/proxy-read-timeout", "3600",
                        "nginx.ingress.kubernetes.io/proxy-send-timeout", "3600",
                        "nginx.ingress.kubernetes.io/proxy-http-version", "1.1"));
    }
}
