package io.wsroute.route;

import io.fabric8.kubernetes.api.model.Service;
import io.wsroute.gateway.ParentRef;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.gateway.RouteReviews;
import io.wsroute.rules.RuleSettings;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a route with a gatewayRef lands: the Gateway, whether NGINX Gateway Fabric serves it and takes
 * ProxySettingsPolicies, the route's Services as found, the objects the HTTPRoute rules read, and the rule settings.
 *
 * @param gateway the Gateway ({@code index} unused)
 * @param ngf the Gateway's class is NGF's
 * @param policiesServed the cluster serves NGF's ProxySettingsPolicy
 * @param services the route's Services by name (all present: the assessor checked)
 * @param rulesSource what the HTTPRoute rules look up, with the planned policy in place of a stored one
 */
public record GatewayTarget(
        ParentRef gateway,
        boolean ngf,
        boolean policiesServed,
        Map<String, Service> services,
        Function<Optional<ProxySettingsPolicy>, RouteReviews.Source> rulesSource,
        RuleSettings settings) {

    public GatewayTarget {
        services = Map.copyOf(services);
    }
}
