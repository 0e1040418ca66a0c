package io.wsroute.rules;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.nginx.ControllerProfile;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything the rules look at for one Ingress. Pure data: whoever builds it (webhook, audit, lint) has done the
 * I/O.
 *
 * @param ingress the Ingress as it would be stored
 * @param services the Services of the Ingress's namespace that its backends name, by name; a missing entry means
 *        the Service is unknown (not that it does not exist)
 * @param backendReplicas ready endpoints (or workload replicas) behind each Service, by Service name, where known
 * @param profile the controller that serves the Ingress's class
 * @param settings rule tunables
 */
public record IngressReview(
        Ingress ingress,
        Map<String, Service> services,
        Map<String, Integer> backendReplicas,
        ControllerProfile profile,
        RuleSettings settings) {

    public IngressReview {
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(profile, "profile");
        services = services == null ? Map.of() : Map.copyOf(services);
        backendReplicas = backendReplicas == null ? Map.of() : Map.copyOf(backendReplicas);
        settings = settings == null ? RuleSettings.DEFAULTS : settings;
    }

    public IngressReview(Ingress ingress, Map<String, Service> services, ControllerProfile profile) {
        this(ingress, services, Map.of(), profile, RuleSettings.DEFAULTS);
    }

    public OptionalInt replicasOf(String serviceName) {
        Integer replicas = backendReplicas.get(serviceName);
        return replicas == null ? OptionalInt.empty() : OptionalInt.of(replicas);
    }
}
