package io.wsroute.rules;

import io.wsroute.nginx.ControllerConfigMaps;
import java.util.stream.Stream;

/**
 * Values in the controller's ConfigMap, one finding per value, reported on WebSocket Ingresses because the global
 * timeouts and gates the rules rely on come from there. WS116: a value the controller does not accept and replaces
 * by its default. WS125: a value the controller copies into nginx.conf and nginx refuses: the controller's reloads
 * all fail from then on, so no later change (this Ingress included) reaches nginx.
 */
final class ConfigMapProblemsCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        String source = ingress.profile().source();
        Stream<Finding> ignored = ingress.profile().problems().stream()
                .map(problem -> ingress.finding(
                        Rule.WS116,
                        configMapField(ingress, ControllerConfigMaps.problemKey(problem)),
                        problem,
                        "correct %s in %s".formatted(ControllerConfigMaps.problemKey(problem), source)));
        Stream<Finding> refused = ingress.profile().reloadFailures().stream()
                .map(failure -> ingress.finding(
                        Rule.WS125,
                        configMapField(ingress, ControllerConfigMaps.problemKey(failure)),
                        failure + admissionNote(ingress),
                        "correct %s in %s to a value nginx accepts%s"
                                .formatted(
                                        ControllerConfigMaps.problemKey(failure),
                                        source,
                                        ControllerConfigMaps.problemKey(failure).endsWith("-timeout")
                                                ? " (one nginx time without spaces, such as 3600s or 1h30m)"
                                                : "")));
        return Stream.concat(ignored, refused);
    }

    /** ingress-nginx's webhook renders the whole configuration, ConfigMap included; the F5 controller has none. */
    private static String admissionNote(ReviewedIngress ingress) {
        return ingress.plane().hasAdmissionWebhook()
                ? NginxTestAtAdmission.forConfigMap(ingress.settings().ingressNginxVersion())
                : "";
    }

    /** A key of the controller ConfigMap, e.g. {@code ConfigMap ingress-nginx/controller data["proxy-read-timeout"]}. */
    static String configMapField(ReviewedIngress ingress, String key) {
        return "%s data[\"%s\"]".formatted(ingress.profile().source(), key);
    }
}
