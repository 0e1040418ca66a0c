package io.wsroute.rules;

import io.wsroute.nginx.AnnotationCatalog;
import io.wsroute.nginx.SnippetScanner;
import io.wsroute.nginx.SnippetScanner.Breakage;
import java.util.stream.Stream;

/**
 * The breaking directives in the Ingress's location snippet (ingress-nginx configuration-snippet, F5
 * location-snippets), for WS105 and WS106. Server snippets are not scanned: the controllers' locations all set their
 * own proxy_set_header lines, so nginx does not inherit server-level ones into them.
 */
final class LocationSnippets {

    private LocationSnippets() {}

    /** Hits of one kind, each as a finding on the snippet annotation that says what breaks and what to remove. */
    static Stream<Finding> findings(ReviewedIngress ingress, Breakage breakage, Rule rule, String consequence) {
        String key = AnnotationCatalog.locationSnippet(ingress.flavor());
        return ingress.annotation(key).stream()
                .flatMap(snippet -> SnippetScanner.scan(snippet).stream())
                .filter(hit -> hit.breakage() == breakage)
                .map(hit -> ingress.finding(
                        rule,
                        ReviewedIngress.annotationField(key),
                        "snippet directive `%s` %s".formatted(hit.directive(), consequence),
                        "remove `%s` from %s".formatted(hit.directive(), key)));
    }
}
