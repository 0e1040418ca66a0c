package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.wsroute.admission.FixedClusterView;
import io.wsroute.admission.FixedGatewayApiView;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.route.api.RouteGatewayRef;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.RouteSessionAffinity;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import io.wsroute.rules.RuleSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Ready and Enforced reason of README's condition table, decided on a fixed cluster view. */
class RouteAssessorTest {

    private static final String NS = "demo";

    private final FixedClusterView cluster = new FixedClusterView()
            .withClass("nginx", ControllerFlavor.INGRESS_NGINX.controllerName())
            .withClass("f5", ControllerFlavor.NGINX_INC.controllerName())
            .withClass("traefik", "traefik.io/ingress-controller")
            .withService(Routes.service(NS, "chat", 8080, null));

    private final FixedGatewayApiView gatewayApi = FixedGatewayApiView.ngf();

    private final RouteAssessor assessor = new RouteAssessor(
            cluster, gatewayApi, (flavor, notes) -> flavor.plane().defaults(false), RuleSettings.DEFAULTS, "wsroute");

    private static WebSocketRoute route(String className) {
        WebSocketRouteSpec spec = Routes.spec("chat.example.com", "/ws", "chat", 8080);
        return Routes.route(NS, "chat", withClass(spec, className));
    }

    static WebSocketRoute onGateway(String gateway, String namespace) {
        return Routes.route(
                NS,
                "chat",
                Routes.spec("chat.example.com", "/ws", "chat", 8080)
                        .onGateway(new RouteGatewayRef(gateway, namespace, null)));
    }

    private static WebSocketRouteSpec withClass(WebSocketRouteSpec spec, String className) {
        return new WebSocketRouteSpec(
                spec.host(),
                spec.paths(),
                className,
                spec.tls(),
                spec.timeouts(),
                spec.sessionAffinity(),
                spec.allowedOrigins(),
                spec.maxConnectionsPerClient(),
                spec.sourceRanges());
    }

    /** One cluster and route per reason the assessor decides; a reason added without a scenario fails below. */
    private Map<RouteReason, Supplier<RouteAssessment>> scenarios() {
        return Map.ofEntries(
                Map.entry(RouteReason.INGRESS_READY, () -> assessor.assess(route("nginx"))),
                Map.entry(RouteReason.ALL_SETTINGS_ENFORCED, () -> assessor.assess(route("f5"))),
                Map.entry(RouteReason.SETTINGS_NOT_ENFORCED, () -> assessor.assess(limitedOnF5())),
                Map.entry(
                        RouteReason.INVALID_SPEC,
                        () -> assessor.assess(Routes.route(NS, "chat", Routes.spec("bad host;", "/ws", "chat", 8080)))),
                Map.entry(RouteReason.NO_INGRESS_CLASS, () -> assessor.assess(route(null))),
                Map.entry(RouteReason.INGRESS_CLASS_NOT_FOUND, () -> assessor.assess(route("missing"))),
                Map.entry(RouteReason.NOT_NGINX_CLASS, () -> assessor.assess(route("traefik"))),
                Map.entry(
                        RouteReason.SERVICE_NOT_FOUND,
                        () -> assessor.assess(Routes.route(
                                NS, "chat", withClass(Routes.spec("chat.example.com", "/ws", "gone", 8080), "nginx")))),
                Map.entry(
                        RouteReason.PORT_NOT_FOUND,
                        () -> assessor.assess(Routes.route(
                                NS, "chat", withClass(Routes.spec("chat.example.com", "/ws", "chat", 9999), "nginx")))),
                Map.entry(RouteReason.INGRESS_NAME_TAKEN, () -> {
                    cluster.withIngress(ingress("chat", "other.example.com", "/", "nginx"));
                    return assessor.assess(route("nginx"));
                }),
                Map.entry(RouteReason.CONFLICT, () -> {
                    cluster.withIngress(ingress("legacy", "chat.example.com", "/ws", "nginx"));
                    return assessor.assess(route("nginx"));
                }),
                Map.entry(RouteReason.RULE_VIOLATION, () -> assessor.assess(wssBesidePlain())),
                Map.entry(RouteReason.HTTP_ROUTE_READY, () -> assessor.assess(onGateway("gw", "infra"))),
                Map.entry(
                        RouteReason.GATEWAY_API_NOT_SERVED,
                        () -> new RouteAssessor(
                                        cluster,
                                        FixedGatewayApiView.absent(),
                                        (flavor, notes) -> flavor.plane().defaults(false),
                                        RuleSettings.DEFAULTS,
                                        "wsroute")
                                .assess(onGateway("gw", "infra"))),
                Map.entry(RouteReason.GATEWAY_NOT_FOUND, () -> assessor.assess(onGateway("missing", "infra"))),
                Map.entry(RouteReason.GATEWAY_CLASS_NOT_FOUND, () -> {
                    gatewayApi.with(GatewayYaml.gateway("orphan", "no-such-class"));
                    return assessor.assess(onGateway("orphan", "infra"));
                }),
                Map.entry(RouteReason.HTTP_ROUTE_NAME_TAKEN, () -> {
                    gatewayApi.with(GatewayYaml.foreignRoute(NS, "chat", "other.example.com", "/"));
                    return assessor.assess(onGateway("gw", "infra"));
                }),
                Map.entry(RouteReason.POLICY_NAME_TAKEN, () -> {
                    gatewayApi.with(GatewayYaml.foreignPolicy(NS, "chat-timeouts", "chat"));
                    return assessor.assess(onGateway("gw", "infra"));
                }),
                Map.entry(RouteReason.IDLE_TIMEOUT_NOT_SET, () -> {
                    gatewayApi.with(GatewayYaml.otherImplementation()).with(GatewayYaml.gateway("envoy", "envoy"));
                    return assessor.assess(onGateway("envoy", "infra"));
                }));
    }

    static Stream<RouteReason> assessorReasons() {
        return RouteReason.decidedBy(RouteReason.DecidedBy.ASSESSOR).stream();
    }

    @ParameterizedTest
    @MethodSource("assessorReasons")
    void everyReasonTheAssessorDecidesHasAScenarioThatYieldsIt(RouteReason reason) {
        Supplier<RouteAssessment> scenario = scenarios().get(reason);
        assertThat(scenario).as("scenario for %s", reason).isNotNull();
        RouteAssessment a = scenario.get();
        RouteCondition condition = reason.condition().equals(RouteCondition.READY)
                ? a.ready()
                : a.enforced().orElseThrow();
        assertThat(condition.reason()).as(condition.message()).isEqualTo(reason.text());
        assertThat(condition.isTrue())
                .as(condition.message())
                .isEqualTo(reason == RouteReason.INGRESS_READY
                        || reason == RouteReason.HTTP_ROUTE_READY
                        || reason == RouteReason.ALL_SETTINGS_ENFORCED);
    }

    @Test
    void readyRouteAppliesItsIngressAndReportsWhereItLands() {
        RouteAssessment a = assessor.assess(route("nginx"));
        assertThat(a.ready().isTrue()).isTrue();
        assertThat(a.ready().reason()).isEqualTo("IngressReady");
        assertThat(a.enforced()).hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("AllSettingsEnforced"));
        assertThat(a.apply()).isPresent();
        assertThat(a.url()).isEqualTo("ws://chat.example.com/ws");
        assertThat(a.ingressClassName()).isEqualTo("nginx");
        assertThat(a.controller()).isEqualTo("ingress-nginx");
        assertThat(a.ingressName()).isEqualTo("chat");
    }

    @Test
    void aMatchingLiveIngressIsNotWrittenAgain() {
        RouteAssessment first = assessor.assess(route("nginx"));
        Ingress live = new IngressBuilder(first.apply().orElseThrow()).build();
        cluster.withIngress(live);
        RouteAssessment again = assessor.assess(route("nginx"));
        assertThat(again.ready().isTrue()).isTrue();
        assertThat(again.apply()).isEmpty();
    }

    @Test
    void invalidSpec() {
        WebSocketRoute route = Routes.route(NS, "chat", Routes.spec("bad host;", "/ws", "chat", 8080));
        assertNotReady(assessor.assess(route), "InvalidSpec");
    }

    @Test
    void noIngressClassWhenNoneIsNamedAndNoneIsDefault() {
        assertNotReady(assessor.assess(route(null)), "NoIngressClass");
    }

    @Test
    void ingressClassNotFound() {
        assertNotReady(assessor.assess(route("missing")), "IngressClassNotFound");
    }

    @Test
    void notNginxClass() {
        RouteAssessment a = assessor.assess(route("traefik"));
        assertNotReady(a, "NotNginxClass");
        assertThat(a.url()).isEqualTo("ws://chat.example.com/ws");
        assertThat(a.ingressClassName()).isNull();
    }

    @Test
    void serviceNotFound() {
        WebSocketRouteSpec spec = withClass(Routes.spec("chat.example.com", "/ws", "gone", 8080), "nginx");
        RouteAssessment a = assessor.assess(Routes.route(NS, "chat", spec));
        assertNotReady(a, "ServiceNotFound");
        assertThat(a.controller()).isEqualTo("ingress-nginx");
    }

    @Test
    void portNotFound() {
        WebSocketRouteSpec spec = withClass(Routes.spec("chat.example.com", "/ws", "chat", 9999), "nginx");
        assertNotReady(assessor.assess(Routes.route(NS, "chat", spec)), "PortNotFound");
    }

    @Test
    void ingressNameTakenByAnIngressTheRouteDoesNotOwn() {
        cluster.withIngress(ingress("chat", "other.example.com", "/", "nginx"));
        assertNotReady(assessor.assess(route("nginx")), "IngressNameTaken");
    }

    @Test
    void conflictWithAnotherIngressOfTheSameClassOnTheSameHostAndPath() {
        cluster.withIngress(ingress("legacy", "chat.example.com", "/ws", "nginx"));
        assertNotReady(assessor.assess(route("nginx")), "Conflict");
    }

    @Test
    void noConflictWithTheSamePathOnAnotherClass() {
        cluster.withIngress(ingress("legacy", "chat.example.com", "/ws", "f5"));
        assertThat(assessor.assess(route("nginx")).ready().isTrue()).isTrue();
    }

    @Test
    void ruleViolationWhenTheRulesRefuseThePlannedIngress() {
        RouteAssessment a = assessor.assess(wssBesidePlain());
        assertNotReady(a, "RuleViolation");
        assertThat(a.ready().message()).contains("WS115");
    }

    /**
     * ingress-nginx turns backend TLS on for the whole Ingress: a wss backend beside a plain one cannot be fixed by
     * an annotation, so WS115 stays an error on the planned Ingress.
     */
    private WebSocketRoute wssBesidePlain() {
        cluster.withService(Routes.service(NS, "secure", 8443, "kubernetes.io/wss"));
        WebSocketRouteSpec spec = new WebSocketRouteSpec(
                "chat.example.com",
                List.of(
                        new RoutePath("/ws", null, new RouteService("chat", new RouteService.Port(8080, null))),
                        new RoutePath("/wss", null, new RouteService("secure", new RouteService.Port(8443, null)))),
                "nginx",
                null,
                null,
                null,
                null,
                null,
                null);
        return Routes.route(NS, "chat", spec);
    }

    @Test
    void settingsNotEnforcedWhenTheControllerCannotEnforceThem() {
        RouteAssessment a = assessor.assess(limitedOnF5());
        assertThat(a.ready().isTrue()).isTrue();
        assertThat(a.enforced()).hasValueSatisfying(c -> {
            assertThat(c.isTrue()).isFalse();
            assertThat(c.reason()).isEqualTo("SettingsNotEnforced");
            assertThat(c.message()).contains("spec.maxConnectionsPerClient");
        });
    }

    /** A connection limit on the F5 controller, which has no annotation for it. */
    private static WebSocketRoute limitedOnF5() {
        WebSocketRouteSpec base = withClass(Routes.spec("chat.example.com", "/ws", "chat", 8080), "f5");
        WebSocketRouteSpec spec = new WebSocketRouteSpec(
                base.host(), base.paths(), base.ingressClassName(), null, null, null, null, 10, null);
        return Routes.route(NS, "chat", spec);
    }

    @Test
    void aRouteThatStopsBeingReadyLeavesItsLastIngressAlone() {
        RouteAssessment ready = assessor.assess(route("nginx"));
        Ingress owned = ready.apply().orElseThrow();
        cluster.withIngress(owned);
        cluster.withoutService(NS, "chat");
        RouteAssessment broken = assessor.assess(route("nginx"));
        assertNotReady(broken, "ServiceNotFound");
        // Not re-applied and not deleted: the reconciler writes nothing, so the controller keeps serving it.
        assertThat(broken.apply()).isEmpty();
    }

    @Test
    void theRoutePathReadsReplicaCountsAsTheWebhookDoes() {
        // WS113 on a long-polling fallback path needs several pods; the route sees the ready endpoints (Backends)
        WebSocketRoute socketIo = Routes.route(
                NS, "chat", withClass(Routes.spec("chat.example.com", "/socket.io", "chat", 8080), "nginx"));
        cluster.withReadyEndpoints(NS, "chat", 1);
        assertThat(assessor.assess(socketIo).ready().message()).doesNotContain("WS113");
        cluster.withReadyEndpoints(NS, "chat", 3);
        RouteAssessment a = assessor.assess(socketIo);
        assertThat(a.ready().isTrue()).isTrue();
        assertThat(a.ready().message()).contains("WS113").contains("Service chat has 3 replicas");
    }

    @Test
    void sessionAffinityOnIngressNginxIsWritten() {
        WebSocketRouteSpec base = withClass(Routes.spec("chat.example.com", "/ws", "chat", 8080), "nginx");
        WebSocketRouteSpec spec = new WebSocketRouteSpec(
                base.host(),
                base.paths(),
                base.ingressClassName(),
                null,
                null,
                new RouteSessionAffinity(RouteSessionAffinity.Type.Cookie, "route"),
                null,
                null,
                null);
        RouteAssessment a = assessor.assess(Routes.route(NS, "chat", spec));
        assertThat(a.apply().orElseThrow().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie");
    }

    private static void assertNotReady(RouteAssessment a, String reason) {
        assertThat(a.ready().isTrue()).as(a.ready().message()).isFalse();
        assertThat(a.ready().reason()).as(a.ready().message()).isEqualTo(reason);
        assertThat(a.enforced()).isEmpty();
        assertThat(a.apply()).isEmpty();
        assertThat(a.ingressName()).isNull();
    }

    private static Ingress ingress(String name, String host, String path, String className) {
        return new IngressBuilder()
                .withNewMetadata()
                .withNamespace(NS)
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withIngressClassName(className)
                .addNewRule()
                .withHost(host)
                .withNewHttp()
                .addNewPath()
                .withPath(path)
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName("legacy")
                .withNewPort()
                .withNumber(80)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }
}
