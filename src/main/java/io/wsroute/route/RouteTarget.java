package io.wsroute.route;

import io.fabric8.kubernetes.api.model.Service;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.rules.RuleSettings;
import java.util.Map;

/**
 * Where a route lands: the IngressClass and the live profile of the controller serving it, the route's
 * Services as found in the cluster, and the rule settings.
 */
public record RouteTarget(
        String ingressClassName, ControllerProfile profile, Map<String, Service> services, RuleSettings settings) {

    public RouteTarget {
        services = Map.copyOf(services);
    }
}
