package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.NginxIncSetup;
import io.wsroute.nginx.NginxIncVersion;
import io.wsroute.route.api.RouteAcceptedWarnings;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.RouteSessionAffinity;
import io.wsroute.route.api.RouteTimeouts;
import io.wsroute.route.api.RouteTls;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import io.wsroute.rules.RuleSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteIngressPlannerTest {

    private final RouteIngressPlanner planner = new RouteIngressPlanner();

    private static RouteTarget target(ControllerFlavor flavor, boolean snippets, String appProtocol) {
        return new RouteTarget(
                "nginx",
                ControllerProfile.defaults(flavor).withSnippetsAllowed(snippets),
                Map.of("chat", Routes.service("apps", "chat", 8080, appProtocol)),
                RuleSettings.DEFAULTS);
    }

    private static WebSocketRouteSpec full() {
        return new WebSocketRouteSpec(
                "chat.example.com",
                List.of(new RoutePath(
                        "/ws", RoutePath.PathMatch.Exact, new RouteService("chat", new RouteService.Port(null, "ws")))),
                "nginx",
                new RouteTls("chat-tls"),
                new RouteTimeouts("2h", "90m"),
                new RouteSessionAffinity(RouteSessionAffinity.Type.Cookie, "route"),
                List.of("https://app.example.com", "https://*.example.org:8443"),
                20,
                List.of("10.0.0.0/8", "2001:db8::/32"));
    }

    @Test
    void minimalRouteOnIngressNginxGetsOwnerLabelsTimeoutsAndOneRule() {
        WebSocketRoute route = Routes.route("apps", "chat", Routes.spec("chat.example.com", "/ws", "chat", 8080));
        RoutePlan plan = planner.plan(route, target(ControllerFlavor.INGRESS_NGINX, false, "kubernetes.io/ws"));
        Ingress ingress = plan.ingress();

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.notEnforced()).isEmpty();
        assertThat(plan.url()).isEqualTo("ws://chat.example.com/ws");
        assertThat(ingress.getMetadata().getName()).isEqualTo("chat");
        assertThat(ingress.getMetadata().getNamespace()).isEqualTo("apps");
        assertThat(ingress.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "wsroute")
                .containsEntry("wsroute.io/route", "chat");
        assertThat(ingress.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("WebSocketRoute");
            assertThat(owner.getApiVersion()).isEqualTo("wsroute.io/v1alpha1");
            assertThat(owner.getUid()).isEqualTo("uid-chat");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(ingress.getMetadata().getAnnotations())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "wsroute.io/websocket", "true",
                        "nginx.ingress.kubernetes.io/proxy-read-timeout", "3600",
                        "nginx.ingress.kubernetes.io/proxy-send-timeout", "3600"));
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).isNullOrEmpty();
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("chat.example.com");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(path -> {
                assertThat(path.getPath()).isEqualTo("/ws");
                assertThat(path.getPathType()).isEqualTo("Prefix");
                assertThat(path.getBackend().getService().getName()).isEqualTo("chat");
                assertThat(path.getBackend().getService().getPort().getNumber()).isEqualTo(8080);
            });
        });
    }

    @Test
    void everyIngressNginxSettingBecomesAFirstClassAnnotationAndOriginsASnippetWhenAllowed() {
        RoutePlan plan = planner.plan(
                Routes.route("apps", "chat", full()),
                target(ControllerFlavor.INGRESS_NGINX, true, "kubernetes.io/wss"));

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.notEnforced()).isEmpty();
        assertThat(plan.url()).isEqualTo("wss://chat.example.com/ws");
        assertThat(plan.warnings()).isEmpty();
        Map<String, String> annotations = plan.ingress().getMetadata().getAnnotations();
        assertThat(annotations)
                .containsEntry("wsroute.io/wss-only", "true")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "7200")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "5400")
                .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
                .containsEntry("nginx.ingress.kubernetes.io/session-cookie-name", "route")
                .containsEntry("nginx.ingress.kubernetes.io/limit-connections", "20")
                .containsEntry("nginx.ingress.kubernetes.io/whitelist-source-range", "10.0.0.0/8,2001:db8::/32")
                // from the rules engine: every backend speaks TLS (appProtocol kubernetes.io/wss)
                .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS")
                .containsEntry(
                        "nginx.ingress.kubernetes.io/configuration-snippet",
                        "if ($http_origin !~* \"^(|https://app\\.example\\.com|https://[a-z0-9-]+\\.example\\.org:8443)$\") {\n"
                                + "  return 403;\n}\n");
        assertThat(plan.ingress().getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("chat.example.com");
            assertThat(tls.getSecretName()).isEqualTo("chat-tls");
        });
        assertThat(plan.ingress()
                        .getSpec()
                        .getRules()
                        .get(0)
                        .getHttp()
                        .getPaths()
                        .get(0))
                .satisfies(path -> {
                    assertThat(path.getPathType()).isEqualTo("Exact");
                    assertThat(path.getBackend().getService().getPort().getName())
                            .isEqualTo("ws");
                    assertThat(path.getBackend().getService().getPort().getNumber())
                            .isNull();
                });
    }

    @Test
    void withoutSnippetsOriginsAreReportedNotEnforcedAndNoSnippetIsWritten() {
        RoutePlan plan = planner.plan(
                Routes.route("apps", "chat", full()),
                target(ControllerFlavor.INGRESS_NGINX, false, "kubernetes.io/wss"));

        assertThat(plan.ingress().getMetadata().getAnnotations())
                .doesNotContainKey("nginx.ingress.kubernetes.io/configuration-snippet")
                .containsKey("nginx.ingress.kubernetes.io/limit-connections");
        assertThat(plan.notEnforced())
                .singleElement()
                .asString()
                .startsWith("spec.allowedOrigins:")
                .contains("and ingress-nginx built-in defaults does not allow")
                .contains("allow-snippet-annotations")
                .doesNotContain("%s");
    }

    @Test
    void nginxIncGetsItsOwnKeysWebsocketServicesFromTheRulesAndReportsWhatOssCannotDo() {
        RoutePlan plan = planner.plan(
                Routes.route("apps", "chat", full()), target(ControllerFlavor.NGINX_INC, true, "kubernetes.io/wss"));

        assertThat(plan.errors()).isEmpty();
        Map<String, String> annotations = plan.ingress().getMetadata().getAnnotations();
        assertThat(annotations)
                .containsEntry("nginx.org/proxy-read-timeout", "7200s")
                .containsEntry("nginx.org/proxy-send-timeout", "5400s")
                .containsEntry("nginx.org/websocket-services", "chat")
                .containsEntry("nginx.org/ssl-services", "chat")
                .containsEntry(
                        "nginx.org/location-snippets",
                        "if ($http_origin !~* \"^(|https://app\\.example\\.com|https://[a-z0-9-]+\\.example\\.org:8443)$\") {\n"
                                + "  return 403;\n}\nallow 10.0.0.0/8;\nallow 2001:db8::/32;\ndeny all;\n");
        assertThat(annotations.keySet()).noneMatch(k -> k.startsWith("nginx.ingress.kubernetes.io/"));
        // nginx/kubernetes-ingress v5.5.4 internal/k8s/validation.go: nginx.org/sticky-cookie-services on NGINX OSS
        assertThat(annotations).containsEntry("nginx.org/sticky-cookie-services", "serviceName=chat route path=/");
        assertThat(plan.notEnforced())
                .hasSize(1)
                .anySatisfy(n -> assertThat(n).startsWith("spec.maxConnectionsPerClient:"));
    }

    @Test
    void nginxIncBefore54OnOssCannotEnforceCookieAffinity() {
        // nginx/kubernetes-ingress v5.3.4 internal/k8s/validation.go: only nginx.com/sticky-cookie-services, Plus-only
        RouteTarget target = target(ControllerFlavor.NGINX_INC, true, "kubernetes.io/ws");
        RouteTarget old = new RouteTarget(
                target.ingressClassName(),
                target.profile().withNginxInc(new NginxIncSetup(NginxIncVersion.parse("5.3.4"), false, true, false)),
                target.services(),
                target.settings());
        RoutePlan plan = planner.plan(Routes.route("apps", "chat", full()), old);

        assertThat(plan.ingress().getMetadata().getAnnotations()).doesNotContainKey("nginx.org/sticky-cookie-services");
        assertThat(plan.notEnforced())
                .anySatisfy(
                        n -> assertThat(n).startsWith("spec.sessionAffinity:").contains("needs NGINX Plus"));
    }

    @Test
    void nginxIncWithoutSnippetsReportsOriginsAndRanges() {
        RoutePlan plan = planner.plan(
                Routes.route("apps", "chat", full()), target(ControllerFlavor.NGINX_INC, false, "kubernetes.io/ws"));

        assertThat(plan.ingress().getMetadata().getAnnotations()).doesNotContainKey("nginx.org/location-snippets");
        assertThat(plan.notEnforced())
                .anySatisfy(n -> assertThat(n).startsWith("spec.allowedOrigins/spec.sourceRanges:"));
    }

    @Test
    void anIdleTimeoutBelowTheMinimumIsAppliedWithWarningWs103() {
        WebSocketRouteSpec spec = new WebSocketRouteSpec(
                "chat.example.com",
                List.of(new RoutePath("/ws", null, new RouteService("chat", new RouteService.Port(8080, null)))),
                null,
                null,
                new RouteTimeouts("90s", null),
                null,
                null,
                null,
                null);
        RoutePlan plan = planner.plan(
                Routes.route("apps", "chat", spec), target(ControllerFlavor.INGRESS_NGINX, false, "kubernetes.io/ws"));

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.warnings()).extracting(f -> f.rule()).contains("WS103");
        assertThat(plan.ingress().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "90");
    }

    @Test
    void acceptedWarningsReachTheIngressAsTheAcceptAnnotationAndLeaveTheReadyWarnings() {
        WebSocketRouteSpec spec = new WebSocketRouteSpec(
                "chat.example.com",
                List.of(new RoutePath("/ws", null, new RouteService("chat", new RouteService.Port(8080, null)))),
                null,
                null,
                new RouteTimeouts("90s", null),
                null,
                null,
                null,
                null,
                new RouteAcceptedWarnings(List.of("WS103"), "clients ping every 20 s"));
        RoutePlan plan = planner.plan(
                Routes.route("apps", "chat", spec), target(ControllerFlavor.INGRESS_NGINX, false, "kubernetes.io/ws"));

        assertThat(plan.ingress().getMetadata().getAnnotations())
                .containsEntry("wsroute.io/accept", "WS103")
                .containsEntry("wsroute.io/accept-reason", "clients ping every 20 s");
        assertThat(plan.warnings()).extracting(f -> f.rule()).doesNotContain("WS103");
        assertThat(plan.accepted()).extracting(f -> f.rule()).contains("WS103");
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void anAcceptedErrorOrStaleIdIsAWarningOnTheRouteAndAcceptsNothing() {
        WebSocketRouteSpec spec = new WebSocketRouteSpec(
                "chat.example.com",
                List.of(new RoutePath("/ws", null, new RouteService("chat", new RouteService.Port(8080, null)))),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new RouteAcceptedWarnings(List.of("WS101", "WS103", "WS999"), null));
        RoutePlan plan = planner.plan(
                Routes.route("apps", "chat", spec), target(ControllerFlavor.INGRESS_NGINX, false, "kubernetes.io/ws"));

        // WS101 is an error (cannot be accepted: WS142), WS103 does not fire at the default 1h (stale: WS140),
        // WS999 is no rule (WS141); none of them stops the route, all three show in its Ready condition.
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.accepted()).isEmpty();
        assertThat(plan.warnings()).extracting(f -> f.rule()).contains("WS140", "WS141", "WS142");
        assertThat(plan.ingress().getMetadata().getAnnotations())
                .containsEntry("wsroute.io/accept", "WS101,WS103,WS999")
                .doesNotContainKey("wsroute.io/accept-reason");
    }

    @Test
    void aLowerConfiguredMinimumAllowsShortTimeouts() {
        WebSocketRouteSpec spec = new WebSocketRouteSpec(
                "chat.example.com",
                List.of(new RoutePath("/ws", null, new RouteService("chat", new RouteService.Port(8080, null)))),
                null,
                null,
                new RouteTimeouts("90s", null),
                null,
                null,
                null,
                null);
        RouteTarget target = new RouteTarget(
                "nginx",
                ControllerProfile.defaults(ControllerFlavor.INGRESS_NGINX),
                Map.of(),
                new RuleSettings(Duration.ofSeconds(60), Duration.ofSeconds(240)));
        RoutePlan plan = planner.plan(Routes.route("apps", "chat", spec), target);

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.ingress().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "90")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "90");
    }

    @Test
    void aControllerSpeakingHttp10UpstreamGetsTheVersionFixFromTheRules() {
        ControllerProfile http10 = io.wsroute.nginx.ControllerConfigMaps.read(
                ControllerFlavor.INGRESS_NGINX, Map.of("proxy-http-version", "1.0"), "test", false);
        RoutePlan plan = planner.plan(
                Routes.route("apps", "chat", Routes.spec("chat.example.com", "/ws", "chat", 8080)),
                new RouteTarget("nginx", http10, Map.of(), RuleSettings.DEFAULTS));

        assertThat(plan.ingress().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-http-version", "1.1");
    }
}
