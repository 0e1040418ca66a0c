package io.wsroute.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.GatewayApiSource;
import io.wsroute.cluster.GatewayApiView;
import io.wsroute.cluster.LiveControllers;
import io.wsroute.config.AdmissionMode;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.gateway.HttpRouteRules;
import io.wsroute.gateway.RouteReview;
import io.wsroute.gateway.RouteReviews;
import io.wsroute.operator.Leadership;
import io.wsroute.review.ReviewContextFactory;
import io.wsroute.rules.WebSocketRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the audit ({@link WebSocketAuditor}) on the leader: one thread, woken every wsroute.audit.debounce to evaluate
 * what changed meanwhile (so bursts coalesce), a forced pass every wsroute.audit.interval, nothing before the caches
 * are synced. Independent of the operator SDK's controllers, but gated by the same Lease ({@link Leadership}).
 */
@ApplicationScoped
public class AuditService {

    private static final Logger LOG = Logger.getLogger(AuditService.class);

    private final ClusterView cluster;
    private final GatewayApiView gatewayApi;
    private final LiveControllers controllers;
    private final ReviewContextFactory contexts;
    private final KubernetesClient client;
    private final Leadership leadership;
    private final WsrouteConfig.Audit config;
    private final WebSocketAuditor auditor;
    private final WebSocketRules rules = new WebSocketRules();
    private final HttpRouteRules routeRules = new HttpRouteRules();
    private ScheduledExecutorService executor;
    private boolean seeded;
    private long nextFullPass;

    public AuditService(
            ClusterView cluster,
            GatewayApiView gatewayApi,
            LiveControllers controllers,
            ReviewContextFactory contexts,
            KubernetesClient client,
            Leadership leadership,
            WsrouteConfig config,
            AuditPublisher publisher) {
        this.cluster = cluster;
        this.gatewayApi = gatewayApi;
        this.controllers = controllers;
        this.contexts = contexts;
        this.client = client;
        this.leadership = leadership;
        this.config = config.audit();
        this.auditor =
                new WebSocketAuditor(cluster, gatewayApi, this::evaluate, publisher, this.config.maxReportResults());
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("audit off (wsroute.audit.enabled=false)");
            return;
        }
        cluster.addListener(auditor::changed);
        gatewayApi.addListener(auditor::changed);
        leadership.whenLeading(this::begin);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private synchronized void begin() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "wsroute-audit");
            thread.setDaemon(true);
            return thread;
        });
        // The first step evaluates everything anyway (nothing is known yet); the forced pass comes an interval later.
        nextFullPass = System.nanoTime() + config.interval().toNanos();
        long period = Math.max(100, config.debounce().toMillis());
        executor.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        LOG.infof("audit on: changes every %s, every Ingress again every %s", config.debounce(), config.interval());
    }

    private void tick() {
        try {
            if (!leadership.isLeader() || !cluster.synced()) {
                return;
            }
            if (!seeded) {
                seed();
            }
            long now = System.nanoTime();
            boolean full = now - nextFullPass >= 0;
            if (!full && !auditor.hasWork()) {
                return;
            }
            if (full) {
                nextFullPass = now + config.interval().toNanos();
            }
            long start = System.nanoTime();
            int evaluated = auditor.step(full);
            if (evaluated > 0) {
                LOG.infof(
                        "audit %s: %d of %d Ingresses and HTTPRoutes evaluated in %d ms",
                        full ? "pass" : "step",
                        evaluated,
                        cluster.ingresses().size() + gatewayApi.httpRoutes().size(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // The scheduler drops a task that throws: log, and go on with the next tick.
            LOG.errorf(e, "audit step failed");
        }
    }

    /** Reads the reports once per leadership (the only list from the API server the audit makes). */
    private void seed() {
        try {
            auditor.seed(client.resources(WebSocketAuditReport.class)
                    .inAnyNamespace()
                    .list()
                    .getItems());
        } catch (KubernetesClientException e) {
            LOG.warnf(
                    "audit: cannot read existing reports (%s); Ingresses already reported may get their Event again",
                    e.getMessage());
        }
        seeded = true;
    }

    private Optional<WebSocketAuditor.Evaluated> evaluate(HasMetadata object) {
        if (object instanceof HTTPRoute route) {
            return evaluate(route);
        }
        Ingress ingress = (Ingress) object;
        return contexts.contextFor(ingress, ingress.getMetadata().getNamespace())
                .review()
                .map(rules::evaluateWithDetection)
                .map(e -> new WebSocketAuditor.Evaluated(e.findings(), e.accepted()));
    }

    /**
     * As the HTTPRoute webhook judges it, from the same caches (the rules say what applies to Gateways served by
     * other implementations); audited unless the namespace's mode is off.
     */
    private Optional<WebSocketAuditor.Evaluated> evaluate(HTTPRoute route) {
        if (contexts.modeFor(route.getMetadata().getNamespace(), new ArrayList<>()) == AdmissionMode.OFF) {
            return Optional.empty();
        }
        RouteReview review = RouteReviews.assemble(
                        route, GatewayApiSource.of(cluster, gatewayApi, Optional.empty()), controllers.ruleSettings())
                .review();
        return Optional.of(
                new WebSocketAuditor.Evaluated(routeRules.evaluate(review).findings(), List.of()));
    }
}
