package io.wsroute.health;

import io.smallrye.health.api.HealthGroup;
import io.wsroute.cluster.ClusterView;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the cluster caches have listed everything once: before that, the webhooks would judge on assumed
 * defaults (with a warning), so the Service should send requests to a replica that already knows the cluster.
 * Readiness only: a slow or unreachable API server makes a replica unready, never restarts it (liveness has no
 * check that talks to the API server).
 */
@Readiness
@HealthGroup("wsroute")
@ApplicationScoped
public class ClusterCachesReadiness implements HealthCheck {

    private final ClusterView cluster;

    public ClusterCachesReadiness(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("wsroute cluster caches")
                .status(cluster.synced())
                .build();
    }
}
