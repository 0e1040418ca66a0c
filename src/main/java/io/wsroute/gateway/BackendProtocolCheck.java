package io.wsroute.gateway;

import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceWithSectionName;
import io.wsroute.nginx.NginxGatewayFabric;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * WS132: a backend port with appProtocol {@code kubernetes.io/wss} and no BackendTLSPolicy for it; NGF refuses such a
 * backendRef (the route's ResolvedRefs condition says "missing corresponding BackendTLSPolicy") and the rule answers
 * 500. WS134: a backend port with appProtocol {@code kubernetes.io/h2c} on a WebSocket route; NGF up to 2.6 refuses
 * the backendRef (500), later releases proxy to it over HTTP/2, which cannot carry the HTTP/1.1 Upgrade.
 */
final class BackendProtocolCheck implements RouteCheck {

    @Override
    public Stream<Finding> check(ReviewedRoute route) {
        return route.backends().stream().flatMap(b -> check(route, b).stream());
    }

    private Optional<Finding> check(ReviewedRoute route, RouteBackend backend) {
        String protocol = backend.appProtocol().orElse("");
        if (protocol.equals(NginxGatewayFabric.APP_PROTOCOL_WSS)
                && route.review().tlsPolicies().stream().noneMatch(p -> covers(p, backend))) {
            return Optional.of(route.finding(
                    Rule.WS132,
                    backend.field(),
                    ("Service %s port %s has appProtocol kubernetes.io/wss but no BackendTLSPolicy targets it:"
                                    + " NGINX Gateway Fabric refuses the backendRef (\"missing corresponding"
                                    + " BackendTLSPolicy\") and the rule answers 500")
                            .formatted(backend.key(), backend.port()),
                    ("add a BackendTLSPolicy in namespace %s with targetRefs [{group: \"\", kind: Service, name: %s}]"
                                    + " and validation (hostname and caCertificateRefs or wellKnownCACertificates),"
                                    + " or use appProtocol kubernetes.io/ws if the backend speaks plain WebSocket")
                            .formatted(backend.namespace(), backend.name())));
        }
        if (protocol.equals(NginxGatewayFabric.APP_PROTOCOL_H2C) && !route.onlyOtherImplementations()) {
            return Optional.of(route.finding(
                    Rule.WS134,
                    backend.field(),
                    ("Service %s port %s has appProtocol kubernetes.io/h2c: NGINX Gateway Fabric up to 2.6 refuses"
                                    + " the backendRef on an HTTPRoute (the rule answers 500), later releases proxy"
                                    + " to it over HTTP/2 without Upgrade and Connection; neither carries a"
                                    + " WebSocket")
                            .formatted(backend.key(), backend.port()),
                    "give the WebSocket endpoint a Service port with appProtocol kubernetes.io/ws (HTTP/1.1)"));
        }
        return Optional.empty();
    }

    /** True when the policy targets the backend's Service, on all ports or on this port by name. */
    static boolean covers(BackendTLSPolicy policy, RouteBackend backend) {
        if (policy.getSpec() == null
                || policy.getSpec().getTargetRefs() == null
                || !Objects.equals(policy.getMetadata().getNamespace(), backend.namespace())) {
            return false;
        }
        String portName = backend.servicePort().map(ServicePort::getName).orElse(null);
        for (LocalPolicyTargetReferenceWithSectionName ref : policy.getSpec().getTargetRefs()) {
            boolean service = "Service".equals(ref.getKind())
                    && (ref.getGroup() == null
                            || ref.getGroup().isEmpty()
                            || ref.getGroup().equals("core"))
                    && Objects.equals(ref.getName(), backend.name());
            if (service && (ref.getSectionName() == null || Objects.equals(ref.getSectionName(), portName))) {
                return true;
            }
        }
        return false;
    }
}
