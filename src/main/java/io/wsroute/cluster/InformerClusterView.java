package io.wsroute.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.nginx.ControllerFlavor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link ClusterView} backed by fabric8 informers. They start in the background and retry for ever: the webhook
 * serves from the first second, with documented defaults (and a warning saying so) until the caches fill, so an
 * unreachable API server at start-up never keeps wsroute from answering admission requests.
 */
@ApplicationScoped
public class InformerClusterView implements ClusterView {

    private static final Logger LOG = Logger.getLogger(InformerClusterView.class);
    private static final String BY_SERVICE = "by-service";
    private static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final KubernetesClient client;
    private final WsrouteConfig config;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final Map<ControllerFlavor, SharedIndexInformer<ConfigMap>> configMaps = new EnumMap<>(ControllerFlavor.class);
    private SharedIndexInformer<IngressClass> ingressClasses;
    private SharedIndexInformer<Namespace> namespaces;
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<EndpointSlice> endpointSlices;

    public InformerClusterView(KubernetesClient client, WsrouteConfig config) {
        this.client = client;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        ingressClasses = start(client.network().v1().ingressClasses().runnableInformer(0));
        namespaces = start(client.namespaces().runnableInformer(0));
        services = start(client.services().inAnyNamespace().runnableInformer(0));
        SharedIndexInformer<EndpointSlice> slices = client.discovery().v1().endpointSlices().inAnyNamespace()
                .runnableInformer(0);
        slices.addIndexers(Map.of(BY_SERVICE, slice -> List.of(serviceKey(slice))));
        endpointSlices = start(slices);
        configMaps.put(ControllerFlavor.INGRESS_NGINX, configMapInformer(config.controllers().ingressNginx().configMap()));
        configMaps.put(ControllerFlavor.NGINX_INC, configMapInformer(config.controllers().nginxInc().configMap()));
    }

    void stop(@Observes ShutdownEvent event) {
        informers.forEach(SharedIndexInformer::stop);
    }

    private SharedIndexInformer<ConfigMap> configMapInformer(String namespacedName) {
        String[] parts = namespacedName.split("/", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("controller ConfigMap must be namespace/name, got " + namespacedName);
        }
        // A field selector keeps only the controller's ConfigMap in memory, not every ConfigMap of its namespace.
        return start(client.configMaps().inNamespace(parts[0]).withField("metadata.name", parts[1]).runnableInformer(0));
    }

    private <T extends HasMetadata> SharedIndexInformer<T> start(SharedIndexInformer<T> informer) {
        informer.exceptionHandler((started, error) -> {
            LOG.warnf("informer for %s: %s; retrying", informer.getApiTypeClass().getSimpleName(), error.getMessage());
            return true;
        });
        informer.start();
        informers.add(informer);
        return informer;
    }

    @Override
    public Collection<IngressClass> ingressClasses() {
        return ingressClasses == null ? List.of() : ingressClasses.getStore().list();
    }

    @Override
    public Optional<ConfigMap> controllerConfigMap(ControllerFlavor flavor) {
        SharedIndexInformer<ConfigMap> informer = configMaps.get(flavor);
        return informer == null ? Optional.empty() : informer.getStore().list().stream().findFirst();
    }

    @Override
    public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return Optional.ofNullable(namespaces).map(i -> i.getStore().getByKey(namespace))
                .map(ns -> ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels());
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return Optional.ofNullable(services).map(i -> i.getStore().getByKey(namespace + "/" + name));
    }

    @Override
    public OptionalInt readyEndpoints(String namespace, String service) {
        if (endpointSlices == null || !endpointSlices.hasSynced()) {
            return OptionalInt.empty();
        }
        List<EndpointSlice> slices = endpointSlices.getIndexer().byIndex(BY_SERVICE, namespace + "/" + service);
        if (slices.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) slices.stream().filter(s -> s.getEndpoints() != null)
                .flatMap(s -> s.getEndpoints().stream()).filter(InformerClusterView::isReady).count());
    }

    @Override
    public boolean synced() {
        return !informers.isEmpty() && informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    private static boolean isReady(Endpoint endpoint) {
        return endpoint.getConditions() == null || !Boolean.FALSE.equals(endpoint.getConditions().getReady());
    }

    private static String serviceKey(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        return slice.getMetadata().getNamespace() + "/" + (labels == null ? "" : labels.getOrDefault(SERVICE_NAME_LABEL, ""));
    }
}
