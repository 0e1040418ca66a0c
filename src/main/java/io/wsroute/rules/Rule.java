package io.wsroute.rules;

/**
 * The catalogue of rules. Ids are part of the public contract: never renumber, only add. README's rule table
 * is checked against this list by a test.
 */
public enum Rule {
    WS100(Severity.ERROR, "wsroute.io/websocket must be \"true\" or \"false\""),
    WS101(Severity.ERROR, "ingress-nginx timeout is not integer seconds, so the controller silently uses 60 s"),
    WS102(Severity.ERROR, "nginx.org timeout is not an nginx time value, so the controller rejects the Ingress"),
    WS103(Severity.WARNING, "effective idle timeout is below the minimum; idle sockets are cut"),
    WS104(
            Severity.WARNING,
            "HTTP to HTTPS redirect answers ws:// handshakes with a redirect, which clients do not follow"),
    WS105(Severity.ERROR, "upstream HTTP version below 1.1 cannot carry the Upgrade"),
    WS106(Severity.ERROR, "Connection or Upgrade header overridden, so the upgrade cannot pass"),
    WS107(Severity.ERROR, "backend protocol cannot carry WebSocket (gRPC, FastCGI, AJP)"),
    WS108(Severity.ERROR, "F5 controller: WebSocket Service missing from nginx.org/websocket-services"),
    WS109(
            Severity.ERROR,
            "F5 controller: nginx.org/websocket-services is malformed or names a Service the Ingress does not use"),
    WS110(Severity.WARNING, "annotation of the other NGINX controller is silently ignored"),
    WS111(Severity.WARNING, "annotation exists in neither NGINX controller and is silently ignored"),
    WS112(Severity.ERROR, "snippet annotation that the serving controller refuses or ignores"),
    WS113(Severity.WARNING, "no session affinity where long-polling fallbacks need it"),
    WS114(Severity.WARNING, "controller reloads drop WebSocket connections early"),
    WS115(Severity.ERROR, "wss backend (appProtocol kubernetes.io/wss) proxied over plain HTTP"),
    WS116(Severity.WARNING, "the controller's ConfigMap holds a value the controller does not accept"),
    WS117(Severity.WARNING, "a snippet adds a second Connection header; nginx sends both, strict backends may refuse"),
    WS118(
            Severity.ERROR,
            "the serving controller rejects the Ingress (or nginx refuses its configuration), so none of its paths are served"),
    WS122(Severity.ERROR, "ingress-nginx denies the Ingress's locations, so its paths answer 503"),
    WS125(
            Severity.ERROR,
            "the controller's ConfigMap holds a value nginx refuses, so every reload of the controller fails"),
    WS130(
            Severity.WARNING,
            "NGINX Gateway Fabric: idle timeout of a WebSocket HTTPRoute below the minimum (no ProxySettingsPolicy raises nginx's 60 s)"),
    WS131(
            Severity.ERROR,
            "NGINX Gateway Fabric: a ProxySettingsPolicy it refuses or drops, so its timeouts silently do not apply"),
    WS132(Severity.ERROR, "wss backend (appProtocol kubernetes.io/wss) without a BackendTLSPolicy"),
    WS133(Severity.ERROR, "HTTPRoute header filter touches Upgrade or Connection, so the upgrade cannot pass"),
    WS134(Severity.ERROR, "h2c backend (appProtocol kubernetes.io/h2c) on a WebSocket HTTPRoute"),
    WS135(
            Severity.WARNING,
            "absolute HTTPRoute timeouts on a WebSocket route: NGINX Gateway Fabric ignores them, others cut every socket"),
    WS140(Severity.WARNING, "a warning accepted in wsroute.io/accept no longer occurs; the acceptance is stale"),
    WS141(Severity.WARNING, "wsroute.io/accept names something that is not a wsroute rule id"),
    WS142(Severity.WARNING, "wsroute.io/accept names a rule that cannot be accepted: errors never can"),
    WS143(
            Severity.WARNING,
            "ingress-nginx ssl-passthrough: TLS connections bypass the Ingress's HTTP-level settings, or pass through nothing without --enable-ssl-passthrough"),
    WS144(
            Severity.WARNING,
            "ingress-nginx ssl-passthrough sends a WebSocket path's TLS connections to the Service of the host's / path");

    private final Severity severity;
    private final String title;

    Rule(Severity severity, String title) {
        this.severity = severity;
        this.title = title;
    }

    public String id() {
        return name();
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }
}
