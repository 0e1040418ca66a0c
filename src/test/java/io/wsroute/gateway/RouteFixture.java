package io.wsroute.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import io.wsroute.rules.RuleSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTPRoute with its Gateway, policies and Services, written as YAML so that rows read like the manifests users
 * write. Immutable: every {@code with*} returns a copy.
 */
final class RouteFixture {

    static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: chat, namespace: apps}
            spec:
              parentRefs: [{name: gw, namespace: infra}]
              hostnames: [chat.example.com]
              rules:
              - matches: [{path: {type: PathPrefix, value: /ws}}]
                backendRefs: [{name: chat, port: 8080}]
            """;

    static final String WS_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: chat, namespace: apps}
            spec:
              ports: [{name: ws, port: 8080, appProtocol: kubernetes.io/ws}]
            """;

    /** A route-level policy that raises both idle timeouts to an hour. */
    static final String ROUTE_POLICY = """
            apiVersion: gateway.nginx.org/v1alpha1
            kind: ProxySettingsPolicy
            metadata: {name: chat-timeouts, namespace: apps}
            spec:
              targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: chat}]
              timeout: {read: 1h, send: 1h}
            """;

    final String route;
    final List<String> services;
    final List<String> policies;
    final List<String> tlsPolicies;
    final ParentGateway.Served served;

    private RouteFixture(
            String route,
            List<String> services,
            List<String> policies,
            List<String> tlsPolicies,
            ParentGateway.Served served) {
        this.route = route;
        this.services = services;
        this.policies = policies;
        this.tlsPolicies = tlsPolicies;
        this.served = served;
    }

    /** A WebSocket route (ws backend port) on an NGF Gateway with a policy raising both timeouts: no finding. */
    static RouteFixture healthy() {
        return new RouteFixture(ROUTE, List.of(WS_SERVICE), List.of(ROUTE_POLICY), List.of(), ParentGateway.Served.NGF);
    }

    RouteFixture route(String yaml) {
        return new RouteFixture(yaml, services, policies, tlsPolicies, served);
    }

    RouteFixture services(String... yaml) {
        return new RouteFixture(route, List.of(yaml), policies, tlsPolicies, served);
    }

    RouteFixture policies(String... yaml) {
        return new RouteFixture(route, services, List.of(yaml), tlsPolicies, served);
    }

    RouteFixture tlsPolicies(String... yaml) {
        return new RouteFixture(route, services, policies, List.of(yaml), served);
    }

    RouteFixture served(ParentGateway.Served served) {
        return new RouteFixture(route, services, policies, tlsPolicies, served);
    }

    RouteReview review() {
        HTTPRoute httpRoute = Serialization.unmarshal(route, HTTPRoute.class);
        List<ParentGateway> parents = new ArrayList<>();
        for (ParentRef ref : HttpRouteRules.parentGateways(httpRoute)) {
            parents.add(new ParentGateway(ref.index(), ref.namespace(), ref.name(), served));
        }
        Map<String, Service> byKey = new HashMap<>();
        for (String yaml : services) {
            Service s = Serialization.unmarshal(yaml, Service.class);
            byKey.put(key(s), s);
        }
        return new RouteReview(
                httpRoute,
                parents,
                policies.stream()
                        .map(y -> Serialization.unmarshal(y, ProxySettingsPolicy.class))
                        .toList(),
                tlsPolicies.stream()
                        .map(y -> Serialization.unmarshal(y, BackendTLSPolicy.class))
                        .toList(),
                byKey,
                RuleSettings.DEFAULTS);
    }

    List<Finding> findings() {
        return new HttpRouteRules().evaluate(review()).findings();
    }

    List<Finding> findings(Rule rule) {
        return findings().stream().filter(f -> f.rule().equals(rule.id())).toList();
    }

    private static String key(HasMetadata o) {
        return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }
}
