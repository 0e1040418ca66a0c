package io.wsroute.rules;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.WsrouteAnnotations;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Decides whether an Ingress carries WebSocket traffic, by the signals DESIGN.md lists, in that order. */
final class WebSocketDetector {

    private WebSocketDetector() {
    }

    static WebSocketDetection detect(Ingress ingress, Map<String, String> annotations, List<Backend> backends) {
        String marker = annotations.get(WsrouteAnnotations.WEBSOCKET);
        if ("false".equals(marker)) {
            return WebSocketDetection.no("opted out by " + WsrouteAnnotations.WEBSOCKET + "=false");
        }
        Set<String> allServices = backends.stream().map(Backend::serviceName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> tlsServices = backends.stream().filter(Backend::isTls).map(Backend::serviceName)
                .collect(Collectors.toCollection(TreeSet::new));
        if ("true".equals(marker)) {
            return new WebSocketDetection(true, "annotation " + WsrouteAnnotations.WEBSOCKET + "=true", allServices,
                    tlsServices);
        }
        if (ownedByRoute(ingress)) {
            return new WebSocketDetection(true, "owned by a " + WsrouteAnnotations.ROUTE_KIND, allServices, tlsServices);
        }
        Set<String> wsServices = backends.stream().filter(Backend::isWebSocket).map(Backend::serviceName)
                .collect(Collectors.toCollection(TreeSet::new));
        String listed = annotations.get(NginxIncAnnotations.WEBSOCKET_SERVICES);
        if (listed != null) {
            // The list itself declares which backends are WebSocket; appProtocol adds the ones it forgot.
            Set<String> declared = new TreeSet<>(wsServices);
            Arrays.stream(listed.split(",")).map(String::trim).filter(allServices::contains).forEach(declared::add);
            return new WebSocketDetection(true, "annotation " + NginxIncAnnotations.WEBSOCKET_SERVICES, declared,
                    tlsServices);
        }
        if (!wsServices.isEmpty()) {
            return new WebSocketDetection(true, "Service port appProtocol kubernetes.io/ws or kubernetes.io/wss on "
                    + String.join(", ", wsServices), wsServices, tlsServices);
        }
        return WebSocketDetection.no("no WebSocket signal");
    }

    private static boolean ownedByRoute(Ingress ingress) {
        List<OwnerReference> owners = ingress.getMetadata() == null ? null : ingress.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> WsrouteAnnotations.ROUTE_KIND.equals(o.getKind())
                && o.getApiVersion() != null && o.getApiVersion().startsWith(WsrouteAnnotations.GROUP + "/"));
    }
}
