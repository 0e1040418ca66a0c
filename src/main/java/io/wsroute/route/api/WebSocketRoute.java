package io.wsroute.route.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.wsroute.nginx.WsrouteAnnotations;

/**
 * A WebSocket endpoint declared once: wsroute makes and keeps an Ingress that carries it correctly through the
 * NGINX controller that serves its class (README, "WebSocketRoute").
 */
@Group(WebSocketRoute.GROUP)
@Version(WebSocketRoute.VERSION)
@Kind(WebSocketRoute.KIND)
@Plural("websocketroutes")
@ShortNames("wsr")
@AdditionalPrinterColumn(name = "Host", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.host")
@AdditionalPrinterColumn(name = "Path", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.paths[0].path")
@AdditionalPrinterColumn(
        name = "Service",
        type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.paths[0].service.name")
@AdditionalPrinterColumn(
        name = "Ready",
        type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
        name = "Age",
        type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class WebSocketRoute extends CustomResource<WebSocketRouteSpec, WebSocketRouteStatus> implements Namespaced {

    /** The API group, also the prefix of wsroute's own annotations. */
    public static final String GROUP = WsrouteAnnotations.GROUP;

    public static final String KIND = "WebSocketRoute";
    public static final String VERSION = "v1alpha1";

    @Override
    protected WebSocketRouteStatus initStatus() {
        return new WebSocketRouteStatus();
    }
}
