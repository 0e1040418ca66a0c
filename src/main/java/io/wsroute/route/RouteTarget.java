package io.wsroute.route;

import io.fabric8.kubernetes.api.model.Service;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.rules.RuleSettings;
import java.util.Map;

/**
 * Where a route lands: the IngressClass and the live profile of the controller serving it, the route's
 * Services as found in the cluster with their ready endpoints, and the rule settings.
 */
public record RouteTarget(
        String ingressClassName,
        ControllerProfile profile,
        Map<String, Service> services,
        Map<String, Integer> replicas,
        RuleSettings settings) {

    public RouteTarget {
        services = Map.copyOf(services);
        replicas = Map.copyOf(replicas);
    }

    /** A target whose replica counts are not known (the rules then assume one per Service). */
    public RouteTarget(
            String ingressClassName, ControllerProfile profile, Map<String, Service> services, RuleSettings settings) {
        this(ingressClassName, profile, services, Map.of(), settings);
    }
}
