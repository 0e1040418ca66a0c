package io.wsroute.rules;

import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Optional;

/**
 * One backend reference of an Ingress.
 *
 * @param serviceName the Service it names
 * @param field where the reference sits, e.g. {@code spec.rules[0].http.paths[1].backend.service}
 * @param path the HTTP path of the rule, empty for the default backend
 * @param port the Service port it resolves to, when the Service is known and the port matches
 */
record Backend(String serviceName, String field, String path, Optional<ServicePort> port) {

    static final String APP_PROTOCOL_WS = "kubernetes.io/ws";
    static final String APP_PROTOCOL_WSS = "kubernetes.io/wss";

    boolean isWebSocket() {
        return port.map(p -> APP_PROTOCOL_WS.equals(p.getAppProtocol()) || APP_PROTOCOL_WSS.equals(p.getAppProtocol()))
                .orElse(false);
    }

    boolean isTls() {
        return port.map(p -> APP_PROTOCOL_WSS.equals(p.getAppProtocol())).orElse(false);
    }
}
