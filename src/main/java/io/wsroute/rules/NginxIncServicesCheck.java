package io.wsroute.rules;

import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.NginxIncAnnotations;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * WS108, WS109 (F5 controller only): it forwards Upgrade/Connection only for Services named in
 * nginx.org/websocket-services, and rejects the whole Ingress when that list names a Service the Ingress does not
 * use (it splits on commas without trimming, so "a, b" names " b").
 */
final class NginxIncServicesCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        if (ingress.flavor() != ControllerFlavor.NGINX_INC) {
            return Stream.empty();
        }
        String field = ReviewedIngress.annotationField(NginxIncAnnotations.WEBSOCKET_SERVICES);
        String raw = ingress.annotations().get(NginxIncAnnotations.WEBSOCKET_SERVICES);
        Set<String> used = ingress.backends().stream().map(Backend::serviceName).collect(Collectors.toSet());
        Stream.Builder<Finding> findings = Stream.builder();
        Set<String> listed = Set.of();
        if (raw != null) {
            List<String> names = Arrays.asList(raw.split(",", -1));
            listed = Set.copyOf(names);
            Set<String> unknown = names.stream().filter(n -> !used.contains(n)).collect(Collectors.toCollection(TreeSet::new));
            if (raw.isBlank() || !unknown.isEmpty()) {
                String suggestion = names.stream().map(String::trim).filter(used::contains).distinct().sorted()
                        .collect(Collectors.joining(","));
                findings.add(ingress.finding(Rule.WS109, field,
                        (raw.isBlank() ? "the list is empty" : "it names %s, which the Ingress does not use as a backend"
                                .formatted(unknown.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "))))
                                + "; the F5 controller rejects the whole Ingress",
                        "list only backend Service names, comma-separated without spaces"
                                + (suggestion.isEmpty() ? "" : ": \"" + suggestion + "\"")));
            }
        }
        Set<String> finalListed = listed;
        Set<String> missing = ingress.detection().services().stream().filter(s -> !finalListed.contains(s))
                .filter(used::contains).collect(Collectors.toCollection(TreeSet::new));
        if (!missing.isEmpty()) {
            Set<String> wanted = new TreeSet<>(ingress.detection().services());
            findings.add(ingress.finding(Rule.WS108, field,
                    "Service %s carries WebSocket traffic but is not in %s, so the F5 controller does not forward Upgrade and the backend answers 400 or 426"
                            .formatted(String.join(", ", missing), NginxIncAnnotations.WEBSOCKET_SERVICES),
                    "set %s: \"%s\"".formatted(NginxIncAnnotations.WEBSOCKET_SERVICES, String.join(",", wanted))));
        }
        return findings.build();
    }
}
