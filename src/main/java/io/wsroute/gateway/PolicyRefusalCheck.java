package io.wsroute.gateway;

import io.wsroute.nginx.NgfProxySettings;
import io.wsroute.nginx.NgfProxySettings.Refusal;
import io.wsroute.nginx.NgfProxySettings.Timeout;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * WS131: a ProxySettingsPolicy that would set the idle timeouts of an NGF-served WebSocket route, but that NGF
 * refuses as a whole (a value outside its grammar, a bad targetRef) or drops for a conflict with an older policy on
 * the same target. NGF only reports it in the policy's status; the route silently keeps the timeout it had. The
 * finding is on the policy.
 */
final class PolicyRefusalCheck implements RouteCheck {

    static final String KIND = "ProxySettingsPolicy";

    @Override
    public Stream<Finding> check(ReviewedRoute route) {
        List<ProxySettingsPolicy> reaching = route.review().policies().stream()
                .filter(p -> reaches(route, p))
                .filter(PolicyRefusalCheck::setsIdleTimeout)
                .toList();
        if (reaching.isEmpty()) {
            return Stream.empty();
        }
        Map<ProxySettingsPolicy, ProxySettingsPolicy> dropped =
                NgfProxySettings.conflicted(route.review().policies());
        List<Finding> out = new ArrayList<>();
        for (ProxySettingsPolicy policy : reaching) {
            List<Refusal> refusals = NgfProxySettings.refusals(policy.getSpec());
            for (Refusal refusal : refusals) {
                out.add(finding(
                        policy,
                        refusal.field(),
                        "NGINX Gateway Fabric refuses the whole policy (%s), so its timeouts do not reach WebSocket"
                                        .formatted(refusal.reason())
                                + " HTTPRoute " + route.namespace() + "/" + route.name(),
                        "correct " + refusal.field() + " (" + refusal.reason() + ")"));
            }
            ProxySettingsPolicy winner = dropped.get(policy);
            if (refusals.isEmpty() && winner != null) {
                out.add(finding(
                        policy,
                        "spec",
                        ("NGINX Gateway Fabric drops the whole policy: it sets the same fields as the older"
                                        + " ProxySettingsPolicy %s/%s on the same target, so its timeouts do not"
                                        + " reach WebSocket HTTPRoute %s/%s")
                                .formatted(
                                        winner.getMetadata().getNamespace(),
                                        winner.getMetadata().getName(),
                                        route.namespace(),
                                        route.name()),
                        "put the timeouts into %s/%s, or remove the overlapping fields from one of the two"
                                .formatted(
                                        winner.getMetadata().getNamespace(),
                                        winner.getMetadata().getName())));
            }
        }
        return out.stream();
    }

    /** True when the policy targets the route itself or one of its NGF parent Gateways. */
    static boolean reaches(ReviewedRoute route, ProxySettingsPolicy policy) {
        if (NgfProxySettings.targets(policy, route.namespace(), "HTTPRoute", route.name())) {
            return true;
        }
        return route.ngfParents().stream()
                .anyMatch(g -> NgfProxySettings.targets(policy, g.namespace(), "Gateway", g.name()));
    }

    private static boolean setsIdleTimeout(ProxySettingsPolicy policy) {
        return Stream.of(Timeout.values()).anyMatch(t -> t.in(policy.getSpec()).isPresent());
    }

    private static Finding finding(ProxySettingsPolicy policy, String field, String message, String fix) {
        return new Finding(
                Rule.WS131.id(),
                Rule.WS131.severity(),
                KIND,
                policy.getMetadata().getNamespace(),
                policy.getMetadata().getName(),
                field,
                message,
                fix);
    }
}
