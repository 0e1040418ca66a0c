package io.wsroute.route;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.GatewayApiView;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.route.api.RouteOwnership;
import io.wsroute.route.api.WebSocketRoute;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns changes in wsroute's shared cluster caches into reconciles of the routes they affect, so the route
 * controller needs no informers of its own for Ingresses, Services, IngressClasses and ConfigMaps:
 * <ul>
 * <li>an Ingress: the route that owns it (drift repair, deletion), and every route for one of its hosts
 * (conflicts appear and clear);</li>
 * <li>a Service: the routes whose paths name it;</li>
 * <li>an IngressClass or a controller ConfigMap: every route (flavour, snippets and timeouts may change);</li>
 * <li>an HTTPRoute or ProxySettingsPolicy: the route that owns it, and for an HTTPRoute every route for one of its
 * hostnames;</li>
 * <li>a Gateway or GatewayClass: every route (which implementation serves a Gateway may change).</li>
 * </ul>
 */
final class ClusterChangeEventSource extends AbstractEventSource<HasMetadata, WebSocketRoute> {

    static final String BY_SERVICE = "wsroute-by-service";
    static final String BY_HOST = "wsroute-by-host";

    private final ClusterView cluster;
    private final GatewayApiView gatewayApi;
    private final IndexedResourceCache<WebSocketRoute> routes;
    private final OwnWrites ownWrites;

    ClusterChangeEventSource(
            ClusterView cluster,
            GatewayApiView gatewayApi,
            IndexedResourceCache<WebSocketRoute> routes,
            OwnWrites ownWrites) {
        super(HasMetadata.class, "cluster-changes");
        this.cluster = cluster;
        this.gatewayApi = gatewayApi;
        this.routes = routes;
        this.ownWrites = ownWrites;
        cluster.addListener(this::changed);
        // Gateway API types the cluster does not serve have no informer and never call: nothing fails without them.
        gatewayApi.addListener(this::changed);
    }

    /** Index keys for the primary cache. */
    static List<String> serviceKeys(WebSocketRoute route) {
        return route.getSpec() == null
                ? List.of()
                : route.getSpec().pathsOrEmpty().stream()
                        .filter(p -> p != null && p.service() != null)
                        .map(p -> route.getMetadata().getNamespace() + "/"
                                + p.service().name())
                        .distinct()
                        .toList();
    }

    static List<String> hostKeys(WebSocketRoute route) {
        return route.getSpec() == null || route.getSpec().host() == null
                ? List.of()
                : List.of(route.getSpec().host());
    }

    void changed(HasMetadata object) {
        if (!isRunning()) {
            return;
        }
        affectedRoutes(object).forEach(this::reconcile);
    }

    /** Reconciles the route: a change held back during wsroute's own write turned out not to be its echo. */
    void reconcile(ResourceID route) {
        if (isRunning()) {
            getEventHandler().handleEvent(new Event(route));
        }
    }

    private Set<ResourceID> affectedRoutes(HasMetadata object) {
        Set<ResourceID> ids = new LinkedHashSet<>();
        String namespace = object.getMetadata().getNamespace();
        if (object instanceof Ingress ingress) {
            RouteOwnership.owningRoutes(ingress).forEach(route -> ids.add(new ResourceID(route, namespace)));
            if (ingress.getSpec() != null && ingress.getSpec().getRules() != null) {
                ingress.getSpec().getRules().stream()
                        .map(IngressRule::getHost)
                        .filter(h -> h != null)
                        .flatMap(host -> routes.byIndex(BY_HOST, host).stream())
                        .map(ResourceID::fromResource)
                        .forEach(ids::add);
            }
        } else if (object instanceof Service) {
            routes.byIndex(BY_SERVICE, namespace + "/" + object.getMetadata().getName()).stream()
                    .map(ResourceID::fromResource)
                    .forEach(ids::add);
        } else if (object instanceof HTTPRoute httpRoute) {
            RouteOwnership.owningRoutes(httpRoute).forEach(route -> ids.add(new ResourceID(route, namespace)));
            if (httpRoute.getSpec() != null && httpRoute.getSpec().getHostnames() != null) {
                httpRoute.getSpec().getHostnames().stream()
                        .flatMap(host -> routes.byIndex(BY_HOST, host).stream())
                        .map(ResourceID::fromResource)
                        .forEach(ids::add);
            }
        } else if (object instanceof ProxySettingsPolicy policy) {
            RouteOwnership.owningRoutes(policy).forEach(route -> ids.add(new ResourceID(route, namespace)));
        } else if (object instanceof IngressClass
                || object instanceof ConfigMap
                || object instanceof Gateway
                || object instanceof GatewayClass) {
            routes.list().map(ResourceID::fromResource).forEach(ids::add);
        }
        if (ownWriteEcho(object)) {
            // the route that wrote it already reconciled from this content; others on its hosts still hear of it
            RouteOwnership.owningRoutes(object).forEach(route -> ids.remove(new ResourceID(route, namespace)));
        }
        return ids;
    }

    /**
     * The informer's echo of wsroute's own write of an object a route owns. A deletion is never an echo: the store
     * no longer holds the object when the listeners hear of it.
     */
    private boolean ownWriteEcho(HasMetadata object) {
        return stored(object)
                && ownWrites.absorbs(OwnWrites.key(object), object.getMetadata().getResourceVersion());
    }

    private boolean stored(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        if (object instanceof Ingress) {
            return cluster.ingress(namespace, name).isPresent();
        }
        if (object instanceof HTTPRoute) {
            return gatewayApi.httpRoute(namespace, name).isPresent();
        }
        if (object instanceof ProxySettingsPolicy) {
            return gatewayApi.proxySettingsPolicies(namespace).stream()
                    .anyMatch(p -> name.equals(p.getMetadata().getName()));
        }
        return false;
    }

    @Override
    public Set<HasMetadata> getSecondaryResources(WebSocketRoute primary) {
        // Secondary objects are read from ClusterView; this source only triggers reconciles.
        return Set.of();
    }
}
