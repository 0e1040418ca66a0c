package io.wsroute.nginx;

/** Annotations that wsroute itself reads on Ingresses and Namespaces. */
public final class WsrouteAnnotations {

    public static final String GROUP = "wsroute.io";
    /** "true" marks an Ingress as WebSocket; "false" opts it out whatever else holds. */
    public static final String WEBSOCKET = GROUP + "/websocket";
    /** "true" declares that clients only connect with wss://, so an HTTP to HTTPS redirect cannot hit them. */
    public static final String WSS_ONLY = GROUP + "/wss-only";
    /** Namespace label: enforce, warn or off. */
    public static final String ADMISSION_LABEL = GROUP + "/admission";

    public static final String ROUTE_KIND = "WebSocketRoute";

    private WsrouteAnnotations() {}
}
