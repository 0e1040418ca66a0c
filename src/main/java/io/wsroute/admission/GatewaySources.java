package io.wsroute.admission;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.GatewayApiSource;
import io.wsroute.cluster.GatewayApiView;
import io.wsroute.cluster.LiveControllers;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.gateway.RouteReviews;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Builds HTTPRoute reviews from the cluster caches, for the HTTPRoute and ProxySettingsPolicy webhooks. */
@ApplicationScoped
public class GatewaySources {

    private final ClusterView cluster;
    private final GatewayApiView gatewayApi;
    private final LiveControllers controllers;

    public GatewaySources(ClusterView cluster, GatewayApiView gatewayApi, LiveControllers controllers) {
        this.cluster = cluster;
        this.gatewayApi = gatewayApi;
        this.controllers = controllers;
    }

    GatewayApiView gatewayApi() {
        return gatewayApi;
    }

    /**
     * The review of {@code route}; {@code written}, when present, is a policy being written, seen in place of its
     * stored version.
     */
    RouteReviews.Assembled assemble(HTTPRoute route, Optional<ProxySettingsPolicy> written) {
        RouteReviews.Assembled assembled = RouteReviews.assemble(route, source(written), controllers.ruleSettings());
        if (!gatewayApi.synced()) {
            assembled
                    .notes()
                    .add(
                            0,
                            "wsroute: Gateway API caches not loaded (CRDs absent or API server"
                                    + " unreachable); defaults assumed for whatever is missing");
        }
        return assembled;
    }

    private RouteReviews.Source source(Optional<ProxySettingsPolicy> written) {
        return GatewayApiSource.of(cluster, gatewayApi, written);
    }
}
