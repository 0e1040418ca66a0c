package io.wsroute.route;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import io.wsroute.cluster.CachePruning;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.LiveControllers;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.IngressClassResolution;
import io.wsroute.nginx.IngressClasses;
import io.wsroute.rules.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps one owned Ingress per WebSocketRoute as the route declares it. Reads come from the shared cluster caches
 * ({@link ClusterView}); the only writes are a server-side apply of the Ingress when it differs from the plan,
 * the route's status when it changes, and an Event when readiness changes. Never touches an Ingress it does not
 * own: a name or host+path taken by someone else is reported in status, not taken over.
 */
// The routes' cache drops managedFields as the Ingress caches do (CachePruning): nothing here reads them.
@ControllerConfiguration(
        name = RouteReconciler.NAME,
        informer = @Informer(itemStore = RouteReconciler.PrunedRoutes.class))
public class RouteReconciler implements Reconciler<WebSocketRoute> {

    public static final String NAME = "websocketroute";
    /** Field manager of every Ingress write, so `kubectl get ingress --show-managed-fields` names wsroute. */
    public static final String FIELD_MANAGER = CachePruning.WSROUTE_FIELD_MANAGER;

    private static final Duration CACHE_WAIT = Duration.ofSeconds(2);

    /** The routes' informer store; instantiated by the operator SDK, hence public with no arguments. */
    public static final class PrunedRoutes extends TransformingItemStore<WebSocketRoute> {
        public PrunedRoutes() {
            super(CachePruning::pruned);
        }
    }

    private static final Logger LOG = Logger.getLogger(RouteReconciler.class);

    private final ClusterView cluster;
    private final LiveControllers controllers;
    private final RouteEvents events;
    private final RouteMetrics metrics;
    private final RouteIngressPlanner planner = new RouteIngressPlanner();

    private final RouteProbes probes;

    public RouteReconciler(
            ClusterView cluster,
            LiveControllers controllers,
            RouteEvents events,
            RouteProbes probes,
            RouteMetrics metrics) {
        this.metrics = metrics;
        this.cluster = cluster;
        this.controllers = controllers;
        this.events = events;
        this.probes = probes;
    }

    @Override
    public List<EventSource<?, WebSocketRoute>> prepareEventSources(EventSourceContext<WebSocketRoute> context) {
        context.getPrimaryCache()
                .addIndexers(Map.of(
                        ClusterChangeEventSource.BY_SERVICE,
                        ClusterChangeEventSource::serviceKeys,
                        ClusterChangeEventSource.BY_HOST,
                        ClusterChangeEventSource::hostKeys));
        return List.of(new ClusterChangeEventSource(cluster, context.getPrimaryCache()), new ProbeEventSource(probes));
    }

    @Override
    public UpdateControl<WebSocketRoute> reconcile(WebSocketRoute route, Context<WebSocketRoute> context) {
        if (!cluster.synced()) {
            // Judging a route on half-filled caches would report Services and IngressClasses as missing.
            return UpdateControl.<WebSocketRoute>noUpdate().rescheduleAfter(CACHE_WAIT);
        }
        long start = System.nanoTime();
        WebSocketRouteStatus before = route.getStatus() == null ? new WebSocketRouteStatus() : route.getStatus();
        boolean wasReady = before.condition(RouteCondition.READY)
                .map(c -> "True".equals(c.getStatus()))
                .orElse(false);
        String previousReason =
                before.condition(RouteCondition.READY).map(c -> c.getReason()).orElse(null);
        WebSocketRouteStatus status = copy(before);
        Outcome outcome = decide(route, context.getClient(), status);
        Long generation = route.getMetadata().getGeneration();
        outcome.ready().applyTo(status, generation);
        outcome.enforced()
                .ifPresentOrElse(
                        c -> c.applyTo(status, generation),
                        () -> status.getConditions().removeIf(c -> RouteCondition.ENFORCED.equals(c.getType())));
        if (outcome.ready().status()) {
            // reads the latest probe verdict and schedules the next one; never waits for a probe
            probes.apply(
                    route,
                    status,
                    ControllerFlavor.fromCliName(status.getController()).orElse(null));
        } else {
            status.getConditions().removeIf(c -> RouteProbes.HANDSHAKE_VERIFIED.equals(c.getType()));
        }
        status.setObservedGeneration(generation);
        long took = System.nanoTime() - start;
        boolean readinessChanged = outcome.ready().status() != wasReady
                || !outcome.ready().reason().equals(previousReason);
        // INFO when readiness changes, as the Event; every route is reconciled again at each probe interval and
        // resync, which at thousands of routes would be a steady stream of identical lines
        LOG.logf(
                readinessChanged ? Logger.Level.INFO : Logger.Level.DEBUG,
                "reconcile WebSocketRoute %s/%s: Ready=%s %s in %d ms",
                route.getMetadata().getNamespace(),
                route.getMetadata().getName(),
                outcome.ready().status(),
                outcome.ready().reason(),
                took / 1_000_000);
        metrics.reconciled(outcome.ready(), took);
        if (readinessChanged) {
            events.record(route, outcome.ready());
        }
        // a ready route is probed again every interval, whether or not anything else changes
        Optional<Duration> reprobe =
                outcome.ready().status() && probes.enabled() ? Optional.of(probes.interval()) : Optional.empty();
        if (before.equals(status)) {
            UpdateControl<WebSocketRoute> none = UpdateControl.noUpdate();
            return reprobe.map(none::rescheduleAfter).orElse(none);
        }
        WebSocketRoute patch = new WebSocketRoute();
        patch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(route.getMetadata().getName())
                .withNamespace(route.getMetadata().getNamespace())
                .build());
        patch.setStatus(status);
        UpdateControl<WebSocketRoute> update = UpdateControl.patchStatus(patch);
        return reprobe.map(update::rescheduleAfter).orElse(update);
    }

    private record Outcome(RouteCondition ready, Optional<RouteCondition> enforced) {
        static Outcome notReady(String reason, String message) {
            return new Outcome(RouteCondition.failed(RouteCondition.READY, reason, message), Optional.empty());
        }
    }

    private Outcome decide(WebSocketRoute route, KubernetesClient client, WebSocketRouteStatus status) {
        String namespace = route.getMetadata().getNamespace();
        String name = route.getMetadata().getName();
        List<String> problems = RouteSpecCheck.problems(route.getSpec());
        if (!problems.isEmpty()) {
            return Outcome.notReady("InvalidSpec", String.join("; ", problems));
        }
        WebSocketRouteSpec spec = route.getSpec();
        status.setUrl(RouteIngressPlanner.url(spec));
        IngressClassResolution resolution = IngressClasses.resolve(
                new IngressBuilder()
                        .withNewSpec()
                        .withIngressClassName(spec.ingressClassName())
                        .endSpec()
                        .build(),
                cluster.ingressClasses(),
                Optional.empty());
        if (resolution.className().isEmpty()) {
            return Outcome.notReady(
                    "NoIngressClass",
                    "spec.ingressClassName is not set and the cluster has no "
                            + "default IngressClass: set spec.ingressClassName");
        }
        if (resolution.assumed() || resolution.flavor().isEmpty()) {
            String reason = resolution.flavor().isEmpty()
                            && cluster.ingressClasses().stream()
                                    .anyMatch(c -> resolution
                                            .className()
                                            .get()
                                            .equals(c.getMetadata().getName()))
                    ? "NotNginxClass"
                    : "IngressClassNotFound";
            return Outcome.notReady(
                    reason,
                    resolution.note() + "; wsroute serves ingress-nginx and the F5 NGINX " + "Ingress Controller");
        }
        String className = resolution.className().get();
        ControllerFlavor flavor = resolution.flavor().get();
        status.setIngressClassName(className);
        status.setController(flavor.cliName());
        Map<String, Service> services = new HashMap<>();
        for (RoutePath path : spec.pathsOrEmpty()) {
            Optional<Service> service =
                    cluster.service(namespace, path.service().name());
            if (service.isEmpty()) {
                return Outcome.notReady(
                        "ServiceNotFound",
                        "Service %s not found in namespace %s (spec.paths %s)"
                                .formatted(path.service().name(), namespace, path.path()));
            }
            if (!hasPort(service.get(), path.service().port())) {
                return Outcome.notReady(
                        "PortNotFound",
                        "Service %s/%s has no port %s (spec.paths %s)"
                                .formatted(
                                        namespace,
                                        path.service().name(),
                                        path.service().port().describe(),
                                        path.path()));
            }
            services.put(path.service().name(), service.get());
        }
        Optional<Ingress> live = cluster.ingress(namespace, name);
        if (live.isPresent() && !ownedBy(live.get(), route)) {
            return Outcome.notReady(
                    "IngressNameTaken",
                    ("Ingress %s/%s exists and is not owned by this route; "
                                    + "wsroute never takes over an Ingress: rename the route or remove that Ingress")
                            .formatted(namespace, name));
        }
        Optional<String> conflict = conflict(route, className);
        if (conflict.isPresent()) {
            return Outcome.notReady("Conflict", conflict.get());
        }
        List<String> notes = new ArrayList<>();
        ControllerProfile profile = controllers.profile(flavor, notes);
        RoutePlan plan = planner.plan(route, new RouteTarget(className, profile, services, controllers.ruleSettings()));
        if (!plan.errors().isEmpty()) {
            return Outcome.notReady(
                    "RuleViolation",
                    plan.errors().stream().map(Finding::summary).collect(Collectors.joining("; ")));
        }
        if (live.isEmpty() || !RouteIngressDiff.matches(live.get(), plan.ingress(), FIELD_MANAGER)) {
            // force: the Ingress is ours (controller owner reference), so a field someone edited is drift to repair.
            client.network()
                    .v1()
                    .ingresses()
                    .inNamespace(namespace)
                    .resource(plan.ingress())
                    .fieldManager(FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply();
        }
        status.setIngressName(name);
        status.setAddress(live.map(RouteReconciler::address).orElse(null));
        Optional<RouteCondition> enforced = Optional.of(
                plan.notEnforced().isEmpty()
                        ? RouteCondition.ok(
                                RouteCondition.ENFORCED,
                                "AllSettingsEnforced",
                                "every declared setting is enforced by " + flavor.cliName())
                        : RouteCondition.failed(
                                RouteCondition.ENFORCED, "SettingsNotEnforced", String.join("; ", plan.notEnforced())));
        notes.forEach(note -> LOG.debugf("WebSocketRoute %s/%s: %s", namespace, name, note));
        String warnings = plan.warnings().isEmpty()
                ? ""
                : "; warnings: "
                        + plan.warnings().stream().map(Finding::summary).collect(Collectors.joining("; "));
        return new Outcome(
                RouteCondition.ok(
                        RouteCondition.READY,
                        "IngressReady",
                        "Ingress %s/%s serves %s through %s (IngressClass %s)%s"
                                .formatted(namespace, name, plan.url(), flavor.cliName(), className, warnings)),
                enforced);
    }

    /**
     * Another Ingress of the same class already serving one of the route's host+path pairs: the controller would
     * merge them, and which backend wins is up to it, so the route refuses to race.
     */
    private Optional<String> conflict(WebSocketRoute route, String className) {
        WebSocketRouteSpec spec = route.getSpec();
        for (Ingress other : cluster.ingressesWithHost(spec.host())) {
            if (ownedBy(other, route)
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

    static boolean ownedBy(Ingress ingress, WebSocketRoute route) {
        List<OwnerReference> owners = ingress.getMetadata().getOwnerReferences();
        return owners != null
                && owners.stream()
                        .anyMatch(o -> Boolean.TRUE.equals(o.getController())
                                && Objects.equals(
                                        o.getUid(), route.getMetadata().getUid()));
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

    private static WebSocketRouteStatus copy(WebSocketRouteStatus source) {
        WebSocketRouteStatus copy = new WebSocketRouteStatus();
        copy.setConditions(source.getConditions());
        copy.setObservedGeneration(source.getObservedGeneration());
        return copy;
    }
}
