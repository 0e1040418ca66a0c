package io.wsroute.it;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import java.util.List;
import java.util.Map;

/**
 * Objects the route ITs start from, applied server-side so a test class that finds them already there (the API server
 * is shared within a run) leaves them as they are.
 */
public final class ClusterSeed {

    private ClusterSeed() {}

    /** The default IngressClass {@code nginx}, served by ingress-nginx, a namespace, and its WebSocket Service chat. */
    public static void routeNamespace(KubernetesClient client, String namespace) {
        defaultNginxClass(client);
        namespace(client, namespace);
        webSocketService(client, namespace, "chat");
    }

    static void defaultNginxClass(KubernetesClient client) {
        client.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("nginx")
                        .addToAnnotations("ingressclass.kubernetes.io/is-default-class", "true")
                        .endMetadata()
                        .withNewSpec()
                        .withController("k8s.io/ingress-nginx")
                        .endSpec()
                        .build())
                .serverSideApply();
    }

    /** With the kubernetes.io/metadata.name label, which Kubernetes 1.20 does not set yet and the webhooks select on. */
    static void namespace(KubernetesClient client, String namespace) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
                        .addToLabels("kubernetes.io/metadata.name", namespace)
                        .endMetadata()
                        .build())
                .serverSideApply();
    }

    /**
     * An NGINX Gateway Fabric GatewayClass named {@code gatewayClass} and Gateway {@code infra/gw} (namespace infra
     * created), accepting routes from every namespace: needs the Gateway API CRDs.
     */
    static void ngfGateway(KubernetesClient client, String gatewayClass) {
        namespace(client, "infra");
        client.resource(client.getKubernetesSerialization().unmarshal("""
                                apiVersion: gateway.networking.k8s.io/v1
                                kind: GatewayClass
                                metadata: {name: %s}
                                spec: {controllerName: gateway.nginx.org/nginx-gateway-controller}
                                """.formatted(gatewayClass), GatewayClass.class))
                .serverSideApply();
        client.resource(client.getKubernetesSerialization().unmarshal("""
                                apiVersion: gateway.networking.k8s.io/v1
                                kind: Gateway
                                metadata: {name: gw, namespace: infra}
                                spec:
                                  gatewayClassName: %s
                                  listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]
                                """.formatted(gatewayClass), Gateway.class))
                .serverSideApply();
    }

    /** Port ws 8080 with appProtocol kubernetes.io/ws. */
    static void webSocketService(KubernetesClient client, String namespace, String name) {
        client.resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withName("ws")
                        .withProtocol("TCP")
                        .withPort(8080)
                        .withAppProtocol("kubernetes.io/ws")
                        .endPort()
                        .endSpec()
                        .build())
                .serverSideApply();
    }

    /** An Ingress of class nginx for NAME.example.com/ws to Service chat port 8080, with the given annotations. */
    public static Ingress webSocketIngress(String namespace, String name, Map<String, String> annotations) {
        return new IngressBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withIngressClassName("nginx")
                .addNewRule()
                .withHost(name + ".example.com")
                .withNewHttp()
                .addNewPath()
                .withPath("/ws")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName("chat")
                .withNewPort()
                .withNumber(8080)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }

    /**
     * A route for {@code host}/ws to port 8080 of {@code service}, on {@code ingressClassName} (null: the cluster's
     * default class), with every other field left to its default.
     */
    public static WebSocketRoute webSocketRoute(
            String namespace, String name, String host, String service, String ingressClassName) {
        WebSocketRoute route = new WebSocketRoute();
        route.getMetadata().setName(name);
        route.getMetadata().setNamespace(namespace);
        route.setSpec(new WebSocketRouteSpec(
                host,
                List.of(new RoutePath("/ws", null, new RouteService(service, new RouteService.Port(8080, null)))),
                ingressClassName,
                null,
                null,
                null,
                null,
                null,
                null));
        return route;
    }
}
