package io.wsroute.gateway;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.wsroute.nginx.NginxGatewayFabric;
import java.util.List;

/**
 * Plans the objects a WebSocket endpoint needs on NGINX Gateway Fabric: an HTTPRoute whose rules pass the upgrade
 * (no header filter, no absolute timeouts, since NGF forwards Upgrade and Connection itself) and a
 * ProxySettingsPolicy on that route carrying the idle timeouts, NGF's only place for them. Pure: the reconciler and
 * the migrate command apply or print the plan.
 */
public final class GatewayRoutePlanner {

    /** The planned objects; the policy has the route's name with this suffix. */
    public record Plan(HTTPRoute route, ProxySettingsPolicy policy) {}

    public static final String POLICY_SUFFIX = "-timeouts";

    private GatewayRoutePlanner() {}

    public static Plan plan(GatewayRouteRequest request) {
        return new Plan(route(request), policy(request));
    }

    static HTTPRoute route(GatewayRouteRequest request) {
        List<HTTPRouteRule> rules = request.paths().stream()
                .map(p -> new HTTPRouteRuleBuilder()
                        .withMatches(new HTTPRouteMatchBuilder()
                                .withNewPath()
                                .withType(p.exact() ? "Exact" : "PathPrefix")
                                .withValue(p.path())
                                .endPath()
                                .build())
                        .withBackendRefs(new HTTPBackendRefBuilder()
                                .withName(p.service())
                                .withPort(p.port())
                                .build())
                        .build())
                .toList();
        ParentRef gateway = request.gateway();
        ParentReferenceBuilder parent = new ParentReferenceBuilder().withName(gateway.name());
        if (!gateway.namespace().equals(request.namespace())) {
            parent.withNamespace(gateway.namespace());
        }
        return new HTTPRouteBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withNamespace(request.namespace())
                        .withName(request.name())
                        .withLabels(request.labels().isEmpty() ? null : request.labels())
                        .build())
                .withNewSpec()
                .withParentRefs(parent.build())
                .withHostnames(request.hostnames().isEmpty() ? null : request.hostnames())
                .withRules(rules)
                .endSpec()
                .build();
    }

    static ProxySettingsPolicy policy(GatewayRouteRequest request) {
        ProxySettingsPolicy policy = new ProxySettingsPolicy();
        policy.setMetadata(new ObjectMetaBuilder()
                .withNamespace(request.namespace())
                .withName(request.name() + POLICY_SUFFIX)
                .withLabels(request.labels().isEmpty() ? null : request.labels())
                .build());
        ProxySettingsPolicySpec spec = new ProxySettingsPolicySpec();
        spec.setTargetRefs(List.of(new LocalPolicyTargetReferenceBuilder()
                .withGroup(NginxGatewayFabric.GATEWAY_API_GROUP)
                .withKind("HTTPRoute")
                .withName(request.name())
                .build()));
        String timeout = NginxGatewayFabric.formatDuration(request.idleTimeout());
        spec.setTimeout(new ProxyTimeout(null, timeout, timeout));
        policy.setSpec(spec);
        return policy;
    }
}
