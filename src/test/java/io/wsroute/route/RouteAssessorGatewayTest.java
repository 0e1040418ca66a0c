package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.admission.FixedClusterView;
import io.wsroute.admission.FixedGatewayApiView;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.route.api.RouteGatewayRef;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.RouteTimeouts;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import io.wsroute.rules.RuleSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A route with a gatewayRef: what it owns, when it writes, what it deletes on a switch, on a fixed view. */
class RouteAssessorGatewayTest {

    private static final String NS = "demo";

    private final FixedClusterView cluster = new FixedClusterView()
            .withClass("nginx", ControllerFlavor.INGRESS_NGINX.controllerName())
            .withService(Routes.service(NS, "chat", 8080, null));
    private final FixedGatewayApiView gatewayApi = FixedGatewayApiView.ngf();
    private final RouteAssessor assessor = new RouteAssessor(
            cluster, gatewayApi, (flavor, notes) -> flavor.plane().defaults(false), RuleSettings.DEFAULTS, "wsroute");

    private static WebSocketRoute route(RouteGatewayRef ref) {
        return Routes.route(
                NS, "chat", Routes.spec("chat.example.com", "/ws", "chat", 8080).onGateway(ref));
    }

    private static WebSocketRoute onNgf() {
        return route(new RouteGatewayRef("gw", "infra", null));
    }

    private static HTTPRoute httpRoute(RouteAssessment a) {
        return a.gateway().apply().stream()
                .filter(HTTPRoute.class::isInstance)
                .map(HTTPRoute.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private static ProxySettingsPolicy policy(RouteAssessment a) {
        return a.gateway().apply().stream()
                .filter(ProxySettingsPolicy.class::isInstance)
                .map(ProxySettingsPolicy.class::cast)
                .findFirst()
                .orElseThrow();
    }

    /** What the API server would store: the planned object, through JSON, as a cache would hold it. */
    private static <T extends HasMetadata> T stored(T planned, Class<T> type) {
        return Serialization.unmarshal(Serialization.asJson(planned), type);
    }

    @Test
    void onNgfTheRouteOwnsAnHttpRouteAndAPolicyCarryingItsIdleTimeouts() {
        WebSocketRoute route = route(new RouteGatewayRef("gw", "infra", null));
        RouteAssessment a = assessor.assess(route);

        assertThat(a.ready().isTrue()).as(a.ready().message()).isTrue();
        assertThat(a.ready().reason()).isEqualTo("HTTPRouteReady");
        assertThat(a.ready().message())
                .contains("ProxySettingsPolicy chat-timeouts")
                .contains("infra/gw");
        assertThat(a.enforced()).hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("AllSettingsEnforced"));
        assertThat(a.apply()).isEmpty();
        assertThat(a.gateway().gateway()).isEqualTo("infra/gw");
        assertThat(a.gateway().httpRouteName()).isEqualTo("chat");
        assertThat(a.controller()).isEqualTo("gateway.nginx.org/nginx-gateway-controller");
        assertThat(a.gateway().apply())
                .extracting(HasMetadata::getKind)
                .containsExactly("HTTPRoute", "ProxySettingsPolicy");

        HTTPRoute http = httpRoute(a);
        assertThat(http.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(http.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo("uid-chat");
            assertThat(o.getController()).isTrue();
        });
        assertThat(http.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "wsroute");
        assertThat(http.getSpec().getParentRefs()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("gw");
            assertThat(p.getNamespace()).isEqualTo("infra");
            assertThat(p.getSectionName()).isNull();
        });
        assertThat(http.getSpec().getHostnames()).containsExactly("chat.example.com");
        assertThat(http.getSpec().getRules()).singleElement().satisfies(r -> {
            assertThat(r.getMatches().get(0).getPath().getType()).isEqualTo("PathPrefix");
            assertThat(r.getMatches().get(0).getPath().getValue()).isEqualTo("/ws");
            assertThat(r.getBackendRefs().get(0).getName()).isEqualTo("chat");
            assertThat(r.getBackendRefs().get(0).getPort()).isEqualTo(8080);
            // never an absolute deadline on a WebSocket route (README "Gateway API")
            assertThat(r.getTimeouts()).isNull();
        });

        ProxySettingsPolicy policy = policy(a);
        assertThat(policy.getMetadata().getName()).isEqualTo("chat-timeouts");
        assertThat(policy.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-chat"));
        assertThat(policy.getSpec().getTargetRefs()).singleElement().satisfies(t -> {
            assertThat(t.getKind()).isEqualTo("HTTPRoute");
            assertThat(t.getName()).isEqualTo("chat");
        });
        // the default minimum idle time, 1 h, in NGF's duration grammar
        assertThat(policy.getSpec().getTimeout().getRead()).isEqualTo("1h");
        assertThat(policy.getSpec().getTimeout().getSend()).isEqualTo("1h");
    }

    @Test
    void theIdleAndSendTimeoutsOfTheRouteReachThePolicyInNgfsGrammar() {
        WebSocketRouteSpec base = Routes.spec("chat.example.com", "/ws", "chat", 8080);
        WebSocketRouteSpec spec = new WebSocketRouteSpec(
                        base.host(), base.paths(), null, null, new RouteTimeouts("24h", "90s"), null, null, null, null)
                .onGateway(new RouteGatewayRef("gw", "infra", "http"));
        RouteAssessment a = assessor.assess(Routes.route(NS, "chat", spec));
        // NGF apis/v1alpha1/shared_types.go Duration ^[0-9]{1,4}(ms|s|m|h)?$: a day is 24h, never 86400s
        assertThat(policy(a).getSpec().getTimeout().getRead()).isEqualTo("24h");
        assertThat(policy(a).getSpec().getTimeout().getSend()).isEqualTo("90s");
        assertThat(httpRoute(a).getSpec().getParentRefs().get(0).getSectionName())
                .isEqualTo("http");
    }

    @Test
    void aGatewayInTheRoutesOwnNamespaceIsNamedWithoutNamespace() {
        gatewayApi.with(GatewayYaml.gateway("local", "nginx").replace("namespace: infra", "namespace: demo"));
        RouteAssessment a = assessor.assess(route(new RouteGatewayRef("local", null, null)));
        assertThat(a.ready().isTrue()).as(a.ready().message()).isTrue();
        assertThat(httpRoute(a).getSpec().getParentRefs().get(0).getNamespace()).isNull();
        assertThat(a.gateway().gateway()).isEqualTo("demo/local");
    }

    @Test
    void aNamedPortIsResolvedToItsNumberForTheBackendRef() {
        WebSocketRouteSpec spec = new WebSocketRouteSpec(
                        "chat.example.com",
                        List.of(new RoutePath(
                                "/ws", null, new RouteService("chat", new RouteService.Port(null, "ws")))),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)
                .onGateway(new RouteGatewayRef("gw", "infra", null));
        RouteAssessment a = assessor.assess(Routes.route(NS, "chat", spec));
        assertThat(httpRoute(a)
                        .getSpec()
                        .getRules()
                        .get(0)
                        .getBackendRefs()
                        .get(0)
                        .getPort())
                .isEqualTo(8080);
    }

    @Test
    void liveObjectsAsPlannedAreNotWrittenAgainAndDriftIsRepaired() {
        RouteAssessment first = assessor.assess(onNgf());
        HTTPRoute live = stored(httpRoute(first), HTTPRoute.class);
        // the API server's defaults (parentRef group/kind, backendRef kind/weight) are no drift
        live.getSpec().getParentRefs().get(0).setGroup("gateway.networking.k8s.io");
        live.getSpec().getParentRefs().get(0).setKind("Gateway");
        live.getSpec().getRules().get(0).getBackendRefs().get(0).setKind("Service");
        live.getSpec().getRules().get(0).getBackendRefs().get(0).setWeight(1);
        gatewayApi.with(live).with(stored(policy(first), ProxySettingsPolicy.class));
        RouteAssessment again = assessor.assess(onNgf());
        assertThat(again.ready().isTrue()).isTrue();
        assertThat(again.gateway().apply()).isEmpty();
        assertThat(again.delete()).isEmpty();

        gatewayApi.without("HTTPRoute", "chat");
        HTTPRoute edited = new HTTPRouteBuilder(live).build();
        edited.getSpec().getRules().get(0).getBackendRefs().get(0).setPort(9999);
        gatewayApi.with(edited);
        assertThat(assessor.assess(onNgf()).gateway().apply())
                .extracting(HasMetadata::getKind)
                .containsExactly("HTTPRoute");

        gatewayApi.without("ProxySettingsPolicy", "chat-timeouts");
        ProxySettingsPolicy loosened = stored(policy(first), ProxySettingsPolicy.class);
        loosened.getSpec().setTimeout(new io.wsroute.gateway.ProxyTimeout(null, "60s", "60s"));
        gatewayApi.with(loosened);
        assertThat(assessor.assess(onNgf()).gateway().apply())
                .extracting(HasMetadata::getKind)
                .containsExactly("HTTPRoute", "ProxySettingsPolicy");
    }

    @Test
    void switchingFromAnIngressClassToAGatewayDeletesTheOwnedIngressAndBack() {
        WebSocketRoute onClass = Routes.route(
                NS, "chat", Routes.spec("chat.example.com", "/ws", "chat", 8080).onIngressClass("nginx"));
        Ingress ingress = assessor.assess(onClass).apply().orElseThrow();
        cluster.withIngress(ingress);

        RouteAssessment toGateway = assessor.assess(onNgf());
        assertThat(toGateway.ready().isTrue()).isTrue();
        assertThat(toGateway.gateway().apply()).hasSize(2);
        assertThat(toGateway.delete()).containsExactly(ingress);

        gatewayApi.with(stored(httpRoute(toGateway), HTTPRoute.class));
        gatewayApi.with(stored(policy(toGateway), ProxySettingsPolicy.class));
        RouteAssessment back = assessor.assess(onClass);
        assertThat(back.ready().reason()).isEqualTo("IngressReady");
        assertThat(back.delete())
                .extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("HTTPRoute", "ProxySettingsPolicy");
    }

    @Test
    void aGatewayRouteThatIsNotReadyLeavesTheOwnedIngressServing() {
        WebSocketRoute onClass = Routes.route(
                NS, "chat", Routes.spec("chat.example.com", "/ws", "chat", 8080).onIngressClass("nginx"));
        cluster.withIngress(assessor.assess(onClass).apply().orElseThrow());
        RouteAssessment a = assessor.assess(route(new RouteGatewayRef("missing", "infra", null)));
        assertThat(a.ready().reason()).isEqualTo("GatewayNotFound");
        assertThat(a.ready().message()).contains("infra/missing");
        assertThat(a.delete()).isEmpty();
        assertThat(a.gateway().apply()).isEmpty();
    }

    @Test
    void objectsWithTheRoutesNamesThatOthersOwnAreNeverTakenOver() {
        gatewayApi.with(GatewayYaml.foreignRoute(NS, "chat", "other.example.com", "/"));
        RouteAssessment a = assessor.assess(onNgf());
        assertThat(a.ready().reason()).isEqualTo("HTTPRouteNameTaken");
        assertThat(a.gateway().apply()).isEmpty();
        assertThat(a.delete()).isEmpty();
    }

    @Test
    void anotherHttpRouteOnTheGatewayServingTheHostAndPathIsAConflict() {
        gatewayApi.with(GatewayYaml.foreignRoute(NS, "legacy", "chat.example.com", "/ws"));
        RouteAssessment a = assessor.assess(onNgf());
        assertThat(a.ready().reason()).isEqualTo("Conflict");
        assertThat(a.ready().message()).contains("HTTPRoute demo/legacy");
        assertThat(a.gateway().apply()).isEmpty();
    }

    @Test
    void aRuleWithoutMatchesServesTheRootPrefixAndConflictsWithARouteOnSlash() {
        // kubernetes-sigs/gateway-api v1.5.1 config/crd/standard/gateway.networking.k8s.io_httproutes.yaml:
        // spec.rules default [{matches: [{path: {type: PathPrefix, value: /}}]}], and the same default per match
        gatewayApi.with("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: catch-all, namespace: demo}
                spec:
                  parentRefs: [{name: gw, namespace: infra}]
                  hostnames: [chat.example.com]
                  rules:
                  - backendRefs: [{name: legacy, port: 80}]
                """);
        WebSocketRoute onSlash = Routes.route(
                NS,
                "chat",
                Routes.spec("chat.example.com", "/", "chat", 8080).onGateway(new RouteGatewayRef("gw", "infra", null)));
        RouteAssessment a = assessor.assess(onSlash);
        assertThat(a.ready().reason()).isEqualTo("Conflict");
        assertThat(a.ready().message()).contains("HTTPRoute demo/catch-all");
        // a longer prefix takes precedence over /, so /ws is the route's own
        assertThat(assessor.assess(onNgf()).ready().isTrue()).isTrue();
    }

    @Test
    void theSamePathOnAnotherHostIsNoConflict() {
        gatewayApi.with(GatewayYaml.foreignRoute(NS, "legacy", "other.example.com", "/ws"));
        assertThat(assessor.assess(onNgf()).ready().isTrue()).isTrue();
    }

    @Test
    void anotherImplementationGetsTheHttpRouteOnlyAndSaysTheIdleTimeoutIsNotSet() {
        gatewayApi.with(GatewayYaml.otherImplementation()).with(GatewayYaml.gateway("envoy", "envoy"));
        WebSocketRoute route = route(new RouteGatewayRef("envoy", "infra", null));
        RouteAssessment a = assessor.assess(route);
        assertThat(a.ready().isTrue()).as(a.ready().message()).isTrue();
        assertThat(a.gateway().apply()).extracting(HasMetadata::getKind).containsExactly("HTTPRoute");
        assertThat(httpRoute(a).getSpec().getRules().get(0).getTimeouts()).isNull();
        assertThat(a.enforced()).hasValueSatisfying(c -> {
            assertThat(c.isTrue()).isFalse();
            assertThat(c.reason()).isEqualTo("IdleTimeoutNotSet");
            assertThat(c.message()).contains("Gateway API has no idle timeout").contains("1h");
        });
    }

    @Test
    void ngfWithoutThePolicyCrdGetsTheHttpRouteAndSaysTheTimeoutStaysSixtySeconds() {
        gatewayApi.withoutPolicyCrd();
        RouteAssessment a = assessor.assess(onNgf());
        assertThat(a.ready().isTrue()).isTrue();
        assertThat(a.gateway().apply()).extracting(HasMetadata::getKind).containsExactly("HTTPRoute");
        assertThat(a.enforced().orElseThrow().reason()).isEqualTo("IdleTimeoutNotSet");
        assertThat(a.enforced().orElseThrow().message()).contains("60s idle timeout");
    }

    @Test
    void aWssBackendWithoutBackendTlsPolicyIsRefusedAsTheWebhookWould() {
        cluster.withService(Routes.service(NS, "secure", 8443, "kubernetes.io/wss"));
        RouteAssessment a = assessor.assess(Routes.route(
                NS,
                "chat",
                Routes.spec("chat.example.com", "/ws", "secure", 8443)
                        .onGateway(new RouteGatewayRef("gw", "infra", null))));
        assertThat(a.ready().reason()).isEqualTo("RuleViolation");
        assertThat(a.ready().message()).contains("WS132");
        assertThat(a.gateway().apply()).isEmpty();
    }

    @Test
    void settingsAnHttpRouteCannotCarryAreReportedAsNotEnforced() {
        WebSocketRouteSpec base = Routes.spec("chat.example.com", "/ws", "chat", 8080);
        WebSocketRouteSpec spec = new WebSocketRouteSpec(
                        base.host(), base.paths(), null, null, null, null, null, 10, List.of("10.0.0.0/8"))
                .onGateway(new RouteGatewayRef("gw", "infra", null));
        RouteAssessment a = assessor.assess(Routes.route(NS, "chat", spec));
        assertThat(a.ready().isTrue()).isTrue();
        assertThat(a.enforced().orElseThrow().reason()).isEqualTo("SettingsNotEnforced");
        assertThat(a.enforced().orElseThrow().message())
                .contains("spec.maxConnectionsPerClient")
                .contains("spec.sourceRanges");
    }

    @Test
    void withoutGatewayApiTheRouteSaysWhyAndWritesNothing() {
        RouteAssessor without = new RouteAssessor(
                cluster,
                FixedGatewayApiView.absent(),
                (flavor, notes) -> flavor.plane().defaults(false),
                RuleSettings.DEFAULTS,
                "wsroute");
        RouteAssessment a = without.assess(onNgf());
        assertThat(a.ready().reason()).isEqualTo("GatewayApiNotServed");
        assertThat(a.gateway().apply()).isEmpty();
        // routes on an IngressClass are unaffected
        WebSocketRoute onClass = Routes.route(
                NS, "chat", Routes.spec("chat.example.com", "/ws", "chat", 8080).onIngressClass("nginx"));
        assertThat(without.assess(onClass).ready().reason()).isEqualTo("IngressReady");
    }
}
