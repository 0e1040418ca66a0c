package io.wsroute.route;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.probe.HandshakeProbe;
import io.wsroute.probe.ProbeMetrics;
import io.wsroute.probe.ProbeMode;
import io.wsroute.probe.ProbeResult;
import io.wsroute.probe.ProbeScheduler;
import io.wsroute.probe.ProbeTargeting;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Live handshake checks of ready routes: the {@code HandshakeVerified} condition. Probes run on
 * {@link ProbeScheduler}'s bounded pool, never on the reconciler's thread: a reconcile reads the latest verdict
 * (or schedules one and says so), and a finished probe triggers a reconcile of its route through
 * {@link ProbeEventSource}. Where the probe connects is {@code wsroute.probe.mode}: the controller's Service, the
 * Ingress's load-balancer address, a fixed address, or off.
 */
@Singleton
public class RouteProbes {

    public static final String HANDSHAKE_VERIFIED = RouteCondition.HANDSHAKE_VERIFIED;

    private final WsrouteConfig config;
    private final ProbeTargeting targeting;
    private final ProbeScheduler scheduler;
    private volatile Consumer<ResourceID> listener = id -> {};

    public RouteProbes(WsrouteConfig config) {
        this(config, new ProbeMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    @jakarta.inject.Inject
    public RouteProbes(WsrouteConfig config, ProbeMetrics metrics) {
        this.config = config;
        WsrouteConfig.Probe probe = config.probe();
        this.targeting = new ProbeTargeting(
                probe.mode(), probe.address(), probe.httpPort(), probe.httpsPort(), probe.timeout(), probe.insecure());
        this.scheduler = new ProbeScheduler(
                new ProbeScheduler.Settings(probe.concurrency(), probe.queueLimit(), probe.interval()),
                new HandshakeProbe()::probe,
                this::finished,
                Clock.systemUTC(),
                metrics::record);
    }

    public boolean enabled() {
        return config.probe().mode() != ProbeMode.OFF;
    }

    /** How often a ready route is probed again (the reconciler reschedules itself by it). */
    public Duration interval() {
        return config.probe().interval();
    }

    /** Called with the route of every finished probe. */
    void onResult(Consumer<ResourceID> listener) {
        this.listener = listener;
    }

    /**
     * Sets HandshakeVerified on a ready route's status from the latest probe: True on 101, False with the HTTP status
     * and diagnosis otherwise, Unknown while the first probe runs or when no address is known yet.
     */
    void apply(WebSocketRoute route, WebSocketRouteStatus status, ControllerFlavor flavor) {
        Long generation = route.getMetadata().getGeneration();
        if (!enabled() || status.getUrl() == null) {
            RouteCondition.remove(status, HANDSHAKE_VERIFIED);
            return;
        }
        URI url;
        try {
            url = new URI(status.getUrl());
        } catch (URISyntaxException e) {
            set(
                    status,
                    RouteCondition.Value.UNKNOWN,
                    RouteReason.NO_PROBE_ADDRESS.text(),
                    "cannot probe " + status.getUrl() + ": " + e.getReason(),
                    generation);
            return;
        }
        ProbeTargeting.Target target =
                targeting.target(url, controllerService(flavor), Optional.ofNullable(status.getAddress()));
        if (target.request().isEmpty()) {
            set(
                    status,
                    RouteCondition.Value.UNKNOWN,
                    RouteReason.NO_PROBE_ADDRESS.text(),
                    target.unavailable(),
                    generation);
            return;
        }
        // the UID as owner: a route recreated under the same name starts without its predecessor's verdict
        Optional<ProbeScheduler.Verdict> verdict = scheduler.poll(
                key(route),
                Objects.toString(route.getMetadata().getUid(), ""),
                target.request().get());
        if (verdict.isEmpty()) {
            set(
                    status,
                    RouteCondition.Value.UNKNOWN,
                    RouteReason.PROBING.text(),
                    "handshake probe of %s through %s under way"
                            .formatted(status.getUrl(), target.request().get().url()),
                    generation);
            return;
        }
        ProbeResult result = verdict.get().result();
        // Stable text (no timings): an unchanged answer must not rewrite the status on every probe.
        String message = "%s (probed %s with Host %s)"
                .formatted(
                        result.diagnosis(),
                        verdict.get().request().url(),
                        verdict.get().request().hostHeader());
        set(
                status,
                result.upgraded() ? RouteCondition.Value.TRUE : RouteCondition.Value.FALSE,
                result.outcome().reason(),
                message,
                generation);
    }

    /** Forgets a deleted route's verdict. */
    void forget(ResourceID id) {
        scheduler.forget(id.getNamespace().orElse("") + "/" + id.getName());
    }

    /** Null for a route on a Gateway: no Ingress controller Service serves it. */
    private String controllerService(ControllerFlavor flavor) {
        if (flavor == null) {
            return null;
        }
        return config.controllers().of(flavor).service();
    }

    private static String key(WebSocketRoute route) {
        return route.getMetadata().getNamespace() + "/" + route.getMetadata().getName();
    }

    private void finished(String key) {
        int slash = key.indexOf('/');
        listener.accept(new ResourceID(key.substring(slash + 1), key.substring(0, slash)));
    }

    private static void set(
            WebSocketRouteStatus status, RouteCondition.Value value, String reason, String message, Long generation) {
        new RouteCondition(HANDSHAKE_VERIFIED, value, reason, message).applyTo(status, generation);
    }

    @PreDestroy
    void close() {
        scheduler.close();
    }
}
