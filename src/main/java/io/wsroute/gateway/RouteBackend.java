package io.wsroute.gateway;

import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Optional;

/**
 * One Service backendRef of an HTTPRoute rule, with the Service port it resolves to when the Service is known.
 *
 * @param field path of the backendRef in the route, e.g. {@code spec.rules[0].backendRefs[1]}
 */
public record RouteBackend(
        String field, String namespace, String name, Integer port, Optional<ServicePort> servicePort) {

    public Optional<String> appProtocol() {
        return servicePort.map(ServicePort::getAppProtocol);
    }

    public String key() {
        return namespace + "/" + name;
    }
}
