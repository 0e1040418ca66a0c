package io.wsroute.route;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import io.wsroute.cluster.CachePruning;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.GatewayApiView;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.review.ReviewContextFactory;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps one owned Ingress per WebSocketRoute as the route declares it (or, for a route with a gatewayRef, an owned
 * HTTPRoute and ProxySettingsPolicy). Reads come from the shared cluster caches
 * ({@link ClusterView}); the only writes are a server-side apply of the Ingress when it differs from the plan,
 * the route's status when it changes, and an Event when readiness changes (not for a new route that is Ready at
 * once). Never touches an Ingress it does not
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
    private final GatewayApiView gatewayApi;
    private final RouteEvents events;
    private final RouteMetrics metrics;
    private final RouteAssessor assessor;

    private final RouteProbes probes;
    private final OwnWrites ownWrites = new OwnWrites();
    private volatile ClusterChangeEventSource clusterChanges;

    public RouteReconciler(
            ClusterView cluster,
            GatewayApiView gatewayApi,
            ReviewContextFactory contexts,
            RouteEvents events,
            RouteProbes probes,
            RouteMetrics metrics) {
        this.metrics = metrics;
        this.cluster = cluster;
        this.gatewayApi = gatewayApi;
        this.events = events;
        this.probes = probes;
        this.assessor =
                new RouteAssessor(cluster, gatewayApi, contexts::profile, contexts.ruleSettings(), FIELD_MANAGER);
    }

    @Override
    public List<EventSource<?, WebSocketRoute>> prepareEventSources(EventSourceContext<WebSocketRoute> context) {
        context.getPrimaryCache()
                .addIndexers(Map.of(
                        ClusterChangeEventSource.BY_SERVICE,
                        ClusterChangeEventSource::serviceKeys,
                        ClusterChangeEventSource.BY_HOST,
                        ClusterChangeEventSource::hostKeys));
        clusterChanges = new ClusterChangeEventSource(cluster, gatewayApi, context.getPrimaryCache(), ownWrites);
        return List.of(clusterChanges, new ProbeEventSource(probes));
    }

    @Override
    public UpdateControl<WebSocketRoute> reconcile(WebSocketRoute route, Context<WebSocketRoute> context) {
        if (!cluster.synced() || !gatewayApiSettled(route)) {
            // Judging a route on half-filled caches would report Services and IngressClasses as missing.
            return UpdateControl.<WebSocketRoute>noUpdate().rescheduleAfter(CACHE_WAIT);
        }
        long start = System.nanoTime();
        WebSocketRouteStatus before = route.getStatus() == null ? new WebSocketRouteStatus() : route.getStatus();
        RouteAssessment assessment = assessor.assess(route);
        assessment.apply().ifPresent(ingress -> apply(context, route, ingress));
        assessment.gateway().apply().forEach(object -> apply(context, route, object));
        // only after the new objects are written: a switch never leaves the route with neither
        assessment.delete().forEach(object -> delete(context, route, object));
        Long generation = route.getMetadata().getGeneration();
        WebSocketRouteStatus status = assessment.status(before, generation);
        RouteCondition ready = assessment.ready();
        if (ready.isTrue()) {
            // reads the latest probe verdict and schedules the next one; never waits for a probe
            probes.apply(
                    route,
                    status,
                    ControllerFlavor.fromCliName(status.getController()).orElse(null));
        }
        assessment
                .notes()
                .forEach(note -> LOG.debugf(
                        "WebSocketRoute %s/%s: %s",
                        route.getMetadata().getNamespace(), route.getMetadata().getName(), note));
        long took = System.nanoTime() - start;
        boolean readinessChanged = RouteTransitions.readinessChanged(before, ready);
        // INFO when readiness changes, as the Event; every route is reconciled again at each probe interval and
        // resync, which at thousands of routes would be a steady stream of identical lines
        LOG.logf(
                readinessChanged ? Logger.Level.INFO : Logger.Level.DEBUG,
                "reconcile WebSocketRoute %s/%s: Ready=%s %s in %d ms",
                route.getMetadata().getNamespace(),
                route.getMetadata().getName(),
                ready.isTrue(),
                ready.reason(),
                took / 1_000_000);
        metrics.reconciled(ready, took);
        if (!before.equals(status)) {
            // Written here rather than through UpdateControl, so the Event below follows a status that was stored:
            // a failed write throws, the reconcile is retried, and the Event is recorded once, after it succeeds.
            try {
                writeStatus(context, route, status);
            } catch (KubernetesClientException e) {
                if (!RouteStatusWrite.staleRoute(e)) {
                    throw e;
                }
                LOG.debugf(
                        "WebSocketRoute %s/%s changed while it was reconciled; its newer version is reconciled next",
                        route.getMetadata().getNamespace(), route.getMetadata().getName());
                // its own event reconciles the newer route; the reschedule only guards against missing it
                return UpdateControl.<WebSocketRoute>noUpdate().rescheduleAfter(CACHE_WAIT);
            }
        }
        if (RouteTransitions.worthAnEvent(before, ready)) {
            events.record(route, ready);
        }
        // a ready route is probed again every interval, whether or not anything else changes
        UpdateControl<WebSocketRoute> none = UpdateControl.noUpdate();
        return ready.isTrue() && probes.enabled() ? none.rescheduleAfter(probes.interval()) : none;
    }

    /**
     * While the Ingress cannot be written (another admission webhook refuses it, a quota, the API server's own
     * validation), the route says so instead of keeping its last Ready=True; the SDK keeps retrying.
     */
    @Override
    public ErrorStatusUpdateControl<WebSocketRoute> updateErrorStatus(
            WebSocketRoute route, Context<WebSocketRoute> context, Exception e) {
        WebSocketRouteStatus before = route.getStatus() == null ? new WebSocketRouteStatus() : route.getStatus();
        Optional<RouteCondition> failed = RouteTransitions.applyFailure(e);
        if (failed.isEmpty()) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        WebSocketRouteStatus status = RouteTransitions.withReady(
                before, failed.get(), route.getMetadata().getGeneration());
        if (!before.equals(status)) {
            try {
                writeStatus(context, route, status);
            } catch (KubernetesClientException writeFailed) {
                // a conflict is a newer route, reconciled next anyway: not worth a warning
                LOG.logf(
                        RouteStatusWrite.staleRoute(writeFailed) ? Logger.Level.DEBUG : Logger.Level.WARN,
                        "WebSocketRoute %s/%s: cannot record the failed Ingress write in status: %s",
                        route.getMetadata().getNamespace(),
                        route.getMetadata().getName(),
                        writeFailed.getMessage());
                return ErrorStatusUpdateControl.defaultErrorProcessing();
            }
            if (RouteTransitions.worthAnEvent(before, failed.get())) {
                events.record(route, failed.get());
            }
        }
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    /**
     * A route with a gatewayRef waits for Gateway API discovery and caches; a route on an IngressClass does not (its
     * stale HTTPRoute, if any, is found when the caches fill and their events reconcile it again).
     */
    private boolean gatewayApiSettled(WebSocketRoute route) {
        if (route.getSpec() == null || route.getSpec().gatewayRef() == null) {
            return true;
        }
        return gatewayApi.discovered() && (!gatewayApi.gatewayApiServed() || gatewayApi.synced());
    }

    /** Deletes an object the route owns but no longer needs; already gone is fine. */
    private static void delete(Context<WebSocketRoute> context, WebSocketRoute route, HasMetadata object) {
        try {
            context.getClient().resource(object).delete();
            LOG.infof(
                    "WebSocketRoute %s/%s: deleted its %s %s, no longer needed",
                    route.getMetadata().getNamespace(),
                    route.getMetadata().getName(),
                    object.getKind(),
                    object.getMetadata().getName());
        } catch (KubernetesClientException e) {
            throw new IngressApplyFailed(object, e);
        }
    }

    /**
     * Server-side apply of an object the route owns (its Ingress, HTTPRoute or ProxySettingsPolicy); a refusal
     * becomes {@link IngressApplyFailed}. The stored version is remembered, so the informer's echo of this write
     * does not reconcile the route again.
     */
    private void apply(Context<WebSocketRoute> context, WebSocketRoute route, HasMetadata object) {
        String key = OwnWrites.key(object);
        ownWrites.started(key);
        HasMetadata stored;
        try {
            // force: the object is ours (controller owner reference), so a field someone edited is drift to repair.
            stored = context.getClient()
                    .resource(object)
                    .fieldManager(FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply();
        } catch (RuntimeException e) {
            releaseHeldBack(route, ownWrites.failed(key));
            if (e instanceof KubernetesClientException refused) {
                throw new IngressApplyFailed(object, refused);
            }
            throw e;
        }
        String version = stored == null ? null : stored.getMetadata().getResourceVersion();
        releaseHeldBack(route, ownWrites.finished(key, version));
    }

    private void releaseHeldBack(WebSocketRoute route, boolean release) {
        if (release && clusterChanges != null) {
            clusterChanges.reconcile(ResourceID.fromResource(route));
        }
    }

    /**
     * The whole status, one PUT of the status subresource (RouteStatusWrite), through the operator SDK so that its
     * cache holds the stored route at once and the informer's echo of this write starts no reconcile.
     */
    private static void writeStatus(
            Context<WebSocketRoute> context, WebSocketRoute route, WebSocketRouteStatus status) {
        context.resourceOperations()
                .resourcePatch(
                        RouteStatusWrite.body(route, status),
                        body -> context.getClient().resource(body).updateStatus(),
                        context.eventSourceRetriever().getControllerEventSource());
    }
}
