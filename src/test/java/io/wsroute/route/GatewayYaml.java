package io.wsroute.route;

/** Gateway API objects for route tests, as YAML for {@code FixedGatewayApiView.with}. */
final class GatewayYaml {

    private GatewayYaml() {}

    static String gateway(String name, String className) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: %s, namespace: infra}
                spec:
                  gatewayClassName: %s
                  listeners: [{name: http, port: 80, protocol: HTTP}]
                """.formatted(name, className);
    }

    /** GatewayClass {@code envoy}, served by Envoy Gateway. */
    static String otherImplementation() {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: envoy}
                spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}
                """;
    }

    /** An HTTPRoute on {@code infra/gw} that no WebSocketRoute owns. */
    static String foreignRoute(String namespace, String name, String host, String path) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s, namespace: %s}
                spec:
                  parentRefs: [{name: gw, namespace: infra}]
                  hostnames: [%s]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: "%s"}}]
                    backendRefs: [{name: legacy, port: 80}]
                """.formatted(name, namespace, host, path);
    }

    static String foreignPolicy(String namespace, String name, String target) {
        return """
                apiVersion: gateway.nginx.org/v1alpha1
                kind: ProxySettingsPolicy
                metadata: {name: %s, namespace: %s}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: %s}]
                  timeout: {read: 2h}
                """.formatted(name, namespace, target);
    }
}
