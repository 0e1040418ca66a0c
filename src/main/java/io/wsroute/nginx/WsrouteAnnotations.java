package io.wsroute.nginx;

/** Annotations that wsroute itself reads on Ingresses and Namespaces. */
public final class WsrouteAnnotations {

    public static final String GROUP = "wsroute.io";
    /** "true" marks an Ingress as WebSocket; "false" opts it out whatever else holds. */
    public static final String WEBSOCKET = GROUP + "/websocket";
    /** "true" declares that clients only connect with wss://, so an HTTP to HTTPS redirect cannot hit them. */
    public static final String WSS_ONLY = GROUP + "/wss-only";
    /**
     * "long-polling" declares that clients may fall back to an HTTP transport (long-polling, server-sent events),
     * which needs session affinity over several replicas; "none" declares WebSocket only (WS113).
     */
    public static final String FALLBACK_TRANSPORT = GROUP + "/fallback-transport";
    /** Rule ids of warnings accepted on purpose on this Ingress, comma-separated ("WS103,WS113"). */
    public static final String ACCEPT = GROUP + "/accept";
    /** Why those warnings are accepted; free text for people, wsroute only shows it. */
    public static final String ACCEPT_REASON = GROUP + "/accept-reason";
    /** Namespace label: enforce, warn or off. */
    public static final String ADMISSION_LABEL = GROUP + "/admission";

    private WsrouteAnnotations() {}
}
