package io.wsroute.rules;

import java.util.EnumMap;
import java.util.Map;

/**
 * A paragraph per rule on why it matters and what fixes it in general, for reports that show a rule apart from any
 * finding (SARIF's rule help, which code-scanning UIs show beside an alert). Each finding still says what is wrong on
 * its own object and its exact fix.
 */
public final class RuleHelp {

    private static final Map<Rule, String> HELP = new EnumMap<>(Rule.class);

    static {
        HELP.put(
                Rule.WS100,
                "wsroute.io/websocket is how an Ingress opts in to or out of wsroute's WebSocket checks. "
                        + "Any value other than \"true\" or \"false\" is ignored, and the Ingress is judged by its other "
                        + "signals (appProtocol of its Services, an owning WebSocketRoute, nginx.org/websocket-services).");
        HELP.put(
                Rule.WS101,
                "ingress-nginx reads proxy-read-timeout and proxy-send-timeout as integer seconds. A value "
                        + "with a unit (\"3600s\", \"1h\") is not an integer, so the controller uses its global value, 60 s by "
                        + "default, and idle WebSockets are cut after a minute. Write the number of seconds: \"3600\".");
        HELP.put(
                Rule.WS102,
                "The F5 NGINX Ingress Controller reads nginx.org/proxy-read-timeout and -send-timeout as "
                        + "nginx time values (\"3600s\", \"60m\", \"1h\") and rejects the whole Ingress when a value does not "
                        + "parse. Use a number with an nginx time unit.");
        HELP.put(
                Rule.WS103,
                "nginx closes a proxied connection that has been idle longer than proxy_read_timeout. The "
                        + "effective timeout (the Ingress's annotation, else the controller's ConfigMap, else 60 s) is below "
                        + "the configured minimum (1h unless configured), so WebSockets without frequent heartbeats are cut. "
                        + "Raise the timeout; applications that ping more often than the timeout can accept this warning "
                        + "with wsroute.io/accept.");
        HELP.put(
                Rule.WS104,
                "An HTTP to HTTPS redirect answers a ws:// handshake with 301/308, and WebSocket clients do "
                        + "not follow redirects. Connect with wss://, turn the redirect off for the path, or annotate "
                        + "wsroute.io/wss-only: \"true\" when clients only ever use wss://.");
        HELP.put(
                Rule.WS105,
                "The Upgrade mechanism is HTTP/1.1: a proxy that speaks HTTP/1.0 to the backend cannot pass "
                        + "the handshake, and the backend answers 426 or 400. Set the upstream HTTP version to 1.1.");
        HELP.put(
                Rule.WS106,
                "The handshake needs Connection: upgrade and the client's Upgrade header to reach the "
                        + "backend. An annotation or snippet that sets either header to something else stops every "
                        + "handshake. Remove the override.");
        HELP.put(
                Rule.WS107,
                "gRPC, FastCGI and AJP backends do not speak HTTP/1.1 Upgrade, so WebSocket cannot pass "
                        + "through them. Use HTTP (or HTTPS) as the backend protocol for WebSocket paths.");
        HELP.put(
                Rule.WS108,
                "The F5 NGINX Ingress Controller forwards the Upgrade headers only for the Services named "
                        + "in nginx.org/websocket-services. A WebSocket Service missing from it gets no upgrade. Add it.");
        HELP.put(
                Rule.WS109,
                "nginx.org/websocket-services is a comma-separated list of the Services the Ingress "
                        + "routes to. A malformed list, or a name the Ingress does not use, leaves the intended Service "
                        + "without upgrade headers. List exactly the WebSocket Services of this Ingress.");
        HELP.put(
                Rule.WS110,
                "Each NGINX controller reads only its own annotation prefix. An annotation of the other "
                        + "controller is silently ignored, so the setting it seems to make is not made. Use the serving "
                        + "controller's annotation.");
        HELP.put(
                Rule.WS111,
                "The annotation is read by neither NGINX controller (often an invented name such as a "
                        + "websocket-services key with the ingress-nginx prefix), so it has no effect. Remove it or use the "
                        + "real annotation.");
        HELP.put(
                Rule.WS112,
                "The serving controller refuses or ignores snippet annotations as configured (snippets off "
                        + "in its ConfigMap or flags), so whatever the snippet carries is not applied, or the Ingress is "
                        + "rejected. Use first-class annotations or enable snippets deliberately.");
        HELP.put(
                Rule.WS113,
                "Fallback transports (Socket.IO, SockJS and SignalR long-polling) need every request of a "
                        + "session on the same backend pod; a plain WebSocket is one connection and needs no affinity. "
                        + "Reported on evidence of a fallback (a /socket.io, /sockjs, /signalr, /hubs or .../negotiate "
                        + "path, or wsroute.io/fallback-transport: \"long-polling\") unless the Service is known to run "
                        + "one replica. Turn on cookie affinity, or set wsroute.io/fallback-transport: \"none\" when "
                        + "clients only use WebSocket.");
        HELP.put(
                Rule.WS114,
                "On every configuration reload nginx starts new workers and closes old ones after "
                        + "worker-shutdown-timeout; WebSockets held by the old workers are cut then. A low value drops "
                        + "long-lived connections on each reload. Raise worker-shutdown-timeout (240s by default).");
        HELP.put(
                Rule.WS115,
                "A Service port with appProtocol kubernetes.io/wss expects TLS from the proxy. Proxied over "
                        + "plain HTTP the handshake fails. Set the backend protocol to HTTPS (ingress-nginx) or list the "
                        + "Service in nginx.org/ssl-services (F5).");
        HELP.put(
                Rule.WS116,
                "A value in the controller's ConfigMap that the controller does not accept is ignored (the "
                        + "default applies) or stops the controller from applying configuration. Fix the ConfigMap value.");
        HELP.put(
                Rule.WS117,
                "A snippet's proxy_set_header Connection adds a second Connection header beside the "
                        + "controller's Connection: upgrade. Backends that read the header as a list still upgrade; strict "
                        + "ones refuse. Remove the snippet's header.");
        HELP.put(
                Rule.WS140,
                "A warning listed in wsroute.io/accept no longer occurs on this Ingress. Left in the list, "
                        + "it would silence the warning without anyone noticing if it came back. Remove it from the list.");
        HELP.put(
                Rule.WS141,
                "wsroute.io/accept lists rule ids of warnings (\"WS103,WS113\"). An entry that is not a "
                        + "wsroute rule id accepts nothing; it is usually a typo. Correct or remove it.");
        HELP.put(
                Rule.WS142,
                "Only warnings can be accepted. Errors break WebSocket traffic, so they stay open until "
                        + "fixed; switching enforcement off for a namespace is for whoever may set its wsroute.io/admission "
                        + "label. Remove the id from wsroute.io/accept.");
        HELP.put(
                Rule.WS143,
                "With --enable-ssl-passthrough, ingress-nginx pipes the TLS connections of an ssl-passthrough "
                        + "Ingress to the Service unopened: nginx never sees them, so its timeouts, upgrade headers, HTTP "
                        + "version and affinity do not apply (the pipe has no idle timeout). Without the flag nothing passes "
                        + "through: nginx terminates TLS and proxies to the backend over HTTPS. Remove whichever side the "
                        + "Ingress does not need.");
        HELP.put(
                Rule.WS144,
                "ssl-passthrough routes by host name only: every TLS connection to the host goes to the "
                        + "Service of its / path, so a WebSocket on another path to another Service never gets wss:// "
                        + "connections. Give that WebSocket its own host, or let nginx terminate TLS and route by path.");
    }

    private RuleHelp() {}

    /** The rule's help; rules without a paragraph of their own get their title. */
    public static String of(Rule rule) {
        return HELP.getOrDefault(rule, rule.title() + ".");
    }

    /** Whether the rule has a paragraph of its own. */
    public static boolean written(Rule rule) {
        return HELP.containsKey(rule);
    }
}
