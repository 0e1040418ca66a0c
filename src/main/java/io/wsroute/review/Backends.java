package io.wsroute.review;

import io.fabric8.kubernetes.api.model.Service;
import io.wsroute.cluster.ClusterView;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The Services an Ingress (or a route) sends traffic to, as the cluster caches hold them, and the ready endpoints
 * behind each: the part of the rules' input that the webhook, the audit and the route reconciler all read the same
 * way (WS113 needs the replica counts wherever it runs).
 *
 * @param services the Services found, by name; a missing one is absent
 * @param replicas ready endpoints behind each Service, by name, where known
 */
public record Backends(Map<String, Service> services, Map<String, Integer> replicas) {

    public Backends {
        services = Map.copyOf(services);
        replicas = Map.copyOf(replicas);
    }

    public static Backends lookup(ClusterView cluster, String namespace, Collection<String> serviceNames) {
        Map<String, Service> services = new HashMap<>();
        Map<String, Integer> replicas = new HashMap<>();
        for (String name : serviceNames) {
            cluster.service(namespace, name).ifPresent(s -> services.put(name, s));
            cluster.readyEndpoints(namespace, name).ifPresent(n -> replicas.put(name, n));
        }
        return new Backends(services, replicas);
    }
}
