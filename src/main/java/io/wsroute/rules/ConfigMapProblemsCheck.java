package io.wsroute.rules;

import io.wsroute.nginx.ControllerConfigMaps;
import java.util.stream.Stream;

/**
 * WS116: values in the controller's ConfigMap that the controller does not accept, one finding per value. They are
 * reported on WebSocket Ingresses because the global timeouts and gates the rules rely on come from there.
 */
final class ConfigMapProblemsCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        String source = ingress.profile().source();
        return ingress.profile().problems().stream()
                .map(problem -> ingress.finding(
                        Rule.WS116,
                        configMapField(ingress, ControllerConfigMaps.problemKey(problem)),
                        problem,
                        "correct %s in %s".formatted(ControllerConfigMaps.problemKey(problem), source)));
    }

    /** A key of the controller ConfigMap, e.g. {@code ConfigMap ingress-nginx/controller data["proxy-read-timeout"]}. */
    static String configMapField(ReviewedIngress ingress, String key) {
        return "%s data[\"%s\"]".formatted(ingress.profile().source(), key);
    }
}
