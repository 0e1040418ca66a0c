package io.wsroute.gateway;

import io.wsroute.nginx.NgfProxySettings;
import io.wsroute.nginx.NgfProxySettings.Effective;
import io.wsroute.nginx.NgfProxySettings.Timeout;
import io.wsroute.nginx.NginxGatewayFabric;
import io.wsroute.nginx.NginxTime;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * WS130: the idle timeout an NGF-served WebSocket route ends up with (route policy, else Gateway policy, else nginx's
 * 60 s) is below the minimum. Judged for every NGF parent Gateway; the shortest is reported.
 */
final class ProxyTimeoutCheck implements RouteCheck {

    @Override
    public Stream<Finding> check(ReviewedRoute route) {
        return Stream.of(Timeout.values()).flatMap(t -> check(route, t).stream());
    }

    private Optional<Finding> check(ReviewedRoute route, Timeout timeout) {
        Duration minimum = route.review().settings().minIdleTimeout();
        return route.ngfParents().stream()
                .map(parent -> new Judged(parent, effective(route, timeout, parent)))
                .min(Comparator.comparing(j -> j.effective().value()))
                .filter(j -> j.effective().value().compareTo(minimum) < 0)
                .map(j -> route.finding(
                        Rule.WS130,
                        "spec.parentRefs[%d] (ProxySettingsPolicy spec.timeout.%s)"
                                .formatted(j.parent().parentRef(), timeout.field()),
                        "through Gateway %s, %s is %s, from %s: %s"
                                .formatted(
                                        j.parent().key(),
                                        timeout.directive(),
                                        NginxTime.format(j.effective().value()),
                                        j.effective().source(),
                                        consequence(timeout, j.effective().value())),
                        fix(route, timeout, minimum)));
    }

    private static Effective effective(ReviewedRoute route, Timeout timeout, ParentGateway parent) {
        return NgfProxySettings.effective(
                timeout, route.review().policies(), route.namespace(), route.name(), parent.namespace(), parent.name());
    }

    private static String consequence(Timeout timeout, Duration value) {
        return timeout == Timeout.READ
                ? "nginx closes a WebSocket that carries no message for " + NginxTime.format(value)
                : "a WebSocket whose backend stops reading for " + NginxTime.format(value)
                        + " is closed (the send timeout only runs while a write to the backend blocks)";
    }

    private static String fix(ReviewedRoute route, Timeout timeout, Duration minimum) {
        return ("add a ProxySettingsPolicy (gateway.nginx.org/v1alpha1, NGF 2.6 or later) in namespace %s with"
                        + " targetRefs [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: %s}] and"
                        + " spec.timeout.%s: %s (at most four digits: 24h, not 86400s), or raise an existing one")
                .formatted(
                        route.namespace(), route.name(), timeout.field(), NginxGatewayFabric.formatDuration(minimum));
    }

    private record Judged(ParentGateway parent, Effective effective) {}
}
