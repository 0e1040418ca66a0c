package io.wsroute.rules;

import io.wsroute.nginx.AnnotationCatalog;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.NginxIncAnnotations;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * WS110, WS111: annotations that look like proxy settings but the serving controller never reads, and neither
 * controller warns about: the other controller's keys (WS110), and keys no controller has, such as
 * {@code nginx.ingress.kubernetes.io/websocket-services}, misspelt names, or the pre-0.9 ingress.kubernetes.io/
 * prefix (WS111).
 */
final class AnnotationPrefixCheck implements RuleCheck {

    private static final String NO_ANNOTATION_NEEDED =
            "remove it; ingress-nginx forwards WebSocket upgrades without any annotation";

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        return ingress.annotations().keySet().stream().sorted().flatMap(key -> classify(ingress, key).stream());
    }

    private static Optional<Finding> classify(ReviewedIngress ingress, String key) {
        ControllerFlavor serving = ingress.flavor();
        String field = ReviewedIngress.annotationField(key);
        return switch (AnnotationCatalog.classify(
                key, serving, ingress.settings().ingressNginxVersion())) {
            case KNOWN, FOREIGN -> Optional.empty();
            case NONEXISTENT ->
                Optional.of(ingress.finding(
                        Rule.WS111,
                        field,
                        key + " exists in no NGINX controller and is silently ignored",
                        ingress.plane()
                                .webSocketServices()
                                .map("use %s instead"::formatted)
                                .orElse(NO_ANNOTATION_NEEDED)));
            case LEGACY_PREFIX ->
                Optional.of(ingress.finding(
                        Rule.WS111,
                        field,
                        key
                                + " uses the legacy prefix ingress.kubernetes.io/, which %s does not read, so it is silently ignored"
                                        .formatted(serving.cliName()),
                        AnnotationCatalog.counterpart(serving, key)
                                .map(c -> "use " + c + " instead")
                                .orElse("remove it; %s has no such setting".formatted(serving.cliName()))));
            case UNKNOWN_NAME ->
                Optional.of(ingress.finding(
                        Rule.WS111,
                        field,
                        key + " is not an annotation %s reads, so it is silently ignored".formatted(serving.cliName()),
                        "check the name against the %s annotation reference".formatted(serving.cliName())));
            case OTHER_FLAVOR -> Optional.of(otherFlavor(ingress, key, field));
        };
    }

    private static Finding otherFlavor(ReviewedIngress ingress, String key, String field) {
        ControllerFlavor serving = ingress.flavor();
        ControllerFlavor owner = AnnotationCatalog.ownerOf(key).orElseThrow();
        if (!AnnotationCatalog.knows(owner, key)) {
            return ingress.finding(
                    Rule.WS111,
                    field,
                    key + " is not an annotation of either NGINX controller, so it is silently ignored",
                    "check the name against the %s annotation reference".formatted(serving.cliName()));
        }
        String fix = key.equals(NginxIncAnnotations.WEBSOCKET_SERVICES)
                ? NO_ANNOTATION_NEEDED
                : AnnotationCatalog.counterpart(serving, key)
                        .map(c -> "use %s instead (in that controller's value format)".formatted(c))
                        .orElse("remove it, or serve the Ingress from %s, which it was written for"
                                .formatted(owner.cliName()));
        return ingress.finding(
                Rule.WS110,
                field,
                "%s is an annotation of %s, but this Ingress is served by %s, which silently ignores it"
                        .formatted(key, owner.cliName(), serving.cliName()),
                fix);
    }
}
