package io.wsroute.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.wsroute.nginx.ControllerFlavor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * What wsroute reads from the cluster, from caches: never a request to the API server per admission or per
 * reconcile. One set of caches serves the webhooks, the ConfigMap admission, the route reconciler and the audit.
 */
public interface ClusterView {

    Collection<IngressClass> ingressClasses();

    /** The configured controller ConfigMap of a flavour, when it exists. */
    Optional<ConfigMap> controllerConfigMap(ControllerFlavor flavor);

    /** Labels of a namespace; empty when the namespace is not (yet) known. */
    Optional<Map<String, String>> namespaceLabels(String namespace);

    Optional<Service> service(String namespace, String name);

    /** Ready endpoints behind a Service, from its EndpointSlices; empty when unknown. */
    OptionalInt readyEndpoints(String namespace, String service);

    /** Every Ingress of the cluster. */
    Collection<Ingress> ingresses();

    /** Ingresses with a rule for this host (exact string match, wildcards included as written). */
    List<Ingress> ingressesWithHost(String host);

    Optional<Ingress> ingress(String namespace, String name);

    /**
     * Calls the listener after every change of an Ingress, Service, IngressClass or controller ConfigMap in the
     * caches (added, updated or deleted; the object as last seen), on the informers' thread: keep it quick.
     */
    void addListener(Consumer<HasMetadata> listener);

    /** True once every cache has listed its objects at least once (EndpointSlices excepted: optional, and absent before 1.21). */
    boolean synced();
}
