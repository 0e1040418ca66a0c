package io.wsroute.admission;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.cluster.GatewayApiView;
import io.wsroute.gateway.ProxySettingsPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@link GatewayApiView} over objects given as YAML; {@link #absent()} is a cluster without the CRDs. */
public class FixedGatewayApiView implements GatewayApiView {

    final List<HasMetadata> objects = new ArrayList<>();
    boolean served = true;
    boolean policiesServed = true;

    /** This view without NGF's ProxySettingsPolicy CRD (Gateway API itself served). */
    public FixedGatewayApiView withoutPolicyCrd() {
        policiesServed = false;
        return this;
    }

    public static FixedGatewayApiView absent() {
        FixedGatewayApiView view = new FixedGatewayApiView();
        view.served = false;
        return view;
    }

    /** An NGF GatewayClass {@code nginx} and Gateway {@code infra/gw}. */
    public static FixedGatewayApiView ngf() {
        return new FixedGatewayApiView().with("""
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: GatewayClass
                        metadata: {name: nginx}
                        spec: {controllerName: gateway.nginx.org/nginx-gateway-controller}
                        """).with("""
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: Gateway
                        metadata: {name: gw, namespace: infra}
                        spec:
                          gatewayClassName: nginx
                          listeners: [{name: http, port: 80, protocol: HTTP}]
                        """);
    }

    public FixedGatewayApiView with(String yaml) {
        String kind = yaml.lines()
                .filter(l -> l.startsWith("kind:"))
                .findFirst()
                .orElseThrow()
                .substring(5)
                .trim();
        Class<? extends HasMetadata> type = switch (kind) {
            case "GatewayClass" -> GatewayClass.class;
            case "Gateway" -> Gateway.class;
            case "HTTPRoute" -> HTTPRoute.class;
            case "ProxySettingsPolicy" -> ProxySettingsPolicy.class;
            case "BackendTLSPolicy" -> BackendTLSPolicy.class;
            default -> throw new IllegalArgumentException(kind);
        };
        objects.add(Serialization.unmarshal(yaml, type));
        return this;
    }

    /** Adds an object as it is (e.g. an HTTPRoute planned by wsroute, as if applied). */
    public FixedGatewayApiView with(HasMetadata object) {
        objects.add(object);
        return this;
    }

    /** Removes the objects of this kind and name. */
    public FixedGatewayApiView without(String kind, String name) {
        objects.removeIf(
                o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name));
        return this;
    }

    private <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private <T extends HasMetadata> Optional<T> one(Class<T> type, String namespace, String name) {
        return all(type).stream()
                .filter(o -> Objects.equals(o.getMetadata().getNamespace(), namespace)
                        && o.getMetadata().getName().equals(name))
                .findFirst();
    }

    @Override
    public boolean gatewayApiServed() {
        return served;
    }

    @Override
    public boolean proxySettingsPoliciesServed() {
        return served && policiesServed;
    }

    @Override
    public Optional<Gateway> gateway(String namespace, String name) {
        return one(Gateway.class, namespace, name);
    }

    @Override
    public Optional<GatewayClass> gatewayClass(String name) {
        return one(GatewayClass.class, null, name);
    }

    @Override
    public Collection<HTTPRoute> httpRoutes() {
        return all(HTTPRoute.class);
    }

    @Override
    public List<ProxySettingsPolicy> proxySettingsPolicies(String namespace) {
        return all(ProxySettingsPolicy.class).stream()
                .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                .toList();
    }

    @Override
    public List<BackendTLSPolicy> backendTlsPolicies(String namespace) {
        return all(BackendTLSPolicy.class).stream()
                .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                .toList();
    }

    @Override
    public boolean synced() {
        return served;
    }
}
