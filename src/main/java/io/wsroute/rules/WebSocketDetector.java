package io.wsroute.rules;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.WsrouteAnnotations;
import io.wsroute.route.api.RouteOwnership;
import io.wsroute.route.api.WebSocketRoute;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Decides whether an Ingress carries WebSocket traffic by the signals README lists under "What it checks".
 * {@code wsroute.io/websocket: "false"} wins over everything; an invalid marker value counts as absent (WS100 reports it) so the other signals
 * still decide.
 */
final class WebSocketDetector {

    private WebSocketDetector() {}

    static WebSocketDetection detect(Ingress ingress, Map<String, String> annotations, List<Backend> backends) {
        WebSocketMarker marker = WebSocketMarker.of(annotations);
        if (marker == WebSocketMarker.FALSE) {
            return WebSocketDetection.no("opted out by " + WsrouteAnnotations.WEBSOCKET + "=false");
        }
        Set<String> allServices = names(backends, b -> true);
        Set<String> tlsServices = names(backends, Backend::isTls);
        if (marker == WebSocketMarker.TRUE) {
            return new WebSocketDetection(
                    true, "annotation " + WsrouteAnnotations.WEBSOCKET + "=true", allServices, tlsServices);
        }
        if (RouteOwnership.ownedByARoute(ingress)) {
            return new WebSocketDetection(true, "owned by a " + WebSocketRoute.KIND, allServices, tlsServices);
        }
        Set<String> wsServices = names(backends, Backend::isWebSocket);
        String listed = annotations.get(NginxIncAnnotations.WEBSOCKET_SERVICES);
        if (listed != null) {
            // The list declares which backends are WebSocket (read generously: " b" means b, WS109 reports the
            // space); appProtocol adds the ones it forgot.
            Set<String> declared = new TreeSet<>(wsServices);
            NginxIncAnnotations.parseServiceList(listed).stream()
                    .map(String::trim)
                    .filter(allServices::contains)
                    .forEach(declared::add);
            return new WebSocketDetection(
                    true, "annotation " + NginxIncAnnotations.WEBSOCKET_SERVICES, declared, tlsServices);
        }
        if (!wsServices.isEmpty()) {
            return new WebSocketDetection(
                    true,
                    "Service port appProtocol kubernetes.io/ws or kubernetes.io/wss on "
                            + String.join(", ", wsServices),
                    wsServices,
                    tlsServices);
        }
        return WebSocketDetection.no("no WebSocket signal");
    }

    private static Set<String> names(List<Backend> backends, Predicate<Backend> filter) {
        return backends.stream()
                .filter(filter)
                .map(Backend::serviceName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
