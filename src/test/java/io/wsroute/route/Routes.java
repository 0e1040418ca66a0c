package io.wsroute.route;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import java.util.List;

/** Routes and Services for tests. */
final class Routes {

    private Routes() {}

    static WebSocketRouteSpec spec(String host, String path, String service, int port) {
        return new WebSocketRouteSpec(
                host,
                List.of(new RoutePath(path, null, new RouteService(service, new RouteService.Port(port, null)))),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static WebSocketRoute route(String namespace, String name, WebSocketRouteSpec spec) {
        WebSocketRoute route = new WebSocketRoute();
        route.setMetadata(new ObjectMetaBuilder()
                .withNamespace(namespace)
                .withName(name)
                .withUid("uid-" + name)
                .withGeneration(1L)
                .build());
        route.setSpec(spec);
        return route;
    }

    static Service service(String namespace, String name, int port, String appProtocol) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withName("ws")
                .withProtocol("TCP")
                .withPort(port)
                .withAppProtocol(appProtocol)
                .endPort()
                .endSpec()
                .build();
    }
}
