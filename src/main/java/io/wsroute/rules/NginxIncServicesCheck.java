package io.wsroute.rules;

import io.wsroute.nginx.NginxIncAnnotations;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * WS108, WS109 (F5 controller only). It forwards Upgrade/Connection only for Services named in
 * nginx.org/websocket-services (WS108 when a WebSocket Service is missing). It rejects the whole Ingress when that
 * list names anything that is not a backend of the Ingress, and it splits on commas without trimming, so
 * {@code "a, b"} names {@code " b"} (WS109). A mergeable master may not carry the list: it is stripped there.
 */
final class NginxIncServicesCheck implements RuleCheck {

    private static final String KEY = NginxIncAnnotations.WEBSOCKET_SERVICES;

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        if (!ingress.reads(KEY)) {
            return Stream.empty();
        }
        String raw = ingress.annotations().get(KEY);
        if (raw != null
                && NginxIncAnnotations.MERGEABLE_MASTER.equals(
                        ingress.annotations().get(NginxIncAnnotations.MERGEABLE_INGRESS_TYPE))) {
            return Stream.of(ingress.finding(
                    Rule.WS109,
                    field(),
                    "%s is not allowed on a mergeable master (%s: master): the F5 controller strips it, so no minion gets the Upgrade headers"
                            .formatted(KEY, NginxIncAnnotations.MERGEABLE_INGRESS_TYPE),
                    "move %s to the minion Ingresses whose paths lead to the WebSocket Services".formatted(KEY)));
        }
        Set<String> used = ingress.backends().stream().map(Backend::serviceName).collect(Collectors.toSet());
        List<String> listed = raw == null ? List.of() : NginxIncAnnotations.parseServiceList(raw);
        return Stream.concat(malformed(ingress, raw, listed, used), missing(ingress, listed, used));
    }

    private static Stream<Finding> malformed(
            ReviewedIngress ingress, String raw, List<String> listed, Set<String> used) {
        Set<String> unknown =
                listed.stream().filter(n -> !used.contains(n)).collect(Collectors.toCollection(TreeSet::new));
        if (raw == null || unknown.isEmpty()) {
            return Stream.empty();
        }
        String suggestion = listed.stream()
                .map(String::trim)
                .filter(used::contains)
                .distinct()
                .sorted()
                .collect(Collectors.joining(","));
        String what = raw.isBlank()
                ? KEY + " is empty"
                : "%s names %s, which %s not a backend Service of this Ingress"
                        .formatted(
                                KEY,
                                unknown.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ")),
                                unknown.size() == 1 ? "is" : "are");
        return Stream.of(ingress.finding(
                Rule.WS109,
                field(),
                what
                        + "; the F5 controller rejects the whole Ingress (event \"Rejected\") and serves none of its paths",
                suggestion.isEmpty()
                        ? "list backend Service names, comma-separated without spaces"
                        : "set %s: \"%s\" (backend Service names, comma-separated without spaces)"
                                .formatted(KEY, suggestion)));
    }

    private static Stream<Finding> missing(ReviewedIngress ingress, List<String> listed, Set<String> used) {
        Set<String> missing = ingress.detection().services().stream()
                .filter(used::contains)
                .filter(s -> !listed.contains(s))
                .collect(Collectors.toCollection(TreeSet::new));
        if (missing.isEmpty()) {
            return Stream.empty();
        }
        Set<String> wanted = new TreeSet<>(ingress.detection().services());
        listed.stream().filter(used::contains).forEach(wanted::add);
        return Stream.of(ingress.finding(
                Rule.WS108,
                field(),
                "Service %s carries WebSocket traffic (%s) but is not in %s, so the F5 controller does not forward Upgrade and the backend answers 400 or 426"
                        .formatted(
                                String.join(", ", missing), ingress.detection().reason(), KEY),
                "set %s: \"%s\"".formatted(KEY, String.join(",", wanted))));
    }

    private static String field() {
        return ReviewedIngress.annotationField(KEY);
    }
}
