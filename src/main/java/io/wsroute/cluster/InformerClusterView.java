package io.wsroute.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.nginx.ControllerFlavor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * {@link ClusterView} backed by fabric8 informers: IngressClasses, Namespaces (labels), Ingresses (indexed by host),
 * Services and EndpointSlices cluster-wide, and only the two configured controller ConfigMaps (field selector on
 * metadata.name).
 * <p>
 * No cluster at start-up: the informers start in the background and retry for ever (with fabric8's back-off),
 * and start-up never waits for them. The webhook serves from the first second, on documented defaults with a
 * warning saying so until the caches fill, because the API server that calls the webhook is the same one the
 * caches read: a webhook that refused to start until it could reach the API server would only turn a brief
 * outage into failed Ingress writes (or, with failurePolicy Ignore, unchecked ones) for longer. With no
 * reconciler registered yet, the operator SDK starts no controllers and does not check the cluster at start;
 * the route reconciler keeps this property (application.properties: the operator does not stop on informer
 * errors at start-up).
 */
@ApplicationScoped
public class InformerClusterView implements ClusterView {

    private static final Logger LOG = Logger.getLogger(InformerClusterView.class);
    private static final String BY_SERVICE = "by-service";
    private static final String BY_HOST = "by-host";
    private static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final KubernetesClient client;
    private final WsrouteConfig config;
    private final List<Consumer<HasMetadata>> listeners = new CopyOnWriteArrayList<>();
    // Built whole on the cache starter thread, then published at once: request threads may read it meanwhile, and
    // must see either nothing (null) or every informer, never a half-filled set.
    private volatile Informers informers;
    private boolean stopped;

    /** Every informer, as one immutable value. */
    private record Informers(
            SharedIndexInformer<IngressClass> ingressClasses,
            SharedIndexInformer<Namespace> namespaces,
            SharedIndexInformer<Service> services,
            SharedIndexInformer<EndpointSlice> endpointSlices,
            SharedIndexInformer<Ingress> ingresses,
            Map<ControllerFlavor, SharedIndexInformer<ConfigMap>> configMaps) {

        Informers {
            configMaps = Map.copyOf(configMaps);
        }

        List<SharedIndexInformer<?>> all() {
            List<SharedIndexInformer<?>> all =
                    new ArrayList<>(List.of(ingressClasses, namespaces, services, endpointSlices, ingresses));
            all.addAll(configMaps.values());
            return all;
        }
    }

    public InformerClusterView(KubernetesClient client, WsrouteConfig config) {
        this.client = client;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        // Building the client and the informers is a few hundred milliseconds of class loading and set-up that the
        // webhooks do not wait for (they serve on defaults until the caches fill), so it stays off the start-up
        // thread, which then opens the webhook port sooner (BENCHMARKS.md, start-up).
        // The settings are checked here, so a bad one still stops the start with its message.
        Map<ControllerFlavor, NamespacedName> configMapNames = new EnumMap<>(ControllerFlavor.class);
        for (ControllerFlavor flavor : ControllerFlavor.values()) {
            configMapNames.put(
                    flavor,
                    NamespacedName.parse(
                            "wsroute.controllers.%s.config-map".formatted(flavor.cliName()),
                            config.controllers().of(flavor).configMap()));
        }
        Thread starter = new Thread(() -> startInformers(configMapNames), "wsroute-cluster-caches");
        starter.setDaemon(true);
        starter.setUncaughtExceptionHandler(
                (thread, e) -> LOG.errorf(e, "the cluster caches could not be set up; the webhooks serve on defaults"));
        starter.start();
    }

    /** A ConfigMap setting's namespace and name. */
    record NamespacedName(String namespace, String name) {
        static NamespacedName parse(String key, String namespacedName) {
            String[] parts = namespacedName.split("/", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException(
                        "%s must be namespace/name, got \"%s\"".formatted(key, namespacedName));
            }
            return new NamespacedName(parts[0], parts[1]);
        }
    }

    private void startInformers(Map<ControllerFlavor, NamespacedName> configMapNames) {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        SharedIndexInformer<IngressClass> ingressClasses =
                start(notifying(client.network().v1().ingressClasses().runnableInformer(0)), starts);
        // Only a label change matters (the admission mode); status and finalizer updates would only wake the audit.
        SharedIndexInformer<Namespace> namespaces =
                start(notifying(client.namespaces().runnableInformer(0), InformerClusterView::labelsChanged), starts);
        SharedIndexInformer<Service> services =
                start(notifying(client.services().inAnyNamespace().runnableInformer(0)), starts);
        SharedIndexInformer<Ingress> allIngresses =
                client.network().v1().ingresses().inAnyNamespace().runnableInformer(0);
        allIngresses.addIndexers(Map.of(BY_HOST, InformerClusterView::hosts));
        SharedIndexInformer<Ingress> ingresses = start(notifying(allIngresses), starts);
        SharedIndexInformer<EndpointSlice> slices =
                client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0);
        slices.addIndexers(Map.of(BY_SERVICE, slice -> List.of(serviceKey(slice))));
        SharedIndexInformer<EndpointSlice> endpointSlices = start(slices, starts);
        Map<ControllerFlavor, SharedIndexInformer<ConfigMap>> configMaps = new EnumMap<>(ControllerFlavor.class);
        configMapNames.forEach((flavor, name) -> configMaps.put(flavor, configMapInformer(name, starts)));
        Informers published =
                new Informers(ingressClasses, namespaces, services, endpointSlices, ingresses, configMaps);
        if (!publish(published)) {
            return;
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
                .thenRun(() -> LOG.infof(
                        "cluster caches loaded: %d IngressClasses, %d namespaces, %d Services, controller ConfigMaps found: %s",
                        published.ingressClasses().getStore().list().size(),
                        published.namespaces().getStore().list().size(),
                        published.services().getStore().list().size(),
                        published.configMaps().entrySet().stream()
                                .filter(e -> !e.getValue().getStore().list().isEmpty())
                                .map(e -> e.getKey().cliName())
                                .sorted()
                                .toList()));
    }

    void stop(@Observes ShutdownEvent event) {
        Informers current;
        synchronized (this) {
            stopped = true;
            current = informers;
        }
        if (current != null) {
            current.all().forEach(SharedIndexInformer::stop);
        }
    }

    /** Publishes the informers, or stops them when the application shut down while they were being built. */
    private boolean publish(Informers built) {
        synchronized (this) {
            if (!stopped) {
                informers = built;
                return true;
            }
        }
        built.all().forEach(SharedIndexInformer::stop);
        return false;
    }

    private SharedIndexInformer<ConfigMap> configMapInformer(
            NamespacedName configMap, List<CompletableFuture<Void>> starts) {
        // A field selector keeps only the controller's ConfigMap in memory, not every ConfigMap of its namespace.
        return start(
                notifying(client.configMaps()
                        .inNamespace(configMap.namespace())
                        .withField("metadata.name", configMap.name())
                        .runnableInformer(0)),
                starts);
    }

    private <T extends HasMetadata> SharedIndexInformer<T> notifying(SharedIndexInformer<T> informer) {
        return notifying(informer, (before, after) -> true);
    }

    /** @param relevant whether an update (before, after) is worth telling the listeners */
    private <T extends HasMetadata> SharedIndexInformer<T> notifying(
            SharedIndexInformer<T> informer, BiPredicate<T, T> relevant) {
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                notifyListeners(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                if (relevant.test(before, after)) {
                    notifyListeners(after);
                }
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                notifyListeners(object);
            }
        });
        return informer;
    }

    private void notifyListeners(HasMetadata object) {
        for (Consumer<HasMetadata> listener : listeners) {
            try {
                listener.accept(object);
            } catch (RuntimeException e) {
                LOG.warnf(
                        e,
                        "cluster change listener failed on %s %s",
                        object.getKind(),
                        object.getMetadata().getName());
            }
        }
    }

    private static boolean labelsChanged(Namespace before, Namespace after) {
        return !Objects.equals(
                before.getMetadata().getLabels(), after.getMetadata().getLabels());
    }

    private static <T extends HasMetadata> SharedIndexInformer<T> start(
            SharedIndexInformer<T> informer, List<CompletableFuture<Void>> starts) {
        informer.itemStore(CachePruning.store());
        informer.exceptionHandler((started, error) -> {
            // fabric8's Reflector already logs every failed list/watch at WARN; this only adds the type.
            LOG.debugf(
                    "informer for %s: %s; retrying", informer.getApiTypeClass().getSimpleName(), error.getMessage());
            return true;
        });
        starts.add(informer.start().toCompletableFuture());
        return informer;
    }

    @Override
    public Collection<IngressClass> ingressClasses() {
        Informers current = informers;
        return current == null ? List.of() : current.ingressClasses().getStore().list();
    }

    @Override
    public Optional<ConfigMap> controllerConfigMap(ControllerFlavor flavor) {
        Informers current = informers;
        SharedIndexInformer<ConfigMap> informer =
                current == null ? null : current.configMaps().get(flavor);
        return informer == null
                ? Optional.empty()
                : informer.getStore().list().stream().findFirst();
    }

    @Override
    public Collection<Ingress> ingresses() {
        Informers current = informers;
        return current == null ? List.of() : current.ingresses().getStore().list();
    }

    @Override
    public List<Ingress> ingressesWithHost(String host) {
        Informers current = informers;
        return current == null ? List.of() : current.ingresses().getIndexer().byIndex(BY_HOST, host);
    }

    @Override
    public Optional<Ingress> ingress(String namespace, String name) {
        return Optional.ofNullable(informers).map(i -> i.ingresses().getStore().getByKey(namespace + "/" + name));
    }

    @Override
    public void addListener(Consumer<HasMetadata> listener) {
        listeners.add(listener);
    }

    @Override
    public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return Optional.ofNullable(informers)
                .map(i -> i.namespaces().getStore().getByKey(namespace))
                .map(ns -> ns.getMetadata().getLabels() == null
                        ? Map.of()
                        : ns.getMetadata().getLabels());
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return Optional.ofNullable(informers).map(i -> i.services().getStore().getByKey(namespace + "/" + name));
    }

    @Override
    public OptionalInt readyEndpoints(String namespace, String service) {
        Informers current = informers;
        if (current == null || !current.endpointSlices().hasSynced()) {
            return OptionalInt.empty();
        }
        List<EndpointSlice> slices =
                current.endpointSlices().getIndexer().byIndex(BY_SERVICE, namespace + "/" + service);
        if (slices.isEmpty()) {
            return OptionalInt.empty();
        }
        // A dual-stack Service has one slice per address family listing the same pods: count each pod once.
        return OptionalInt.of((int) slices.stream()
                .filter(s -> s.getEndpoints() != null)
                .flatMap(s -> s.getEndpoints().stream())
                .filter(InformerClusterView::isReady)
                .map(InformerClusterView::identity)
                .distinct()
                .count());
    }

    private static String identity(Endpoint endpoint) {
        ObjectReference target = endpoint.getTargetRef();
        if (target != null && target.getName() != null) {
            return target.getKind() + "/" + target.getNamespace() + "/" + target.getName();
        }
        return String.valueOf(endpoint.getAddresses());
    }

    @Override
    public boolean synced() {
        // EndpointSlices only refine a warning (replica counts) and discovery.k8s.io/v1 is missing before
        // Kubernetes 1.21: waiting for them would hold everything else back for ever on such a cluster.
        Informers current = informers;
        return current != null
                && current.all().stream()
                        .filter(i -> i != current.endpointSlices())
                        .allMatch(SharedIndexInformer::hasSynced);
    }

    private static boolean isReady(Endpoint endpoint) {
        return endpoint.getConditions() == null
                || !Boolean.FALSE.equals(endpoint.getConditions().getReady());
    }

    private static List<String> hosts(Ingress ingress) {
        if (ingress.getSpec() == null || ingress.getSpec().getRules() == null) {
            return List.of();
        }
        return ingress.getSpec().getRules().stream()
                .map(IngressRule::getHost)
                .filter(h -> h != null && !h.isEmpty())
                .distinct()
                .toList();
    }

    private static String serviceKey(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        return slice.getMetadata().getNamespace() + "/"
                + (labels == null ? "" : labels.getOrDefault(SERVICE_NAME_LABEL, ""));
    }
}
