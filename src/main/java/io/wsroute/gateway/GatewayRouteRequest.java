package io.wsroute.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a WebSocket HTTPRoute on a Gateway should look like, independent of where the wish comes from (a
 * WebSocketRoute, or an Ingress being migrated).
 *
 * @param gateway the parent Gateway ({@code index} unused)
 * @param paths the routed paths, each to one Service port
 * @param idleTimeout proxy_read_timeout and proxy_send_timeout the route needs
 * @param labels put on the HTTPRoute and the policy
 */
public record GatewayRouteRequest(
        String namespace,
        String name,
        ParentRef gateway,
        List<String> hostnames,
        List<PathBackend> paths,
        Duration idleTimeout,
        Map<String, String> labels) {

    /** One path of the route: PathPrefix or Exact, and the Service port it goes to. */
    public record PathBackend(String path, boolean exact, String service, int port) {}

    public GatewayRouteRequest {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        hostnames = List.copyOf(hostnames);
        paths = List.copyOf(paths);
        labels = Map.copyOf(labels);
    }
}
