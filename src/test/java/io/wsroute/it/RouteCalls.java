package io.wsroute.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** WebSocketRoutes of one namespace on the real API server, for the route ITs. */
record RouteCalls(KubernetesClient client, String namespace, Duration patience) {

    WebSocketRoute create(String name, WebSocketRouteSpec spec) {
        WebSocketRoute route = new WebSocketRoute();
        route.getMetadata().setName(name);
        route.getMetadata().setNamespace(namespace);
        route.setSpec(spec);
        return client.resource(route).create();
    }

    WebSocketRoute get(String name) {
        return client.resources(WebSocketRoute.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    void edit(String name, UnaryOperator<WebSocketRoute> change) {
        client.resources(WebSocketRoute.class)
                .inNamespace(namespace)
                .withName(name)
                .edit(change);
    }

    /** The route's condition once it has this status (True, False), waiting at most {@code patience}. */
    Condition awaitCondition(String route, String type, String status) {
        return await().atMost(patience)
                .until(
                        () -> Optional.ofNullable(get(route))
                                .map(WebSocketRoute::getStatus)
                                .flatMap(s -> s.condition(type))
                                .filter(c -> status.equals(c.getStatus()))
                                .orElse(null),
                        c -> c != null);
    }
}
