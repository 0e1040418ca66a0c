package io.wsroute.nginx;

import java.util.SortedSet;

/**
 * What a WebSocket Ingress needs from its controller beyond long timeouts, for {@link DataPlane#upgradeAnnotations}:
 * the controller-wide HTTP version towards backends, whether every backend speaks TLS, and the Services that carry
 * WebSocket (all of them, and those that speak TLS). Service names are already checked against the generated-value
 * grammar ({@link GeneratedValues#isServiceName}).
 */
public record UpgradeNeeds(
        String proxyHttpVersion,
        boolean everyBackendTls,
        SortedSet<String> webSocketServices,
        SortedSet<String> tlsWebSocketServices) {}
