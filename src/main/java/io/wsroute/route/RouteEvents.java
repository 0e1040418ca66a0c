package io.wsroute.route;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wsroute.route.api.WebSocketRoute;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on WebSocketRoutes, for state changes only (the reconciler calls this when the Ready
 * condition changes), so {@code kubectl describe wsr} tells the story without one Event per resync.
 */
@ApplicationScoped
public class RouteEvents {

    private static final Logger LOG = Logger.getLogger(RouteEvents.class);
    private static final String COMPONENT = "wsroute";

    private final KubernetesClient client;

    public RouteEvents(KubernetesClient client) {
        this.client = client;
    }

    public void record(WebSocketRoute route, RouteCondition condition) {
        String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC));
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(route.getMetadata().getName() + "."
                        + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
                .withNamespace(route.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(route.getApiVersion())
                .withKind(route.getKind())
                .withName(route.getMetadata().getName())
                .withNamespace(route.getMetadata().getNamespace())
                .withUid(route.getMetadata().getUid())
                .withResourceVersion(route.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(condition.isTrue() ? "Normal" : "Warning")
                .withReason(condition.reason())
                .withMessage(condition.message())
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource()
                .withComponent(COMPONENT)
                .endSource()
                .build();
        try {
            client.v1()
                    .events()
                    .inNamespace(route.getMetadata().getNamespace())
                    .resource(event)
                    .create();
        } catch (KubernetesClientException e) {
            // An Event is a courtesy: failing to write one must not fail the reconcile.
            LOG.warnf(
                    "cannot record event %s on WebSocketRoute %s/%s: %s",
                    condition.reason(),
                    route.getMetadata().getNamespace(),
                    route.getMetadata().getName(),
                    e.getMessage());
        }
    }
}
