package io.wsroute.it;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.InformerClusterView;
import io.wsroute.nginx.ControllerFlavor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The informer-backed view, except that asking about namespace "slow" takes 4 seconds: a stand-in for wsroute
 * starved of CPU or stuck in a pause. Enabled only by {@link WebhookFailureIT}'s profile.
 */
@Alternative
@ApplicationScoped
public class SlowClusterView implements ClusterView {

    static final String SLOW_NAMESPACE = "slow";

    private final InformerClusterView informers;

    public SlowClusterView(InformerClusterView informers) {
        this.informers = informers;
    }

    @Override
    public Optional<Map<String, String>> namespaceLabels(String namespace) {
        if (SLOW_NAMESPACE.equals(namespace)) {
            try {
                Thread.sleep(4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return informers.namespaceLabels(namespace);
    }

    @Override
    public Collection<IngressClass> ingressClasses() {
        return informers.ingressClasses();
    }

    @Override
    public Optional<ConfigMap> controllerConfigMap(ControllerFlavor flavor) {
        return informers.controllerConfigMap(flavor);
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return informers.service(namespace, name);
    }

    @Override
    public OptionalInt readyEndpoints(String namespace, String service) {
        return informers.readyEndpoints(namespace, service);
    }

    @Override
    public Collection<Ingress> ingresses() {
        return informers.ingresses();
    }

    @Override
    public List<Ingress> ingressesWithHost(String host) {
        return informers.ingressesWithHost(host);
    }

    @Override
    public Optional<Ingress> ingress(String namespace, String name) {
        return informers.ingress(namespace, name);
    }

    @Override
    public void addListener(Consumer<HasMetadata> listener) {
        informers.addListener(listener);
    }

    @Override
    public boolean synced() {
        return informers.synced();
    }
}
