package io.wsroute.cluster;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.gateway.RouteReviews;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The HTTPRoute rules' view of the cluster caches. A policy about to be written (a webhook's request, the
 * reconciler's plan) is seen in place of the stored one of the same name, so the rules judge the world after the
 * write.
 */
public final class GatewayApiSource {

    private GatewayApiSource() {}

    public static RouteReviews.Source of(
            ClusterView cluster, GatewayApiView gatewayApi, Optional<ProxySettingsPolicy> written) {
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
