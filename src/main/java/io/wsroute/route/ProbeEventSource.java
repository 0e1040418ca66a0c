package io.wsroute.route;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.wsroute.probe.ProbeResult;
import io.wsroute.route.api.WebSocketRoute;
import java.util.Set;

/**
 * A finished handshake probe reconciles its route, so the verdict reaches status without the reconciler ever
 * waiting for a probe; a deleted route's verdict is forgotten.
 */
final class ProbeEventSource extends AbstractEventSource<ProbeResult, WebSocketRoute>
        implements ResourceEventAware<WebSocketRoute> {

    private final RouteProbes probes;

    ProbeEventSource(RouteProbes probes) {
        super(ProbeResult.class, "handshake-probes");
        this.probes = probes;
        probes.onResult(this::finished);
    }

    private void finished(ResourceID id) {
        if (isRunning()) {
            getEventHandler().handleEvent(new Event(id));
        }
    }

    @Override
    public Set<ProbeResult> getSecondaryResources(WebSocketRoute primary) {
        // Verdicts are read through RouteProbes; this source only triggers reconciles.
        return Set.of();
    }

    @Override
    public void onResourceDeleted(WebSocketRoute route) {
        probes.forget(ResourceID.fromResource(route));
    }
}
