package io.wsroute.gateway;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.wsroute.nginx.NginxGatewayFabric;
import io.wsroute.rules.RuleSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Gathers a {@link RouteReview} from wherever the objects live (the webhook's caches, lint's input): resolves each
 * parent Gateway to what serves it and picks the policies and Services the rules need. What had to be assumed is
 * returned as notes.
 */
public final class RouteReviews {

    /** Where the objects come from; every lookup may come back empty. */
    public interface Source {
        Optional<Gateway> gateway(String namespace, String name);

        Optional<GatewayClass> gatewayClass(String name);

        List<ProxySettingsPolicy> proxySettingsPolicies(String namespace);

        List<BackendTLSPolicy> backendTlsPolicies(String namespace);

        Optional<Service> service(String namespace, String name);
    }

    /** A review and what had to be assumed to build it. */
    public record Assembled(RouteReview review, List<String> notes) {}

    private RouteReviews() {}

    public static Assembled assemble(HTTPRoute route, Source source, RuleSettings settings) {
        List<String> notes = new ArrayList<>();
        String namespace = route.getMetadata().getNamespace();
        List<ParentGateway> parents = new ArrayList<>();
        Set<String> policyNamespaces = new LinkedHashSet<>();
        policyNamespaces.add(namespace);
        for (ParentRef ref : HttpRouteRules.parentGateways(route)) {
            ParentGateway.Served served = served(ref, source, notes);
            parents.add(new ParentGateway(ref.index(), ref.namespace(), ref.name(), served));
            policyNamespaces.add(ref.namespace());
        }
        List<ProxySettingsPolicy> policies = new ArrayList<>();
        policyNamespaces.forEach(ns -> policies.addAll(source.proxySettingsPolicies(ns)));
        Map<String, Service> services = new HashMap<>();
        Set<String> backendNamespaces = new LinkedHashSet<>();
        for (String key : HttpRouteRules.backendServiceKeys(route)) {
            String[] parts = key.split("/", 2);
            backendNamespaces.add(parts[0]);
            source.service(parts[0], parts[1]).ifPresent(s -> services.put(key, s));
        }
        List<BackendTLSPolicy> tls = new ArrayList<>();
        backendNamespaces.forEach(ns -> tls.addAll(source.backendTlsPolicies(ns)));
        return new Assembled(new RouteReview(route, parents, policies, tls, services, settings), notes);
    }

    private static ParentGateway.Served served(ParentRef ref, Source source, List<String> notes) {
        Optional<Gateway> gateway = source.gateway(ref.namespace(), ref.name());
        if (gateway.isEmpty()) {
            notes.add("wsroute: Gateway %s/%s not found; judged as NGINX Gateway Fabric"
                    .formatted(ref.namespace(), ref.name()));
            return ParentGateway.Served.UNKNOWN;
        }
        String className =
                gateway.get().getSpec() == null ? null : gateway.get().getSpec().getGatewayClassName();
        Optional<GatewayClass> gatewayClass = className == null ? Optional.empty() : source.gatewayClass(className);
        if (gatewayClass.isEmpty()) {
            notes.add("wsroute: GatewayClass %s of Gateway %s/%s not found; judged as NGINX Gateway Fabric"
                    .formatted(className, ref.namespace(), ref.name()));
            return ParentGateway.Served.UNKNOWN;
        }
        String controller = gatewayClass.get().getSpec() == null
                ? null
                : gatewayClass.get().getSpec().getControllerName();
        return NginxGatewayFabric.servedByNgf(controller) ? ParentGateway.Served.NGF : ParentGateway.Served.OTHER;
    }

    /** A {@link Source} over plain collections, for lint and tests. */
    public static Source of(
            Map<String, Gateway> gateways,
            Map<String, GatewayClass> classes,
            Function<String, List<ProxySettingsPolicy>> policies,
            Function<String, List<BackendTLSPolicy>> tlsPolicies,
            BiFunction<String, String, Optional<Service>> services) {
        return new Source() {
            @Override
            public Optional<Gateway> gateway(String namespace, String name) {
                return Optional.ofNullable(gateways.get(namespace + "/" + name));
            }

            @Override
            public Optional<GatewayClass> gatewayClass(String name) {
                return Optional.ofNullable(classes.get(name));
            }

            @Override
            public List<ProxySettingsPolicy> proxySettingsPolicies(String namespace) {
                return policies.apply(namespace);
            }

            @Override
            public List<BackendTLSPolicy> backendTlsPolicies(String namespace) {
                return tlsPolicies.apply(namespace);
            }

            @Override
            public Optional<Service> service(String namespace, String name) {
                return services.apply(namespace, name);
            }
        };
    }
}
