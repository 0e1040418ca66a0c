package io.wsroute.route;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.GatewayApiSource;
import io.wsroute.cluster.GatewayApiView;
import io.wsroute.gateway.GatewayRoutePlanner;
import io.wsroute.gateway.HttpRouteRules;
import io.wsroute.gateway.ParentRef;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.nginx.NginxGatewayFabric;
import io.wsroute.route.api.RouteGatewayRef;
import io.wsroute.route.api.RouteOwnership;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import io.wsroute.rules.Finding;
import io.wsroute.rules.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The assessment of a route with a gatewayRef (see {@link RouteAssessor}): Gateway API served, Gateway and
 * GatewayClass found, HTTPRoute and policy names free, no other HTTPRoute on the Gateway serving the same host and
 * path, then the plan of {@link RouteGatewayPlanner}. Pure.
 */
final class GatewayAssessing {

    /** Facts found before the Gateway side, and how a failed outcome is built from them. */
    interface Outcome {
        RouteAssessment notReady(RouteReason reason, String message);
    }

    /** The path an HTTPRoute rule matches when it names none (HTTPRoute CRD default: PathPrefix {@code /}). */
    private static final String DEFAULT_PATH = "/";

    private final ClusterView cluster;
    private final GatewayApiView gatewayApi;
    private final RuleSettings settings;
    private final RouteGatewayPlanner planner = new RouteGatewayPlanner();

    GatewayAssessing(ClusterView cluster, GatewayApiView gatewayApi, RuleSettings settings) {
        this.cluster = cluster;
        this.gatewayApi = gatewayApi;
        this.settings = settings;
    }

    /** @param services the route's Services, all found */
    RouteAssessment assess(
            WebSocketRoute route, Map<String, Service> services, String url, List<String> notes, Outcome outcome) {
        WebSocketRouteSpec spec = route.getSpec();
        String namespace = route.getMetadata().getNamespace();
        String name = route.getMetadata().getName();
        RouteGatewayRef ref = spec.gatewayRef();
        String gatewayNamespace = ref.namespaceOr(namespace);
        String gatewayKey = gatewayNamespace + "/" + ref.name();
        if (!gatewayApi.gatewayApiServed()) {
            return outcome.notReady(
                    RouteReason.GATEWAY_API_NOT_SERVED,
                    "the cluster does not serve Gateway API (gateway.networking.k8s.io/v1 HTTPRoute, Gateway, "
                            + "GatewayClass), or Gateway API is off in wsroute (chart value "
                            + "webhooks.gatewayApi.enabled); wsroute looks for the CRDs when it starts");
        }
        Optional<Gateway> gateway = gatewayApi.gateway(gatewayNamespace, ref.name());
        if (gateway.isEmpty()) {
            return outcome.notReady(RouteReason.GATEWAY_NOT_FOUND, "Gateway %s not found".formatted(gatewayKey));
        }
        String className =
                gateway.get().getSpec() == null ? null : gateway.get().getSpec().getGatewayClassName();
        Optional<GatewayClass> gatewayClass = className == null ? Optional.empty() : gatewayApi.gatewayClass(className);
        if (gatewayClass.isEmpty()) {
            return outcome.notReady(
                    RouteReason.GATEWAY_CLASS_NOT_FOUND,
                    "GatewayClass %s of Gateway %s not found".formatted(className, gatewayKey));
        }
        String controllerName = gatewayClass.get().getSpec() == null
                ? null
                : gatewayClass.get().getSpec().getControllerName();
        Optional<HTTPRoute> liveRoute = gatewayApi.httpRoute(namespace, name);
        if (liveRoute.isPresent() && !RouteOwnership.ownedBy(liveRoute.get(), route)) {
            return outcome.notReady(
                    RouteReason.HTTP_ROUTE_NAME_TAKEN,
                    ("HTTPRoute %s/%s exists and is not owned by this route; wsroute never takes over an "
                                    + "HTTPRoute: rename the route or remove that HTTPRoute")
                            .formatted(namespace, name));
        }
        String policyName = name + GatewayRoutePlanner.POLICY_SUFFIX;
        Optional<ProxySettingsPolicy> livePolicy = policy(namespace, policyName);
        if (livePolicy.isPresent() && !RouteOwnership.ownedBy(livePolicy.get(), route)) {
            return outcome.notReady(
                    RouteReason.POLICY_NAME_TAKEN,
                    ("ProxySettingsPolicy %s/%s exists and is not owned by this route; wsroute never takes it "
                                    + "over: rename the route or remove that policy")
                            .formatted(namespace, policyName));
        }
        Optional<String> conflict = conflict(route, gatewayNamespace, ref.name());
        if (conflict.isPresent()) {
            return outcome.notReady(RouteReason.CONFLICT, conflict.get());
        }
        boolean ngf = NginxGatewayFabric.servedByNgf(controllerName);
        RouteGatewayPlanner.Plan plan = planner.plan(
                route,
                new GatewayTarget(
                        new ParentRef(0, gatewayNamespace, ref.name()),
                        ngf,
                        gatewayApi.proxySettingsPoliciesServed(),
                        services,
                        written -> GatewayApiSource.of(cluster, gatewayApi, written),
                        settings));
        if (!plan.errors().isEmpty()) {
            return outcome.notReady(
                    RouteReason.RULE_VIOLATION,
                    plan.errors().stream().map(Finding::summary).collect(Collectors.joining("; ")));
        }
        List<HasMetadata> apply = new ArrayList<>();
        if (liveRoute.isEmpty() || !GatewayObjectsDiff.matches(liveRoute.get(), plan.route())) {
            apply.add(plan.route());
        }
        plan.policy()
                .filter(p -> livePolicy.isEmpty() || !GatewayObjectsDiff.matches(livePolicy.get(), p))
                .ifPresent(apply::add);
        List<HasMetadata> delete = new ArrayList<>();
        // a policy left from when the Gateway was NGF's (or its CRD served) would only confuse
        livePolicy.filter(p -> plan.policy().isEmpty()).ifPresent(delete::add);
        cluster.ingress(namespace, name)
                .filter(i -> RouteOwnership.ownedBy(i, route))
                .ifPresent(delete::add);
        String warnings = plan.warnings().isEmpty()
                ? ""
                : "; warnings: "
                        + plan.warnings().stream().map(Finding::summary).collect(Collectors.joining("; "));
        RouteCondition ready = RouteCondition.ok(
                RouteCondition.READY,
                RouteReason.HTTP_ROUTE_READY.text(),
                "HTTPRoute %s/%s%s serves %s through Gateway %s (%s)%s"
                        .formatted(
                                namespace,
                                name,
                                plan.policy()
                                        .map(p -> " with ProxySettingsPolicy "
                                                + p.getMetadata().getName())
                                        .orElse(""),
                                url,
                                gatewayKey,
                                controllerName,
                                warnings));
        return new RouteAssessment(
                ready,
                Optional.of(enforced(plan, controllerName)),
                Optional.empty(),
                url,
                null,
                controllerName,
                null,
                address(gateway.get()),
                notes,
                new RouteAssessment.GatewaySide(gatewayKey, name, apply),
                delete);
    }

    private static RouteCondition enforced(RouteGatewayPlanner.Plan plan, String controllerName) {
        if (plan.idleTimeoutNotSet().isPresent()) {
            List<String> all = new ArrayList<>();
            all.add(plan.idleTimeoutNotSet().get());
            all.addAll(plan.notEnforced());
            return RouteCondition.failed(
                    RouteCondition.ENFORCED, RouteReason.IDLE_TIMEOUT_NOT_SET.text(), String.join("; ", all));
        }
        return plan.notEnforced().isEmpty()
                ? RouteCondition.ok(
                        RouteCondition.ENFORCED,
                        RouteReason.ALL_SETTINGS_ENFORCED.text(),
                        "every declared setting is enforced by " + controllerName)
                : RouteCondition.failed(
                        RouteCondition.ENFORCED,
                        RouteReason.SETTINGS_NOT_ENFORCED.text(),
                        String.join("; ", plan.notEnforced()));
    }

    private Optional<ProxySettingsPolicy> policy(String namespace, String name) {
        return gatewayApi.proxySettingsPolicies(namespace).stream()
                .filter(p -> name.equals(p.getMetadata().getName()))
                .findFirst();
    }

    /**
     * Another HTTPRoute on the same Gateway matching one of the route's host+path pairs: Gateway API gives the
     * match to the older route, so the route refuses to race, as it does for Ingresses.
     */
    private Optional<String> conflict(WebSocketRoute route, String gatewayNamespace, String gatewayName) {
        WebSocketRouteSpec spec = route.getSpec();
        for (HTTPRoute other : gatewayApi.httpRoutes()) {
            if (RouteOwnership.ownedBy(other, route)
                    || other.getSpec() == null
                    || other.getSpec().getHostnames() == null
                    || !other.getSpec().getHostnames().contains(spec.host())
                    || HttpRouteRules.parentGateways(other).stream()
                            .noneMatch(p -> p.namespace().equals(gatewayNamespace)
                                    && p.name().equals(gatewayName))) {
                continue;
            }
            for (RoutePath path : spec.pathsOrEmpty()) {
                if (servesPath(other, path.path())) {
                    return Optional.of(("%s%s is already served by HTTPRoute %s/%s on Gateway %s/%s; wsroute does "
                                    + "not take it over: remove the path from that HTTPRoute or change the route")
                            .formatted(
                                    spec.host(),
                                    path.path(),
                                    other.getMetadata().getNamespace(),
                                    other.getMetadata().getName(),
                                    gatewayNamespace,
                                    gatewayName));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a rule of the other route matches this path value (of either type: an Exact match of the same value
     * takes precedence over a prefix, and a tie goes to the older route). A rule without matches, or a match without
     * a path, matches the prefix {@code /}, as the HTTPRoute CRD's defaults say.
     */
    private static boolean servesPath(HTTPRoute other, String path) {
        List<HTTPRouteRule> rules =
                other.getSpec().getRules() == null ? List.of() : other.getSpec().getRules();
        return rules.stream()
                .flatMap(r -> r.getMatches() == null || r.getMatches().isEmpty()
                        ? Stream.of(DEFAULT_PATH)
                        : r.getMatches().stream()
                                .map(m -> m.getPath() == null || m.getPath().getValue() == null
                                        ? DEFAULT_PATH
                                        : m.getPath().getValue()))
                .anyMatch(path::equals);
    }

    private static String address(Gateway gateway) {
        if (gateway.getStatus() == null || gateway.getStatus().getAddresses() == null) {
            return null;
        }
        return gateway.getStatus().getAddresses().stream()
                .map(a -> a.getValue())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
