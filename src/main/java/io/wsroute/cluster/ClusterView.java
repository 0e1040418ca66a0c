package io.wsroute.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.wsroute.nginx.ControllerFlavor;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** What the webhook reads from the cluster, from caches: never a request to the API server per admission. */
public interface ClusterView {

    Collection<IngressClass> ingressClasses();

    /** The configured controller ConfigMap of a flavour, when it exists. */
    Optional<ConfigMap> controllerConfigMap(ControllerFlavor flavor);

    /** Labels of a namespace; empty when the namespace is not (yet) known. */
    Optional<Map<String, String>> namespaceLabels(String namespace);

    Optional<Service> service(String namespace, String name);

    /** Ready endpoints behind a Service, from its EndpointSlices; empty when unknown. */
    OptionalInt readyEndpoints(String namespace, String service);

    /** True once every cache has listed its objects at least once. */
    boolean synced();
}
