package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.probe.ProbeTargets;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HandshakeVerified as the reconciler sets it, from probes through a real nginx. */
class RouteProbesTest {

    private static ProbeTargets targets;

    @BeforeAll
    static void start() throws Exception {
        targets = new ProbeTargets();
    }

    @AfterAll
    static void stop() throws Exception {
        if (targets != null) {
            targets.close();
        }
    }

    private static WsrouteConfig config(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new SmallRyeConfigBuilder()
                .withMapping(WsrouteConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(values)
                .build()
                .getConfigMapping(WsrouteConfig.class);
    }

    private static RouteProbes throughNginx() {
        return new RouteProbes(config(
                "wsroute.probe.mode",
                "address",
                "wsroute.probe.address",
                "127.0.0.1",
                "wsroute.probe.http-port",
                Integer.toString(targets.nginx.port()),
                "wsroute.probe.timeout",
                "5s"));
    }

    private static WebSocketRoute route(String name) {
        WebSocketRoute route = new WebSocketRoute();
        route.getMetadata().setName(name);
        route.getMetadata().setNamespace("apps");
        route.getMetadata().setGeneration(3L);
        return route;
    }

    private static WebSocketRouteStatus status(String url) {
        WebSocketRouteStatus status = new WebSocketRouteStatus();
        status.setUrl(url);
        return status;
    }

    private static Condition verified(WebSocketRouteStatus status) {
        return status.condition(RouteProbes.HANDSHAKE_VERIFIED).orElseThrow();
    }

    @Test
    void unknownWhileProbingThenTheVerdictWithStatusAndDiagnosis() {
        RouteProbes probes = throughNginx();
        List<ResourceID> reconciles = new CopyOnWriteArrayList<>();
        probes.onResult(reconciles::add);
        try {
            WebSocketRoute fixed = route("fixed");
            WebSocketRouteStatus first = status("ws://" + ProbeTargets.HOST + "/fixed");
            probes.apply(fixed, first, ControllerFlavor.INGRESS_NGINX);
            assertThat(verified(first).getStatus()).isEqualTo("Unknown");
            assertThat(verified(first).getReason()).isEqualTo("Probing");

            await().atMost(Duration.ofSeconds(15)).until(() -> reconciles.contains(new ResourceID("fixed", "apps")));
            WebSocketRouteStatus second = status("ws://" + ProbeTargets.HOST + "/fixed");
            probes.apply(fixed, second, ControllerFlavor.INGRESS_NGINX);
            Condition ok = verified(second);
            assertThat(ok.getStatus()).isEqualTo("True");
            assertThat(ok.getReason()).isEqualTo("Upgraded");
            assertThat(ok.getMessage())
                    .startsWith("101 Switching Protocols")
                    .endsWith("(probed ws://127.0.0.1:" + targets.nginx.port() + "/fixed with Host chat.example.com)");
            assertThat(ok.getObservedGeneration()).isEqualTo(3L);

            WebSocketRoute plain = route("plain");
            probes.apply(plain, status("ws://" + ProbeTargets.HOST + "/plain"), ControllerFlavor.INGRESS_NGINX);
            await().atMost(Duration.ofSeconds(15)).until(() -> reconciles.contains(new ResourceID("plain", "apps")));
            WebSocketRouteStatus broken = status("ws://" + ProbeTargets.HOST + "/plain");
            probes.apply(plain, broken, ControllerFlavor.INGRESS_NGINX);
            assertThat(verified(broken).getStatus()).isEqualTo("False");
            assertThat(verified(broken).getReason()).isEqualTo("UpgradeNotForwarded");
            assertThat(verified(broken).getMessage()).startsWith("426 from backend");

            // the same answer again leaves the condition, transition time included, as it was
            WebSocketRouteStatus again = status("ws://" + ProbeTargets.HOST + "/plain");
            again.getConditions().add(verified(broken));
            probes.apply(plain, again, ControllerFlavor.INGRESS_NGINX);
            assertThat(verified(again)).isEqualTo(verified(broken));
        } finally {
            probes.close();
        }
    }

    @Test
    void offRemovesTheConditionAndLoadBalancerWaitsForAnAddress() {
        RouteProbes off = new RouteProbes(config("wsroute.probe.mode", "off"));
        WebSocketRouteStatus status = status("ws://chat.example.com/ws");
        status.getConditions()
                .add(new io.fabric8.kubernetes.api.model.ConditionBuilder()
                        .withType(RouteProbes.HANDSHAKE_VERIFIED)
                        .withStatus("True")
                        .build());
        off.apply(route("chat"), status, ControllerFlavor.INGRESS_NGINX);
        assertThat(off.enabled()).isFalse();
        assertThat(status.condition(RouteProbes.HANDSHAKE_VERIFIED)).isEmpty();
        off.close();

        RouteProbes lb = new RouteProbes(config("wsroute.probe.mode", "load-balancer"));
        WebSocketRouteStatus noAddress = status("ws://chat.example.com/ws");
        lb.apply(route("chat"), noAddress, ControllerFlavor.NGINX_INC);
        assertThat(verified(noAddress).getStatus()).isEqualTo("Unknown");
        assertThat(verified(noAddress).getReason()).isEqualTo("NoProbeAddress");
        lb.close();
    }

    @Test
    void defaultsProbeTheControllersServiceEveryFiveMinutes() {
        WsrouteConfig config = config();
        assertThat(config.probe().mode()).isEqualTo(io.wsroute.probe.ProbeMode.CONTROLLER_SERVICE);
        assertThat(config.probe().interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.controllers().ingressNginx().service()).isEqualTo("ingress-nginx/ingress-nginx-controller");
        assertThat(config.controllers().nginxInc().service()).isEqualTo("nginx-ingress/nginx-ingress-controller");
    }
}
