package io.wsroute.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * WS135: {@code rules[].timeouts.request} / {@code backendRequest} on a WebSocket route. Gateway API defines them as
 * deadlines for the whole exchange (GEP-1742), not idle timeouts: an implementation that applies them closes every
 * WebSocket at that age however busy it is. NGF does not apply them at all (the route's Accepted condition lists the
 * field as unsupported), so they do not raise its 60 s idle timeout either. A zero duration disables the deadline and
 * is fine.
 */
final class AbsoluteTimeoutCheck implements RouteCheck {

    /** Gateway API Duration (GEP-2257): one to four number+unit parts. */
    private static final Pattern PART = Pattern.compile("([0-9]{1,5})(ms|h|m|s)");

    @Override
    public Stream<Finding> check(ReviewedRoute route) {
        List<Finding> out = new ArrayList<>();
        List<HTTPRouteRule> rules = route.rules();
        for (int r = 0; r < rules.size(); r++) {
            HTTPRouteTimeouts timeouts = rules.get(r).getTimeouts();
            if (timeouts == null) {
                continue;
            }
            check(route, out, "spec.rules[" + r + "].timeouts.request", timeouts.getRequest());
            check(route, out, "spec.rules[" + r + "].timeouts.backendRequest", timeouts.getBackendRequest());
        }
        return out.stream();
    }

    private static void check(ReviewedRoute route, List<Finding> out, String field, String value) {
        if (value == null || parse(value).filter(Duration::isZero).isPresent()) {
            return;
        }
        String ngf = route.onlyOtherImplementations()
                ? ""
                : " NGINX Gateway Fabric ignores it (it reports the field as unsupported), so it does not raise"
                        + " nginx's 60 s idle timeout either.";
        out.add(
                route.finding(
                        Rule.WS135,
                        field,
                        "%s is an absolute deadline (GEP-1742), not an idle timeout: an implementation that applies it closes"
                                        .formatted(value)
                                + " every WebSocket after " + value + " however busy it is." + ngf,
                        "remove it (or set \"0s\", which disables the deadline) and set the idle timeout where the"
                                + " implementation takes it: for NGINX Gateway Fabric a ProxySettingsPolicy spec.timeout.read"));
    }

    /** A Gateway API duration; empty when it does not follow the grammar. */
    static Optional<Duration> parse(String value) {
        Matcher m = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        int parts = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "s" -> Duration.ofSeconds(n);
                        default -> Duration.ofMillis(n);
                    });
            end = m.end();
            parts++;
        }
        return end == value.length() && parts >= 1 && parts <= 4 ? Optional.of(total) : Optional.empty();
    }
}
