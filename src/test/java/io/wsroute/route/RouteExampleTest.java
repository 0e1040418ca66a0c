package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.rules.RuleSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's example route (deploy/examples/websocketroute-chat.yaml) is valid and fully enforceable. */
class RouteExampleTest {

    static final Path EXAMPLE = Path.of("deploy", "examples", "websocketroute-chat.yaml");

    @Test
    void theExampleIsValidAndEveryFieldIsEnforcedOnIngressNginxWithSnippets() throws Exception {
        WebSocketRoute route;
        try (InputStream in = Files.newInputStream(EXAMPLE)) {
            route = Serialization.unmarshal(in, WebSocketRoute.class);
        }
        route.getMetadata().setUid("uid");
        assertThat(RouteSpecCheck.problems(route.getSpec())).isEmpty();

        RoutePlan plan = new RouteIngressPlanner()
                .plan(
                        route,
                        new RouteTarget(
                                "nginx",
                                ControllerProfile.defaults(ControllerFlavor.INGRESS_NGINX)
                                        .withSnippetsAllowed(true),
                                Map.of("chat", Routes.service("demo", "chat", 8080, "kubernetes.io/ws")),
                                RuleSettings.DEFAULTS));

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.notEnforced()).isEmpty();
        assertThat(plan.url()).isEqualTo("wss://live.example.com/ws");
    }
}
