package io.wsroute.rules;

import io.wsroute.nginx.ConfigMapSnippets;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.DataPlane;
import io.wsroute.nginx.SnippetScanner;
import io.wsroute.nginx.SnippetScanner.Breakage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The breaking directives in the snippets that reach the Ingress's WebSocket locations, for WS105, WS106 and WS117:
 * the Ingress's location snippet (ingress-nginx configuration-snippet, F5 location-snippets) and the controller
 * ConfigMap's (ingress-nginx location-snippet, written after the Ingress's own; F5 location-snippets, replaced by the
 * Ingress's own). Server and http snippets (annotation or ConfigMap) are only scanned for a cleared Upgrade header:
 * the controllers' locations all set their own proxy_set_header and proxy_http_version lines, so nginx does not
 * inherit server- or http-level ones into them, while an input header cleared there applies to every location.
 */
final class LocationSnippets {

    /** One snippet: its text, the field it lives in, where a fix removes it, and whether it is location-level. */
    private record Source(String text, String field, String where, boolean location) {}

    private LocationSnippets() {}

    /** Hits of one kind, each as a finding on the snippet that says what breaks and what to remove. */
    static Stream<Finding> findings(ReviewedIngress ingress, Breakage breakage, Rule rule, String consequence) {
        return sources(ingress).stream()
                .filter(source -> source.location() || breakage == Breakage.UPGRADE_CLEARED)
                .flatMap(source -> SnippetScanner.scan(source.text()).stream()
                        .filter(hit -> hit.breakage() == breakage)
                        .map(hit -> ingress.finding(
                                rule,
                                source.field(),
                                "snippet directive `%s` %s".formatted(hit.directive(), consequence),
                                "remove `%s` from %s".formatted(hit.directive(), source.where()))));
    }

    private static List<Source> sources(ReviewedIngress ingress) {
        DataPlane plane = ingress.plane();
        ControllerFlavor flavor = plane.flavor();
        ConfigMapSnippets configured = ingress.profile().snippets();
        List<Source> sources = new ArrayList<>();
        String location = plane.locationSnippet();
        String server = plane.serverSnippet();
        annotation(ingress, location, true, sources);
        if (!ingress.droppedByMergeable(server)) {
            annotation(ingress, server, false, sources);
        }
        // ingress-nginx writes the ConfigMap's location snippet after the Ingress's; the F5 controller only when the
        // Ingress has none of its own (and the same for server snippets)
        boolean replaces = plane.snippetAnnotationsReplaceConfigMap();
        if (!(replaces && ingress.annotations().containsKey(location))) {
            configMap(ingress, ConfigMapSnippets.locationKey(flavor), configured.location(), true, sources);
        }
        if (!(replaces && ingress.annotations().containsKey(server))) {
            configMap(ingress, ConfigMapSnippets.serverKey(flavor), configured.server(), false, sources);
        }
        configMap(ingress, ConfigMapSnippets.httpKey(flavor), configured.http(), false, sources);
        return sources;
    }

    private static void annotation(ReviewedIngress ingress, String key, boolean location, List<Source> sources) {
        ingress.annotation(key)
                .ifPresent(text -> sources.add(new Source(text, ReviewedIngress.annotationField(key), key, location)));
    }

    private static void configMap(
            ReviewedIngress ingress, String key, String text, boolean location, List<Source> sources) {
        if (!text.isEmpty()) {
            sources.add(new Source(
                    text,
                    ConfigMapProblemsCheck.configMapField(ingress, key),
                    "%s in %s".formatted(key, ingress.profile().source()),
                    location));
        }
    }
}
