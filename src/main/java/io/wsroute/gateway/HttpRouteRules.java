package io.wsroute.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.wsroute.nginx.WsrouteAnnotations;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Entry point of the HTTPRoute rules: pure functions of a {@link RouteReview}, safe to share between threads. Routes
 * that carry no WebSocket traffic get no finding (except WS100, a bad marker value).
 */
public final class HttpRouteRules {

    /** The rules judged on HTTPRoutes and their ProxySettingsPolicies. */
    public static final Set<Rule> RULES =
            EnumSet.of(Rule.WS130, Rule.WS131, Rule.WS132, Rule.WS133, Rule.WS134, Rule.WS135);

    private static final List<RouteCheck> WEBSOCKET = List.of(
            new ProxyTimeoutCheck(),
            new PolicyRefusalCheck(),
            new BackendProtocolCheck(),
            new HeaderFilterCheck(),
            new AbsoluteTimeoutCheck());

    /** Whether the route carries WebSocket traffic, and its findings in rule-id order. */
    public record Evaluation(boolean webSocket, List<Finding> findings) {}

    public Evaluation evaluate(RouteReview review) {
        ReviewedRoute route = new ReviewedRoute(review);
        Stream<Finding> marker = markerFinding(route);
        Stream<Finding> rest = route.webSocket() ? WEBSOCKET.stream().flatMap(c -> c.check(route)) : Stream.empty();
        return new Evaluation(
                route.webSocket(),
                Stream.concat(marker, rest)
                        .sorted(Comparator.comparing(Finding::rule))
                        .toList());
    }

    /** True when the route carries WebSocket traffic (marker, WebSocketRoute owner or ws/wss backend port). */
    public boolean webSocket(RouteReview review) {
        return new ReviewedRoute(review).webSocket();
    }

    /** The Gateways of the route's parentRefs, so adapters know which Gateways and classes to look up. */
    public static List<ParentRef> parentGateways(HTTPRoute route) {
        return ReviewedRoute.parentGateways(route);
    }

    /** {@code namespace/name} of the Services the route sends to, so adapters know which Services to look up. */
    public static List<String> backendServiceKeys(HTTPRoute route) {
        return ReviewedRoute.backendsOf(route, Map.of()).stream()
                .map(RouteBackend::key)
                .distinct()
                .toList();
    }

    private static Stream<Finding> markerFinding(ReviewedRoute route) {
        return route
                .marker()
                .map(String::trim)
                .filter(v -> !v.equals("true") && !v.equals("false"))
                .map(v -> route.finding(
                        Rule.WS100,
                        "metadata.annotations[\"" + WsrouteAnnotations.WEBSOCKET + "\"]",
                        "\"%s\" is neither \"true\" nor \"false\"; wsroute decides from the backends instead"
                                .formatted(v),
                        "set it to \"true\" (a WebSocket route) or \"false\" (opt out)"))
                .stream();
    }
}
