package io.wsroute.rules;

import io.wsroute.nginx.IngressNginxAnnotation;
import io.wsroute.nginx.IngressNginxAnnotationTable;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.IngressNginxVerdict;
import io.wsroute.nginx.IngressNginxVerdict.Outcome;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * WS118, WS122 on ingress-nginx ({@link RejectionCheck} runs it only there): annotation values that take the whole Ingress down, whatever the annotation is for
 * (README "What it checks"). The annotation table says what the release does with each value: a validation error
 * the parser returns leaves the Ingress out of nginx.conf (WS118), a value nginx refuses stops the configuration
 * loading (WS118), and a denied location answers 503 on every path (WS122). Snippets are WS112's.
 */
final class IngressNginxRejectionCheck implements RejectionCheck.PlaneRejectionCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        return ingress.annotations().keySet().stream()
                .filter(this::reports)
                .sorted()
                .flatMap(key -> finding(ingress, key).stream());
    }

    /** Snippets are WS112's. */
    @Override
    public boolean reports(String key) {
        return key.startsWith(IngressNginxAnnotations.PREFIX) && !IngressNginxAnnotations.isSnippet(key);
    }

    private static Optional<Finding> finding(ReviewedIngress ingress, String key) {
        IngressNginxVerdict verdict = ingress.ingressNginxVerdict(key);
        if (!verdict.breaksIngress()) {
            return Optional.empty();
        }
        String value = ingress.annotations().get(key);
        String field = ReviewedIngress.annotationField(key);
        String said = "%s \"%s\": %s".formatted(key, value, verdict.reason());
        return Optional.of(
                switch (verdict.outcome()) {
                    case INGRESS_DROPPED ->
                        ingress.finding(
                                Rule.WS118,
                                field,
                                said
                                        + "; none of the Ingress's paths are served, WebSocket ones included (the controller's admission webhook, where installed, refuses it)",
                                fix(key, verdict));
                    case NGINX_REFUSES ->
                        ingress.finding(
                                Rule.WS118,
                                field,
                                said
                                        + ": the controller keeps its last good configuration, so this Ingress is not served and no later change of any Ingress is applied while it exists"
                                        + NginxTestAtAdmission.forIngress(
                                                ingress.settings().ingressNginxVersion()),
                                fix(key, verdict));
                    default ->
                        ingress.finding(
                                Rule.WS122, field, said + "; WebSocket handshakes get 503 too", fix(key, verdict));
                });
    }

    private static String fix(String key, IngressNginxVerdict verdict) {
        Optional<IngressNginxAnnotation> annotation =
                IngressNginxAnnotationTable.byName(key.substring(IngressNginxAnnotations.PREFIX.length()));
        if (verdict.outcome() == Outcome.NGINX_REFUSES) {
            return "set %s to a value nginx accepts (a non-negative number, a size in k or m, a single word) or remove it"
                    .formatted(key);
        }
        if (verdict.reason().contains("annotations-risk-level")) {
            return "remove %s, or raise annotations-risk-level in the controller ConfigMap to %s"
                    .formatted(key, annotation.map(a -> a.risk().configValue()).orElse("Critical"));
        }
        return annotation
                .map(a -> "set %s to %s, or remove it"
                        .formatted(key, a.validator().grammar()))
                .orElse("remove " + key);
    }
}
