package io.wsroute.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.wsroute.gateway.ProxySettingsPolicy;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Gateway API objects wsroute reads, from caches. Every type is optional: a cluster without the Gateway API CRDs
 * (or without NGF's ProxySettingsPolicy, or with a Gateway API older than BackendTLSPolicy v1) simply has none, and
 * the HTTPRoute checks say what they had to assume.
 */
public interface GatewayApiView {

    /** True when the cluster serves HTTPRoute, Gateway and GatewayClass ({@code gateway.networking.k8s.io/v1}). */
    boolean gatewayApiServed();

    /** True when the cluster serves NGF's ProxySettingsPolicy. */
    boolean proxySettingsPoliciesServed();

    Optional<Gateway> gateway(String namespace, String name);

    Optional<GatewayClass> gatewayClass(String name);

    Collection<HTTPRoute> httpRoutes();

    /** One HTTPRoute; implementations with an index answer without a scan. */
    default Optional<HTTPRoute> httpRoute(String namespace, String name) {
        return httpRoutes().stream()
                .filter(r -> namespace.equals(r.getMetadata().getNamespace())
                        && name.equals(r.getMetadata().getName()))
                .findFirst();
    }

    List<ProxySettingsPolicy> proxySettingsPolicies(String namespace);

    List<BackendTLSPolicy> backendTlsPolicies(String namespace);

    /** True once every served type has listed its objects at least once. */
    boolean synced();

    /**
     * True once wsroute knows which Gateway API types the cluster serves (discovery answered, or Gateway API is off
     * in wsroute): before that, "not served" may only mean "not asked yet".
     */
    default boolean discovered() {
        return true;
    }

    /**
     * Calls the listener after every change of a Gateway API object in the caches (added, updated or deleted; the
     * object as last seen), on the informers' thread: keep it quick. Types the cluster does not serve never call it.
     */
    default void addListener(Consumer<HasMetadata> listener) {}
}
