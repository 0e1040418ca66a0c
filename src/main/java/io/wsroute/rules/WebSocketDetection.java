package io.wsroute.rules;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether an Ingress carries WebSocket traffic, and why.
 *
 * @param webSocket true when WebSocket rules apply
 * @param reason the signal that decided it, for messages ("annotation wsroute.io/websocket=true",
 *        "Service chat port 8080 has appProtocol kubernetes.io/ws", "opted out by wsroute.io/websocket=false")
 * @param services backend Service names, sorted, that carry WebSocket traffic (all backends when the whole Ingress is
 *        marked; only the ws/wss ones when detection came from Service appProtocol)
 * @param tlsServices the subset whose port has appProtocol {@code kubernetes.io/wss}
 */
public record WebSocketDetection(boolean webSocket, String reason, Set<String> services, Set<String> tlsServices) {

    public WebSocketDetection {
        // Sorted, so messages and remediations list Services in a stable order.
        services = Collections.unmodifiableSortedSet(new TreeSet<>(services));
        tlsServices = Collections.unmodifiableSortedSet(new TreeSet<>(tlsServices));
    }

    public static WebSocketDetection no(String reason) {
        return new WebSocketDetection(false, reason, Set.of(), Set.of());
    }
}
