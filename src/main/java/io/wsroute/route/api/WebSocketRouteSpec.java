package io.wsroute.route.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * What the user declares. Shaped after what users of Contour's HTTPProxy (timeout policy), Emissary's Mapping
 * and Gateway API's HTTPRoute (timeouts, session persistence) already know, in Ingress vocabulary.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebSocketRouteSpec(
        @Required
        @Size(max = 253)
        @Pattern(RouteGrammar.HOST)
        @JsonPropertyDescription(
                "Host name clients connect to, e.g. chat.example.com (a leading *. wildcard label is allowed).")
        String host,

        @Required
        @Size(min = 1, max = 16)
        @JsonPropertyDescription("Paths on the host that carry WebSocket traffic, each to a backend Service.")
        List<RoutePath> paths,

        @Size(max = 253)
        @Pattern(RouteGrammar.SUBDOMAIN)
        @JsonPropertyDescription(
                "IngressClass of the generated Ingress. Default: the cluster's default IngressClass. Must be served by ingress-nginx or the F5 NGINX Ingress Controller. Not together with gatewayRef.")
        String ingressClassName,

        @JsonPropertyDescription("TLS for wss:// on this host. Absent: plain ws://.")
        RouteTls tls,

        @JsonPropertyDescription("How long an open WebSocket may stay idle through the proxy.")
        RouteTimeouts timeouts,

        @JsonPropertyDescription("Whether a client's reconnects go back to the same backend pod.")
        RouteSessionAffinity sessionAffinity,

        @Size(max = 32)
        @JsonPropertyDescription(
                "Browser origins allowed to open the WebSocket, e.g. https://app.example.com; a handshake with another Origin header gets 403. Needs snippets enabled on the controller; the Enforced condition says when they are not. Empty: any origin.")
        List<@Pattern(RouteGrammar.ORIGIN) @Size(max = 300) String> allowedOrigins,

        @Min(1)
        @Max(100000)
        @JsonPropertyDescription(
                "Most concurrent connections one client IP address may hold (ingress-nginx limit-connections). Absent: no limit.")
        Integer maxConnectionsPerClient,

        @Size(max = 64)
        @JsonPropertyDescription(
                "Client address ranges (CIDR) allowed to connect, e.g. 10.0.0.0/8. Empty: any address.")
        List<@Pattern(RouteGrammar.CIDR) @Size(max = 43) String> sourceRanges,

        @JsonPropertyDescription(
                "Warnings accepted on purpose (the Ingress annotation wsroute.io/accept): left out of the Ready condition and counted as accepted by the audit. Errors cannot be accepted.")
        RouteAcceptedWarnings acceptedWarnings,

        @JsonPropertyDescription(
                "Gateway API Gateway to attach to instead of an IngressClass: wsroute then owns an HTTPRoute (and, on NGINX Gateway Fabric, a ProxySettingsPolicy with the idle timeouts) in place of the Ingress. Not together with ingressClassName.")
        RouteGatewayRef gatewayRef) {

    /** A route on an IngressClass (most callers predate gatewayRef). */
    public WebSocketRouteSpec(
            String host,
            List<RoutePath> paths,
            String ingressClassName,
            RouteTls tls,
            RouteTimeouts timeouts,
            RouteSessionAffinity sessionAffinity,
            List<String> allowedOrigins,
            Integer maxConnectionsPerClient,
            List<String> sourceRanges,
            RouteAcceptedWarnings acceptedWarnings) {
        this(
                host,
                paths,
                ingressClassName,
                tls,
                timeouts,
                sessionAffinity,
                allowedOrigins,
                maxConnectionsPerClient,
                sourceRanges,
                acceptedWarnings,
                null);
    }

    /** A route without accepted warnings (the field was added later; most callers do not set it). */
    public WebSocketRouteSpec(
            String host,
            List<RoutePath> paths,
            String ingressClassName,
            RouteTls tls,
            RouteTimeouts timeouts,
            RouteSessionAffinity sessionAffinity,
            List<String> allowedOrigins,
            Integer maxConnectionsPerClient,
            List<String> sourceRanges) {
        this(
                host,
                paths,
                ingressClassName,
                tls,
                timeouts,
                sessionAffinity,
                allowedOrigins,
                maxConnectionsPerClient,
                sourceRanges,
                null,
                null);
    }

    /** This spec on a Gateway instead of an IngressClass. */
    public WebSocketRouteSpec onGateway(RouteGatewayRef gateway) {
        return new WebSocketRouteSpec(
                host,
                paths,
                null,
                tls,
                timeouts,
                sessionAffinity,
                allowedOrigins,
                maxConnectionsPerClient,
                sourceRanges,
                acceptedWarnings,
                gateway);
    }

    /** This spec on an IngressClass instead of a Gateway. */
    public WebSocketRouteSpec onIngressClass(String className) {
        return new WebSocketRouteSpec(
                host,
                paths,
                className,
                tls,
                timeouts,
                sessionAffinity,
                allowedOrigins,
                maxConnectionsPerClient,
                sourceRanges,
                acceptedWarnings,
                null);
    }

    public List<RoutePath> pathsOrEmpty() {
        return paths == null ? List.of() : paths;
    }

    public List<String> allowedOriginsOrEmpty() {
        return allowedOrigins == null ? List.of() : allowedOrigins;
    }

    public List<String> sourceRangesOrEmpty() {
        return sourceRanges == null ? List.of() : sourceRanges;
    }
}
