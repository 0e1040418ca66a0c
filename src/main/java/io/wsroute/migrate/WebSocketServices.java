package io.wsroute.migrate;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.nginx.GoBool;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.NginxIncEquivalents;
import io.wsroute.nginx.WsrouteAnnotations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of an ingress-nginx Ingress's Services may carry WebSocket. ingress-nginx forwards the upgrade for every
 * Service, so its users rarely say which ones do; the F5 controller forwards it only for the Services it is told
 * about. Every signal the manifests give counts, and the first one found is reported as the reason. A false
 * positive costs little on the F5 controller (its upgrade map sends {@code Connection: close} to a listed Service for
 * plain requests); a miss breaks the handshake.
 */
final class WebSocketServices {

    /** Path segments of WebSocket endpoints and their long-polling fallbacks (Socket.IO, SockJS, SignalR, ...). */
    private static final Set<String> WEBSOCKET_PATH_SEGMENTS =
            Set.of("ws", "wss", "websocket", "websockets", "socket.io", "sockjs", "hubs", "signalr", "cable");

    /** ingress-nginx's default proxy-read-timeout and proxy-send-timeout: raising them is for long-lived sockets. */
    static final Duration INGRESS_NGINX_DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Set<String> WEBSOCKET_APP_PROTOCOLS = Set.of("kubernetes.io/ws", "kubernetes.io/wss");

    private WebSocketServices() {}

    /**
     * Each backend Service of the Ingress, in order, with the signal that makes it WebSocket, or empty when none
     * does.
     *
     * @param pinned Services the user named ({@code namespace/name})
     */
    static Map<String, Optional<String>> decide(
            Ingress ingress, List<Backend> backends, Map<String, Service> services, Set<String> pinned) {
        Map<String, String> annotations = annotations(ingress);
        String namespace = ingress.getMetadata().getNamespace();
        Optional<Boolean> marker = Optional.ofNullable(annotations.get(WsrouteAnnotations.WEBSOCKET))
                .flatMap(v -> GoBool.parse(v.strip()));
        Optional<String> ingressWide = marker.orElse(true) ? ingressWideSignal(annotations) : Optional.empty();
        Map<String, Optional<String>> decided = new LinkedHashMap<>();
        for (Backend backend : backends) {
            Optional<String> reason;
            if (pinned.contains(namespace + "/" + backend.service())) {
                reason = Optional.of("pinned by --websocket-service " + namespace + "/" + backend.service());
            } else if (marker.isPresent()) {
                reason = marker.get()
                        ? Optional.of("annotation " + WsrouteAnnotations.WEBSOCKET + "=true")
                        : Optional.empty();
            } else {
                reason = appProtocol(backend, services.get(backend.service()))
                        .or(() -> listed(annotations, backend))
                        .or(() -> path(backend))
                        .or(() -> ingressWide);
            }
            decided.merge(backend.service(), reason, (a, b) -> a.isPresent() ? a : b);
        }
        return decided;
    }

    private static Map<String, String> annotations(Ingress ingress) {
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private static Optional<String> appProtocol(Backend backend, Service service) {
        if (service == null || service.getSpec() == null || service.getSpec().getPorts() == null) {
            return Optional.empty();
        }
        return service.getSpec().getPorts().stream()
                .filter(p -> matches(backend, p))
                .map(ServicePort::getAppProtocol)
                .filter(protocol -> protocol != null && WEBSOCKET_APP_PROTOCOLS.contains(protocol))
                .findFirst()
                .map(protocol -> "Service port appProtocol " + protocol);
    }

    private static boolean matches(Backend backend, ServicePort port) {
        if (backend.portNumber().isPresent()) {
            return backend.portNumber().get().equals(port.getPort());
        }
        return backend.portName().map(n -> n.equals(port.getName())).orElse(true);
    }

    private static Optional<String> listed(Map<String, String> annotations, Backend backend) {
        String list = annotations.get(NginxIncAnnotations.WEBSOCKET_SERVICES);
        return list != null
                        && NginxIncAnnotations.parseServiceList(list).stream()
                                .map(String::strip)
                                .anyMatch(backend.service()::equals)
                ? Optional.of("already listed in " + NginxIncAnnotations.WEBSOCKET_SERVICES)
                : Optional.empty();
    }

    private static Optional<String> path(Backend backend) {
        for (String segment : backend.path().toLowerCase(Locale.ROOT).split("/")) {
            // "sockjs-node", "ws_v2": a known name with a suffix
            String name = segment.split("[-_(]", 2)[0];
            if (WEBSOCKET_PATH_SEGMENTS.contains(name)) {
                return Optional.of("path " + backend.path());
            }
        }
        return Optional.empty();
    }

    /** Signals that hold for the whole Ingress: raised timeouts and session affinity. */
    private static Optional<String> ingressWideSignal(Map<String, String> annotations) {
        for (String key :
                List.of(IngressNginxAnnotations.PROXY_READ_TIMEOUT, IngressNginxAnnotations.PROXY_SEND_TIMEOUT)) {
            Optional<Duration> timeout =
                    Optional.ofNullable(annotations.get(key)).flatMap(NginxIncEquivalents::seconds);
            if (timeout.isPresent() && timeout.get().compareTo(INGRESS_NGINX_DEFAULT_TIMEOUT) > 0) {
                return Optional.of("%s \"%s\" (above the 60 s default: long-lived connections)"
                        .formatted(key, annotations.get(key)));
            }
        }
        if ("cookie"
                .equals(Optional.ofNullable(annotations.get(IngressNginxAnnotations.AFFINITY))
                        .map(String::strip)
                        .orElse(""))) {
            return Optional.of(IngressNginxAnnotations.AFFINITY + " \"cookie\" (session affinity)");
        }
        String snippet = annotations.get(IngressNginxAnnotations.CONFIGURATION_SNIPPET);
        if (snippet != null && NginxIncEquivalents.setsUpgradeHeader(snippet)) {
            return Optional.of(IngressNginxAnnotations.CONFIGURATION_SNIPPET + " sets the Upgrade header");
        }
        String hashBy = annotations.get(IngressNginxAnnotations.UPSTREAM_HASH_BY);
        if (hashBy != null && !hashBy.isBlank()) {
            return Optional.of(IngressNginxAnnotations.UPSTREAM_HASH_BY + " (session affinity)");
        }
        return Optional.empty();
    }
}
