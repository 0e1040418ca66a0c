package io.wsroute.route;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.GatewayApiView;
import io.wsroute.gateway.GatewayRoutePlanner;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.IngressClassResolution;
import io.wsroute.nginx.IngressClasses;
import io.wsroute.review.Backends;
import io.wsroute.route.api.RouteOwnership;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import io.wsroute.rules.Finding;
import io.wsroute.rules.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides a route's outcome from a fixed view of the cluster: its IngressClass and controller (or its Gateway:
 * {@link GatewayAssessing}), its Services and ports, whether its Ingress name and host+paths are free, the Ingress
 * it should have, what it owns of the other kind and must delete, and the conditions that follow. Pure: it reads the view and writes nothing; {@link RouteReconciler} applies what it decides.
 */
public final class RouteAssessor {

    /** The live profile of a controller; a note is added when defaults had to be assumed. */
    @FunctionalInterface
    public interface Profiles {
        ControllerProfile profile(ControllerFlavor flavor, List<String> notes);
    }

    private final ClusterView cluster;
    private final GatewayApiView gatewayApi;
    private final GatewayAssessing gateways;
    private final Profiles profiles;
    private final RuleSettings settings;
    private final String fieldManager;
    private final RouteIngressPlanner planner = new RouteIngressPlanner();

    /** @param fieldManager the field manager of wsroute's Ingress writes, whose fields decide whether to re-apply */
    public RouteAssessor(
            ClusterView cluster,
            GatewayApiView gatewayApi,
            Profiles profiles,
            RuleSettings settings,
            String fieldManager) {
        this.cluster = cluster;
        this.gatewayApi = gatewayApi;
        this.gateways = new GatewayAssessing(cluster, gatewayApi, settings);
        this.profiles = profiles;
        this.settings = settings;
        this.fieldManager = fieldManager;
    }

    public RouteAssessment assess(WebSocketRoute route) {
        return new Assessing(route).run();
    }

    /** One assessment: the status facts found so far go into whatever outcome ends it. */
    private final class Assessing {
        private final WebSocketRoute route;
        private final String namespace;
        private final String name;
        private final List<String> notes = new ArrayList<>();
        private String url;
        private String className;
        private String controller;

        Assessing(WebSocketRoute route) {
            this.route = route;
            this.namespace = route.getMetadata().getNamespace();
            this.name = route.getMetadata().getName();
        }

        private RouteAssessment notReady(RouteReason reason, String message) {
            return new RouteAssessment(
                    RouteCondition.failed(RouteCondition.READY, reason.text(), message),
                    Optional.empty(),
                    Optional.empty(),
                    url,
                    className,
                    controller,
                    null,
                    null,
                    notes);
        }

        RouteAssessment run() {
            List<String> problems = RouteSpecCheck.problems(route.getSpec());
            if (!problems.isEmpty()) {
                return notReady(RouteReason.INVALID_SPEC, String.join("; ", problems));
            }
            WebSocketRouteSpec spec = route.getSpec();
            url = RouteIngressPlanner.url(spec);
            if (spec.gatewayRef() != null) {
                Backends backends = backends(spec);
                return missingBackend(spec, backends)
                        .orElseGet(() -> gateways.assess(route, backends.services(), url, notes, this::notReady));
            }
            IngressClassResolution resolution = IngressClasses.resolve(
                    new IngressBuilder()
                            .withNewSpec()
                            .withIngressClassName(spec.ingressClassName())
                            .endSpec()
                            .build(),
                    cluster.ingressClasses(),
                    Optional.empty());
            if (resolution.className().isEmpty()) {
                return notReady(
                        RouteReason.NO_INGRESS_CLASS,
                        "spec.ingressClassName is not set and the cluster has no "
                                + "default IngressClass: set spec.ingressClassName");
            }
            if (resolution.assumed() || resolution.flavor().isEmpty()) {
                RouteReason reason = resolution.flavor().isEmpty()
                                && classExists(resolution.className().get())
                        ? RouteReason.NOT_NGINX_CLASS
                        : RouteReason.INGRESS_CLASS_NOT_FOUND;
                return notReady(
                        reason,
                        resolution.note() + "; wsroute serves ingress-nginx and the F5 NGINX Ingress Controller");
            }
            className = resolution.className().get();
            ControllerFlavor flavor = resolution.flavor().get();
            controller = flavor.cliName();
            return withClass(spec, flavor);
        }

        private Backends backends(WebSocketRouteSpec spec) {
            return Backends.lookup(
                    cluster,
                    namespace,
                    spec.pathsOrEmpty().stream().map(p -> p.service().name()).toList());
        }

        /** The first path whose Service or port is missing, as a not-ready outcome. */
        private Optional<RouteAssessment> missingBackend(WebSocketRouteSpec spec, Backends backends) {
            for (RoutePath path : spec.pathsOrEmpty()) {
                Service service = backends.services().get(path.service().name());
                if (service == null) {
                    return Optional.of(notReady(
                            RouteReason.SERVICE_NOT_FOUND,
                            "Service %s not found in namespace %s (spec.paths %s)"
                                    .formatted(path.service().name(), namespace, path.path())));
                }
                if (!hasPort(service, path.service().port())) {
                    return Optional.of(notReady(
                            RouteReason.PORT_NOT_FOUND,
                            "Service %s/%s has no port %s (spec.paths %s)"
                                    .formatted(
                                            namespace,
                                            path.service().name(),
                                            path.service().port().describe(),
                                            path.path())));
                }
            }
            return Optional.empty();
        }

        private RouteAssessment withClass(WebSocketRouteSpec spec, ControllerFlavor flavor) {
            Backends backends = backends(spec);
            Optional<RouteAssessment> missing = missingBackend(spec, backends);
            if (missing.isPresent()) {
                return missing.get();
            }
            Optional<Ingress> live = cluster.ingress(namespace, name);
            if (live.isPresent() && !RouteOwnership.ownedBy(live.get(), route)) {
                return notReady(
                        RouteReason.INGRESS_NAME_TAKEN,
                        ("Ingress %s/%s exists and is not owned by this route; "
                                        + "wsroute never takes over an Ingress: rename the route or remove that Ingress")
                                .formatted(namespace, name));
            }
            Optional<String> conflict = conflict(spec);
            if (conflict.isPresent()) {
                return notReady(RouteReason.CONFLICT, conflict.get());
            }
            ControllerProfile profile = profiles.profile(flavor, notes);
            RoutePlan plan = planner.plan(
                    route, new RouteTarget(className, profile, backends.services(), backends.replicas(), settings));
            if (!plan.errors().isEmpty()) {
                return notReady(
                        RouteReason.RULE_VIOLATION,
                        plan.errors().stream().map(Finding::summary).collect(Collectors.joining("; ")));
            }
            return ready(flavor, plan, live);
        }

        private RouteAssessment ready(ControllerFlavor flavor, RoutePlan plan, Optional<Ingress> live) {
            boolean current = live.isPresent() && RouteIngressDiff.matches(live.get(), plan.ingress(), fieldManager);
            RouteCondition enforced = plan.notEnforced().isEmpty()
                    ? RouteCondition.ok(
                            RouteCondition.ENFORCED,
                            RouteReason.ALL_SETTINGS_ENFORCED.text(),
                            "every declared setting is enforced by " + flavor.cliName())
                    : RouteCondition.failed(
                            RouteCondition.ENFORCED,
                            RouteReason.SETTINGS_NOT_ENFORCED.text(),
                            String.join("; ", plan.notEnforced()));
            String warnings = (plan.warnings().isEmpty()
                            ? ""
                            : "; warnings: "
                                    + plan.warnings().stream()
                                            .map(Finding::summary)
                                            .collect(Collectors.joining("; ")))
                    + (plan.accepted().isEmpty()
                            ? ""
                            : "; accepted: "
                                    + plan.accepted().stream()
                                            .map(Finding::rule)
                                            .distinct()
                                            .collect(Collectors.joining(",")));
            RouteCondition ready = RouteCondition.ok(
                    RouteCondition.READY,
                    RouteReason.INGRESS_READY.text(),
                    "Ingress %s/%s serves %s through %s (IngressClass %s)%s"
                            .formatted(namespace, name, plan.url(), flavor.cliName(), className, warnings));
            return new RouteAssessment(
                            ready,
                            Optional.of(enforced),
                            current ? Optional.empty() : Optional.of(plan.ingress()),
                            url,
                            className,
                            controller,
                            name,
                            live.map(RouteAssessor::address).orElse(null),
                            notes)
                    .deleting(ownedGatewayObjects());
        }

        /** The HTTPRoute and policy this route made while it named a Gateway: they go once the Ingress is in place. */
        private List<HasMetadata> ownedGatewayObjects() {
            List<HasMetadata> owned = new ArrayList<>();
            gatewayApi
                    .httpRoute(namespace, name)
                    .filter(r -> RouteOwnership.ownedBy(r, route))
                    .ifPresent(owned::add);
            String policyName = name + GatewayRoutePlanner.POLICY_SUFFIX;
            gatewayApi.proxySettingsPolicies(namespace).stream()
                    .filter(p -> policyName.equals(p.getMetadata().getName()) && RouteOwnership.ownedBy(p, route))
                    .forEach(owned::add);
            return owned;
        }

        private boolean classExists(String name) {
            return cluster.ingressClasses().stream()
                    .anyMatch(c -> name.equals(c.getMetadata().getName()));
        }

        /**
         * Another Ingress of the same class already serving one of the route's host+path pairs: the controller
         * would merge them, and which backend wins is up to it, so the route refuses to race.
         */
        private Optional<String> conflict(WebSocketRouteSpec spec) {
            for (Ingress other : cluster.ingressesWithHost(spec.host())) {
                if (RouteOwnership.ownedBy(other, route)
                        || other.getSpec() == null
                        || other.getSpec().getRules() == null) {
                    continue;
                }
                Optional<String> otherClass = IngressClasses.resolve(other, cluster.ingressClasses(), Optional.empty())
                        .className();
                if (!otherClass.equals(Optional.of(className))) {
                    continue;
                }
                for (RoutePath path : spec.pathsOrEmpty()) {
                    boolean taken = other.getSpec().getRules().stream()
                            .filter(r -> spec.host().equals(r.getHost()))
                            .filter(r -> r.getHttp() != null && r.getHttp().getPaths() != null)
                            .flatMap(r -> r.getHttp().getPaths().stream())
                            .anyMatch(p -> path.path().equals(p.getPath()));
                    if (taken) {
                        return Optional.of("%s%s is already served by Ingress %s/%s; wsroute does not take it over: "
                                        .formatted(
                                                spec.host(),
                                                path.path(),
                                                other.getMetadata().getNamespace(),
                                                other.getMetadata().getName())
                                + "remove the path from that Ingress or change the route");
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static boolean hasPort(Service service, RouteService.Port port) {
        List<ServicePort> ports = service.getSpec() == null || service.getSpec().getPorts() == null
                ? List.of()
                : service.getSpec().getPorts();
        return ports.stream()
                .anyMatch(p -> port.number() != null
                        ? port.number().equals(p.getPort())
                        : port.name().equals(p.getName()));
    }

    private static String address(Ingress ingress) {
        if (ingress.getStatus() == null
                || ingress.getStatus().getLoadBalancer() == null
                || ingress.getStatus().getLoadBalancer().getIngress() == null) {
            return null;
        }
        return ingress.getStatus().getLoadBalancer().getIngress().stream()
                .map(lb -> lb.getIp() != null ? lb.getIp() : lb.getHostname())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
