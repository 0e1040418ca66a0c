package io.wsroute.admission;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.GatewayApiView;
import io.wsroute.cluster.LiveControllers;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.gateway.RouteReviews;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
        return new RouteReviews.Source() {
            @Override
            public Optional<Gateway> gateway(String namespace, String name) {
                return gatewayApi.gateway(namespace, name);
            }

            @Override
            public Optional<GatewayClass> gatewayClass(String name) {
                return gatewayApi.gatewayClass(name);
            }

            @Override
            public List<ProxySettingsPolicy> proxySettingsPolicies(String namespace) {
                List<ProxySettingsPolicy> stored = gatewayApi.proxySettingsPolicies(namespace);
                return written.filter(w -> namespace.equals(w.getMetadata().getNamespace()))
                        .map(w -> Stream.concat(
                                        stored.stream()
                                                .filter(p -> !w.getMetadata()
                                                        .getName()
                                                        .equals(p.getMetadata().getName())),
                                        Stream.of(w))
                                .toList())
                        .orElse(stored);
            }

            @Override
            public List<BackendTLSPolicy> backendTlsPolicies(String namespace) {
                return gatewayApi.backendTlsPolicies(namespace);
            }

            @Override
            public Optional<Service> service(String namespace, String name) {
                return cluster.service(namespace, name);
            }
        };
    }
}
