package io.wsroute.rules;

import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.SnippetScanner.Breakage;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * WS105: an upstream HTTP version of 1.0, which has no Upgrade mechanism. On ingress-nginx the effective version
 * is the annotation when it is "1.0" or "1.1", else the ConfigMap's proxy-http-version (an invalid annotation falls
 * back to it). The F5 controller always writes 1.1. On both, a proxy_http_version in the location snippet is also
 * a duplicate of the one the template already wrote, which nginx refuses.
 */
final class HttpVersionCheck implements RuleCheck {

    private static final String HTTP_1_0 = "1.0";

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        Stream<Finding> snippets = LocationSnippets.findings(
                ingress,
                Breakage.HTTP_VERSION_BELOW_1_1,
                Rule.WS105,
                "asks for HTTP/1.0 to the backend, which cannot carry the Upgrade; the controller already writes "
                        + "proxy_http_version in that location, so nginx also refuses the duplicate and the configuration does not load");
        return Stream.concat(annotationOrConfigMap(ingress).stream(), snippets);
    }

    private static Optional<Finding> annotationOrConfigMap(ReviewedIngress ingress) {
        // Only a controller with a proxy-http-version setting can be told to speak 1.0 (the F5 one always writes 1.1).
        String key = IngressNginxAnnotations.PROXY_HTTP_VERSION;
        if (!ingress.reads(key)) {
            return Optional.empty();
        }
        String field = ReviewedIngress.annotationField(key);
        Optional<String> annotation =
                ingress.annotation(key).map(String::strip).filter(IngressNginxAnnotations.HTTP_VERSIONS::contains);
        if (annotation.isPresent()) {
            return annotation
                    .filter(HTTP_1_0::equals)
                    .map(v -> ingress.finding(
                            Rule.WS105,
                            field,
                            "proxy-http-version \"1.0\" makes nginx speak HTTP/1.0 to the backend, which cannot carry the Upgrade, so every WebSocket handshake fails",
                            "set %s: \"1.1\" (or remove it)".formatted(key)));
        }
        if (!ingress.profile().proxyHttpVersion().equals(HTTP_1_0)) {
            return Optional.empty();
        }
        return Optional.of(ingress.finding(
                Rule.WS105,
                field,
                "%s sets proxy-http-version \"1.0\"%s, so nginx speaks HTTP/1.0 to the backend, which cannot carry the Upgrade"
                        .formatted(
                                ingress.profile().source(),
                                ingress.annotation(key).isPresent()
                                        ? " and this Ingress's own value is not one ingress-nginx accepts"
                                        : ""),
                "set %s: \"1.1\" on this Ingress".formatted(key)));
    }
}
