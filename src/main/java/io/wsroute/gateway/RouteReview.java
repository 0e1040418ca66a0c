package io.wsroute.gateway;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.wsroute.rules.RuleSettings;
import java.util.List;
import java.util.Map;

/**
 * Everything the HTTPRoute rules judge, gathered by an adapter (webhook, audit, lint, reconciler).
 *
 * @param parents the Gateways of the route's parentRefs, resolved to what serves them
 * @param policies ProxySettingsPolicies of the route's namespace and of its parent Gateways' namespaces
 * @param tlsPolicies BackendTLSPolicies of the namespaces of the route's backends
 * @param services the backend Services, by {@code namespace/name}; a missing one is simply unknown
 */
public record RouteReview(
        HTTPRoute route,
        List<ParentGateway> parents,
        List<ProxySettingsPolicy> policies,
        List<BackendTLSPolicy> tlsPolicies,
        Map<String, Service> services,
        RuleSettings settings) {

    public RouteReview {
        parents = List.copyOf(parents);
        policies = List.copyOf(policies);
        tlsPolicies = List.copyOf(tlsPolicies);
        services = Map.copyOf(services);
    }
}
