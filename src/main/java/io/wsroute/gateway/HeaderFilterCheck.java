package io.wsroute.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.wsroute.nginx.NginxGatewayFabric;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * WS133: a RequestHeaderModifier or ResponseHeaderModifier that sets, adds or removes Upgrade or Connection. NGF
 * refuses such a filter (it sets both headers itself for every proxied request), which makes the whole rule invalid;
 * an implementation that applies it strips or rewrites the handshake.
 */
final class HeaderFilterCheck implements RouteCheck {

    @Override
    public Stream<Finding> check(ReviewedRoute route) {
        List<Finding> out = new ArrayList<>();
        List<HTTPRouteRule> rules = route.rules();
        for (int r = 0; r < rules.size(); r++) {
            String rulePath = "spec.rules[" + r + "]";
            filters(route, out, rulePath + ".filters", rules.get(r).getFilters());
            List<HTTPBackendRef> refs = rules.get(r).getBackendRefs();
            for (int b = 0; refs != null && b < refs.size(); b++) {
                filters(
                        route,
                        out,
                        rulePath + ".backendRefs[" + b + "].filters",
                        refs.get(b).getFilters());
            }
        }
        return out.stream();
    }

    private static void filters(ReviewedRoute route, List<Finding> out, String path, List<HTTPRouteFilter> filters) {
        for (int f = 0; filters != null && f < filters.size(); f++) {
            HTTPRouteFilter filter = filters.get(f);
            modifier(route, out, path + "[" + f + "].requestHeaderModifier", filter.getRequestHeaderModifier(), true);
            modifier(
                    route, out, path + "[" + f + "].responseHeaderModifier", filter.getResponseHeaderModifier(), false);
        }
    }

    private static void modifier(
            ReviewedRoute route, List<Finding> out, String path, HTTPHeaderFilter modifier, boolean request) {
        if (modifier == null) {
            return;
        }
        headers(route, out, path + ".set", modifier.getSet(), request);
        headers(route, out, path + ".add", modifier.getAdd(), request);
        List<String> remove = modifier.getRemove();
        for (int i = 0; remove != null && i < remove.size(); i++) {
            report(route, out, path + ".remove[" + i + "]", remove.get(i), request, "removes");
        }
    }

    private static void headers(
            ReviewedRoute route, List<Finding> out, String path, List<HTTPHeader> headers, boolean request) {
        for (int i = 0; headers != null && i < headers.size(); i++) {
            report(route, out, path + "[" + i + "]", headers.get(i).getName(), request, "rewrites");
        }
    }

    private static void report(
            ReviewedRoute route, List<Finding> out, String field, String header, boolean request, String verb) {
        if (!NginxGatewayFabric.isUpgradeHeader(header)) {
            return;
        }
        String direction = request ? "request" : "response";
        String effect = route.onlyOtherImplementations()
                ? "the filter %s the %s's %s header, so the WebSocket handshake cannot complete"
                        .formatted(verb, direction, header)
                : ("NGINX Gateway Fabric refuses a %s header filter on %s (it sets Upgrade and Connection itself for"
                                + " every proxied request), so the whole rule is invalid and its paths are not"
                                + " routed")
                        .formatted(direction, header);
        out.add(route.finding(
                Rule.WS133,
                field,
                effect,
                "remove %s from the filter; the gateway forwards the handshake's Upgrade and Connection itself"
                        .formatted(header)));
    }
}
