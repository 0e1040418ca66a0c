package io.wsroute.gateway;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.wsroute.nginx.NginxGatewayFabric;
import io.wsroute.nginx.WsrouteAnnotations;
import io.wsroute.route.api.RouteOwnership;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An HTTPRoute under review, with the facts the checks share worked out once. */
final class ReviewedRoute {

    static final String KIND = "HTTPRoute";

    private final RouteReview review;
    private final List<RouteBackend> backends;
    private final boolean webSocket;

    ReviewedRoute(RouteReview review) {
        this.review = review;
        this.backends = backendsOf(review.route(), review.services());
        this.webSocket = detect();
    }

    RouteReview review() {
        return review;
    }

    HTTPRoute route() {
        return review.route();
    }

    String namespace() {
        return review.route().getMetadata().getNamespace();
    }

    String name() {
        return review.route().getMetadata().getName();
    }

    List<RouteBackend> backends() {
        return backends;
    }

    boolean webSocket() {
        return webSocket;
    }

    /** Parent Gateways judged as NGF (served by it, or unknown). */
    List<ParentGateway> ngfParents() {
        return review.parents().stream().filter(p -> p.served().judgedAsNgf()).toList();
    }

    boolean onlyOtherImplementations() {
        return !review.parents().isEmpty() && ngfParents().isEmpty();
    }

    List<HTTPRouteRule> rules() {
        return review.route().getSpec() == null || review.route().getSpec().getRules() == null
                ? List.of()
                : review.route().getSpec().getRules();
    }

    Finding finding(Rule rule, String field, String message, String fix) {
        return new Finding(rule.id(), rule.severity(), KIND, namespace(), name(), field, message, fix);
    }

    /** The marker annotation's value, when set. */
    Optional<String> marker() {
        Map<String, String> annotations = review.route().getMetadata().getAnnotations();
        return Optional.ofNullable(annotations == null ? null : annotations.get(WsrouteAnnotations.WEBSOCKET));
    }

    private boolean detect() {
        Optional<String> marker = marker().map(String::trim);
        if (marker.filter("false"::equals).isPresent()) {
            return false;
        }
        if (marker.filter("true"::equals).isPresent() || ownedByRoute()) {
            return true;
        }
        return backends.stream()
                .map(RouteBackend::appProtocol)
                .flatMap(Optional::stream)
                .anyMatch(p ->
                        p.equals(NginxGatewayFabric.APP_PROTOCOL_WS) || p.equals(NginxGatewayFabric.APP_PROTOCOL_WSS));
    }

    private boolean ownedByRoute() {
        return RouteOwnership.ownedByARoute(review.route());
    }

    /** The Service backendRefs of every rule (other kinds are not WebSocket backends wsroute can judge). */
    static List<RouteBackend> backendsOf(HTTPRoute route, Map<String, Service> services) {
        List<RouteBackend> out = new ArrayList<>();
        if (route.getSpec() == null || route.getSpec().getRules() == null) {
            return out;
        }
        String namespace = route.getMetadata().getNamespace();
        List<HTTPRouteRule> rules = route.getSpec().getRules();
        for (int r = 0; r < rules.size(); r++) {
            List<HTTPBackendRef> refs = rules.get(r).getBackendRefs();
            if (refs == null) {
                continue;
            }
            for (int b = 0; b < refs.size(); b++) {
                HTTPBackendRef ref = refs.get(b);
                if (!isService(ref.getGroup(), ref.getKind())) {
                    continue;
                }
                String ns = ref.getNamespace() == null ? namespace : ref.getNamespace();
                Service service = services.get(ns + "/" + ref.getName());
                out.add(new RouteBackend(
                        "spec.rules[" + r + "].backendRefs[" + b + "]",
                        ns,
                        ref.getName(),
                        ref.getPort(),
                        port(service, ref.getPort())));
            }
        }
        return out;
    }

    private static boolean isService(String group, String kind) {
        return (group == null || group.isEmpty() || group.equals("core")) && (kind == null || kind.equals("Service"));
    }

    private static Optional<ServicePort> port(Service service, Integer port) {
        if (service == null || service.getSpec() == null || service.getSpec().getPorts() == null) {
            return Optional.empty();
        }
        return service.getSpec().getPorts().stream()
                .filter(p -> Objects.equals(p.getPort(), port))
                .findFirst();
    }

    /** The Gateways named in parentRefs ({@code namespace/name}), in order; other parent kinds are skipped. */
    static List<ParentRef> parentGateways(HTTPRoute route) {
        List<ParentRef> out = new ArrayList<>();
        if (route.getSpec() == null || route.getSpec().getParentRefs() == null) {
            return out;
        }
        List<ParentReference> refs = route.getSpec().getParentRefs();
        for (int i = 0; i < refs.size(); i++) {
            ParentReference ref = refs.get(i);
            boolean gateway = (ref.getKind() == null || ref.getKind().equals("Gateway"))
                    && (ref.getGroup() == null || ref.getGroup().equals(NginxGatewayFabric.GATEWAY_API_GROUP));
            if (gateway && ref.getName() != null) {
                String ns = ref.getNamespace() == null ? route.getMetadata().getNamespace() : ref.getNamespace();
                out.add(new ParentRef(i, ns, ref.getName()));
            }
        }
        return out;
    }
}
