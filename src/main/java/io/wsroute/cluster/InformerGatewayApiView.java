package io.wsroute.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wsroute.gateway.ProxySettingsPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * {@link GatewayApiView} backed by fabric8 informers, started in the background at start-up for each type the API
 * server serves then (asked once, through discovery). A type the cluster does not serve gets no informer, so a
 * cluster without Gateway API costs nothing and logs one line; CRDs installed later are seen after a restart
 * (README "Gateway API").
 */
@ApplicationScoped
public class InformerGatewayApiView implements GatewayApiView {

    private static final Logger LOG = Logger.getLogger(InformerGatewayApiView.class);
    private static final String BY_NAMESPACE = "by-namespace";

    private final KubernetesClient client;
    private final boolean enabled;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private volatile SharedIndexInformer<HTTPRoute> routes;
    private volatile SharedIndexInformer<Gateway> gateways;
    private volatile SharedIndexInformer<GatewayClass> classes;
    private volatile SharedIndexInformer<ProxySettingsPolicy> proxySettings;
    private volatile SharedIndexInformer<BackendTLSPolicy> backendTls;
    private volatile boolean started;
    private final List<Consumer<HasMetadata>> listeners = new CopyOnWriteArrayList<>();

    public InformerGatewayApiView(KubernetesClient client, io.wsroute.config.WsrouteConfig config) {
        this.client = client;
        this.enabled = config.gatewayApi().enabled();
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.debug("Gateway API off (wsroute.gateway-api.enabled=false): no HTTPRoute caches");
            return;
        }
        // Discovery needs the API server; wait for it off the start-up thread, as the other caches do.
        CompletableFuture.runAsync(this::startServedInformers);
    }

    void stop(@Observes ShutdownEvent event) {
        informers.forEach(SharedIndexInformer::stop);
    }

    private void startServedInformers() {
        long delay = 1000;
        while (true) {
            try {
                if (serves(HTTPRoute.class) && serves(Gateway.class) && serves(GatewayClass.class)) {
                    classes = start(client.resources(GatewayClass.class).runnableInformer(0));
                    gateways = start(
                            client.resources(Gateway.class).inAnyNamespace().runnableInformer(0));
                    routes = start(
                            client.resources(HTTPRoute.class).inAnyNamespace().runnableInformer(0));
                }
                if (serves(ProxySettingsPolicy.class)) {
                    proxySettings = start(indexed(client.resources(ProxySettingsPolicy.class)
                            .inAnyNamespace()
                            .runnableInformer(0)));
                }
                if (serves(BackendTLSPolicy.class)) {
                    backendTls = start(indexed(client.resources(BackendTLSPolicy.class)
                            .inAnyNamespace()
                            .runnableInformer(0)));
                }
                started = true;
                LOG.infof(
                        "Gateway API: HTTPRoute/Gateway/GatewayClass %s, ProxySettingsPolicy %s, BackendTLSPolicy v1 %s",
                        served(routes), served(proxySettings), served(backendTls));
                return;
            } catch (RuntimeException e) {
                LOG.debugf("Gateway API discovery failed (%s); retrying", e.getMessage());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delay = Math.min(delay * 2, 30_000);
            }
        }
    }

    private static String served(SharedIndexInformer<?> informer) {
        return informer == null ? "not served (checks assume defaults)" : "watched";
    }

    private boolean serves(Class<? extends HasMetadata> type) {
        String apiVersion = HasMetadata.getApiVersion(type);
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        io.fabric8.kubernetes.api.model.APIResourceList resources;
        try {
            resources = client.getApiResources(group + "/" + version);
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
        String plural = HasMetadata.getPlural(type);
        return resources != null && resources.getResources().stream().anyMatch(r -> plural.equals(r.getName()));
    }

    private static <T extends HasMetadata> SharedIndexInformer<T> indexed(SharedIndexInformer<T> informer) {
        informer.addIndexers(
                java.util.Map.of(BY_NAMESPACE, o -> List.of(o.getMetadata().getNamespace())));
        return informer;
    }

    private <T extends HasMetadata> SharedIndexInformer<T> start(SharedIndexInformer<T> informer) {
        informer.itemStore(CachePruning.store());
        informer.exceptionHandler((wasStarted, error) -> true);
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                notifyListeners(object);
            }

            @Override
            public void onUpdate(T before, T object) {
                notifyListeners(object);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                notifyListeners(object);
            }
        });
        informer.start();
        synchronized (informers) {
            informers.add(informer);
        }
        return informer;
    }

    private void notifyListeners(HasMetadata object) {
        listeners.forEach(l -> l.accept(object));
    }

    @Override
    public void addListener(Consumer<HasMetadata> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean discovered() {
        return !enabled || started;
    }

    @Override
    public Optional<HTTPRoute> httpRoute(String namespace, String name) {
        return Optional.ofNullable(routes).map(i -> i.getStore().getByKey(namespace + "/" + name));
    }

    @Override
    public boolean gatewayApiServed() {
        return routes != null;
    }

    @Override
    public boolean proxySettingsPoliciesServed() {
        return proxySettings != null;
    }

    @Override
    public Optional<Gateway> gateway(String namespace, String name) {
        return Optional.ofNullable(gateways).map(i -> i.getStore().getByKey(namespace + "/" + name));
    }

    @Override
    public Optional<GatewayClass> gatewayClass(String name) {
        return Optional.ofNullable(classes).map(i -> i.getStore().getByKey(name));
    }

    @Override
    public Collection<HTTPRoute> httpRoutes() {
        SharedIndexInformer<HTTPRoute> informer = routes;
        return informer == null ? List.of() : informer.getStore().list();
    }

    @Override
    public List<ProxySettingsPolicy> proxySettingsPolicies(String namespace) {
        SharedIndexInformer<ProxySettingsPolicy> informer = proxySettings;
        return informer == null ? List.of() : informer.getIndexer().byIndex(BY_NAMESPACE, namespace);
    }

    @Override
    public List<BackendTLSPolicy> backendTlsPolicies(String namespace) {
        SharedIndexInformer<BackendTLSPolicy> informer = backendTls;
        return informer == null ? List.of() : informer.getIndexer().byIndex(BY_NAMESPACE, namespace);
    }

    @Override
    public boolean synced() {
        synchronized (informers) {
            return started && informers.stream().allMatch(SharedIndexInformer::hasSynced);
        }
    }
}
