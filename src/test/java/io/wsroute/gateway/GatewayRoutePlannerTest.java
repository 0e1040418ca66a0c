package io.wsroute.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.rules.RuleSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planned HTTPRoute and ProxySettingsPolicy pass wsroute's own HTTPRoute rules and carry NGF-valid values. */
class GatewayRoutePlannerTest {

    static GatewayRouteRequest request(Duration idle) {
        return new GatewayRouteRequest(
                "apps",
                "chat",
                new ParentRef(0, "infra", "gw"),
                List.of("chat.example.com"),
                List.of(new GatewayRouteRequest.PathBackend("/ws", false, "chat", 8080)),
                idle,
                Map.of("app.kubernetes.io/managed-by", "wsroute"));
    }

    @Test
    void plannedRouteAndPolicyHaveNoFinding() {
        GatewayRoutePlanner.Plan plan = GatewayRoutePlanner.plan(request(Duration.ofHours(1)));
        Service service = Serialization.unmarshal(RouteFixture.WS_SERVICE, Service.class);
        RouteReview review = new RouteReview(
                plan.route(),
                List.of(new ParentGateway(0, "infra", "gw", ParentGateway.Served.NGF)),
                List.of(plan.policy()),
                List.of(),
                Map.of("apps/chat", service),
                RuleSettings.DEFAULTS);

        HttpRouteRules.Evaluation evaluation = new HttpRouteRules().evaluate(review);

        assertThat(evaluation.webSocket()).isTrue();
        assertThat(evaluation.findings()).isEmpty();
        assertThat(plan.route().getSpec().getParentRefs().get(0).getNamespace()).isEqualTo("infra");
        assertThat(plan.policy().getSpec().getTimeout().getRead()).isEqualTo("1h");
        assertThat(plan.policy().getMetadata().getName()).isEqualTo("chat-timeouts");
    }

    @Test
    void aDayBecomes24hNot86400s() {
        // nginx/nginx-gateway-fabric apis/v1alpha1/shared_types.go Duration pattern: at most four digits.
        ProxySettingsPolicy policy =
                GatewayRoutePlanner.plan(request(Duration.ofDays(1))).policy();
        assertThat(policy.getSpec().getTimeout().getRead()).isEqualTo("24h");
        assertThat(policy.getSpec().getTimeout().getSend()).isEqualTo("24h");
    }

    @Test
    void policySerialisesUnderUpstreamNames() {
        String yaml = Serialization.asYaml(
                GatewayRoutePlanner.plan(request(Duration.ofMinutes(90))).policy());
        assertThat(yaml)
                .contains("apiVersion: \"gateway.nginx.org/v1alpha1\"")
                .contains("kind: \"ProxySettingsPolicy\"")
                .contains("read: \"90m\"")
                .contains("kind: \"HTTPRoute\"")
                .doesNotContain("buffering");
    }
}
