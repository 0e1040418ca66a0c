package io.wsroute.route;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.wsroute.gateway.GatewayRoutePlanner;
import io.wsroute.gateway.GatewayRouteRequest;
import io.wsroute.gateway.HttpRouteRules;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.gateway.ProxyTimeout;
import io.wsroute.gateway.RouteReviews;
import io.wsroute.nginx.NginxGatewayFabric;
import io.wsroute.route.api.RouteOwnership;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a valid route with a gatewayRef into the HTTPRoute and, on NGINX Gateway Fabric, the ProxySettingsPolicy
 * it needs (shapes from {@link GatewayRoutePlanner}, shared with {@code migrate --to gateway-api}), owned by the
 * route. The plan is judged by the same HTTPRoute rules as the webhook, so a route never writes an HTTPRoute the
 * webhook would refuse. Pure.
 */
public final class RouteGatewayPlanner {

    /**
     * @param policy empty when nothing can carry the idle timeout (another implementation, or no policy CRD)
     * @param idleTimeoutNotSet why the idle timeout is not set, when it is not
     * @param notEnforced declared settings an HTTPRoute does not carry, each naming the field
     */
    public record Plan(
            HTTPRoute route,
            Optional<ProxySettingsPolicy> policy,
            Optional<String> idleTimeoutNotSet,
            List<String> notEnforced,
            List<Finding> errors,
            List<Finding> warnings) {

        public Plan {
            notEnforced = List.copyOf(notEnforced);
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    private final HttpRouteRules rules = new HttpRouteRules();

    /** @param route a route whose spec has no {@link RouteSpecCheck} problem and whose Services all exist */
    public Plan plan(WebSocketRoute route, GatewayTarget target) {
        WebSocketRouteSpec spec = route.getSpec();
        Duration idle = RouteSpecCheck.idle(spec, target.settings().minIdleTimeout());
        GatewayRoutePlanner.Plan shapes = GatewayRoutePlanner.plan(new GatewayRouteRequest(
                route.getMetadata().getNamespace(),
                route.getMetadata().getName(),
                target.gateway(),
                List.of(spec.host()),
                spec.pathsOrEmpty().stream()
                        .map(p -> new GatewayRouteRequest.PathBackend(
                                p.path(),
                                p.pathTypeOrDefault() == RoutePath.PathMatch.Exact,
                                p.service().name(),
                                portNumber(p, target.services())))
                        .toList(),
                idle,
                Map.of(
                        RouteIngressPlanner.MANAGED_BY_LABEL,
                        RouteIngressPlanner.MANAGED_BY,
                        RouteIngressPlanner.ROUTE_LABEL,
                        route.getMetadata().getName())));
        HTTPRoute httpRoute = shapes.route();
        httpRoute.getMetadata().setOwnerReferences(List.of(RouteOwnership.controllerReference(route)));
        if (spec.gatewayRef().sectionName() != null) {
            httpRoute
                    .getSpec()
                    .getParentRefs()
                    .get(0)
                    .setSectionName(spec.gatewayRef().sectionName());
        }
        Optional<String> idleNotSet = idleTimeoutNotSet(target, idle);
        Optional<ProxySettingsPolicy> policy = Optional.empty();
        if (idleNotSet.isEmpty()) {
            ProxySettingsPolicy planned = shapes.policy();
            planned.getMetadata().setOwnerReferences(List.of(RouteOwnership.controllerReference(route)));
            planned.getSpec()
                    .setTimeout(new ProxyTimeout(
                            null,
                            NginxGatewayFabric.formatDuration(idle),
                            NginxGatewayFabric.formatDuration(
                                    RouteSpecCheck.send(spec, target.settings().minIdleTimeout()))));
            policy = Optional.of(planned);
        }
        RouteReviews.Assembled review =
                RouteReviews.assemble(httpRoute, target.rulesSource().apply(policy), target.settings());
        List<Finding> findings = rules.evaluate(review.review()).findings();
        return new Plan(
                httpRoute,
                policy,
                idleNotSet,
                notEnforced(spec),
                findings.stream().filter(f -> f.severity() == Severity.ERROR).toList(),
                findings.stream().filter(f -> f.severity() == Severity.WARNING).toList());
    }

    private static Optional<String> idleTimeoutNotSet(GatewayTarget target, Duration idle) {
        String gateway = target.gateway().namespace() + "/" + target.gateway().name();
        if (!target.ngf()) {
            // Gateway API's only timeouts are absolute deadlines (rules[].timeouts) that cut a busy WebSocket too.
            return Optional.of(("Gateway %s is not served by NGINX Gateway Fabric and Gateway API has no idle "
                            + "timeout: wsroute writes no rules[].timeouts (an absolute deadline that cuts busy "
                            + "WebSockets); set an idle timeout of %s in that implementation's own policy")
                    .formatted(gateway, NginxGatewayFabric.formatDuration(idle)));
        }
        if (!target.policiesServed()) {
            return Optional.of(("the cluster does not serve NGINX Gateway Fabric's ProxySettingsPolicy "
                            + "(gateway.nginx.org/v1alpha1, NGF 2.6+): the route keeps nginx's %ds idle timeout "
                            + "on Gateway %s")
                    .formatted(NginxGatewayFabric.DEFAULT_TIMEOUT.toSeconds(), gateway));
        }
        return Optional.empty();
    }

    /** Route settings that wsroute writes only into an Ingress. */
    private static List<String> notEnforced(WebSocketRouteSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec.tls() != null) {
            out.add("spec.tls: on a Gateway, TLS terminates at the Gateway's listener (its certificateRefs); "
                    + "wsroute does not use the Secret");
        }
        if (spec.sessionAffinity() != null && spec.sessionAffinity().cookie()) {
            out.add("spec.sessionAffinity: wsroute writes no session persistence into an HTTPRoute");
        }
        if (!spec.allowedOriginsOrEmpty().isEmpty()) {
            out.add("spec.allowedOrigins: an HTTPRoute cannot check the Origin header");
        }
        if (spec.maxConnectionsPerClient() != null) {
            out.add("spec.maxConnectionsPerClient: an HTTPRoute cannot limit connections per client");
        }
        if (!spec.sourceRangesOrEmpty().isEmpty()) {
            out.add("spec.sourceRanges: an HTTPRoute cannot restrict client addresses");
        }
        return out;
    }

    /** A named Service port resolved to its number: HTTPRoute backendRefs take numbers only. */
    private static int portNumber(RoutePath path, Map<String, Service> services) {
        if (path.service().port().number() != null) {
            return path.service().port().number();
        }
        Service service = services.get(path.service().name());
        List<ServicePort> ports = service == null
                        || service.getSpec() == null
                        || service.getSpec().getPorts() == null
                ? List.of()
                : service.getSpec().getPorts();
        return ports.stream()
                .filter(p -> path.service().port().name().equals(p.getName()))
                .map(ServicePort::getPort)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no port " + path.service().port().name()));
    }
}
