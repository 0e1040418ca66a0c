package io.wsroute.admission;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.wsroute.cluster.ClusterView;
import io.wsroute.nginx.ControllerFlavor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** A {@link ClusterView} holding whatever a test puts in it. */
public class FixedClusterView implements ClusterView {

    final List<IngressClass> classes = new ArrayList<>();
    final Map<ControllerFlavor, ConfigMap> configMaps = new EnumMap<>(ControllerFlavor.class);
    final Map<String, Map<String, String>> namespaces = new HashMap<>();
    final Map<String, Service> services = new HashMap<>();
    final Map<String, Integer> endpoints = new HashMap<>();
    public final List<Ingress> ingresses = new ArrayList<>();
    boolean synced = true;
    RuntimeException failure;

    /** The caches before their first list: {@link #synced()} answers false. */
    public FixedClusterView unsynced() {
        synced = false;
        return this;
    }

    public FixedClusterView withClass(String name, String controller) {
        classes.add(new IngressClassBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withController(controller)
                .endSpec()
                .build());
        return this;
    }

    public FixedClusterView withConfigMap(ControllerFlavor flavor, Map<String, String> data) {
        configMaps.put(
                flavor,
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("controller")
                        .endMetadata()
                        .withData(data)
                        .build());
        return this;
    }

    public FixedClusterView withNamespace(String name, Map<String, String> labels) {
        namespaces.put(name, labels);
        return this;
    }

    public FixedClusterView withService(Service service) {
        services.put(
                service.getMetadata().getNamespace() + "/"
                        + service.getMetadata().getName(),
                service);
        return this;
    }

    public FixedClusterView withoutService(String namespace, String name) {
        services.remove(namespace + "/" + name);
        return this;
    }

    public FixedClusterView withReadyEndpoints(String namespace, String service, int count) {
        endpoints.put(namespace + "/" + service, count);
        return this;
    }

    public FixedClusterView withIngress(Ingress ingress) {
        ingresses.add(ingress);
        return this;
    }

    @Override
    public Collection<IngressClass> ingressClasses() {
        if (failure != null) {
            throw failure;
        }
        return classes;
    }

    @Override
    public Optional<ConfigMap> controllerConfigMap(ControllerFlavor flavor) {
        return Optional.ofNullable(configMaps.get(flavor));
    }

    @Override
    public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return Optional.ofNullable(namespaces.get(namespace));
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return Optional.ofNullable(services.get(namespace + "/" + name));
    }

    @Override
    public OptionalInt readyEndpoints(String namespace, String service) {
        Integer count = endpoints.get(namespace + "/" + service);
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }

    @Override
    public Collection<Ingress> ingresses() {
        return ingresses;
    }

    @Override
    public List<Ingress> ingressesWithHost(String host) {
        return ingresses.stream()
                .filter(i -> i.getSpec().getRules().stream().anyMatch(r -> host.equals(r.getHost())))
                .toList();
    }

    @Override
    public Optional<Ingress> ingress(String namespace, String name) {
        return ingresses.stream()
                .filter(i -> namespace.equals(i.getMetadata().getNamespace())
                        && name.equals(i.getMetadata().getName()))
                .findFirst();
    }

    @Override
    public void addListener(Consumer<HasMetadata> listener) {
        // Nothing in a fixed view ever changes.
    }

    @Override
    public boolean synced() {
        return synced;
    }
}
