package io.wsroute.rules;

import io.wsroute.nginx.WsrouteAnnotations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Warnings accepted on purpose ({@code wsroute.io/accept: "WS103,WS113"}, README "Accepting warnings"): the one
 * place that decides which findings are open and which are accepted, for the webhook, the audit, lint and route
 * status alike. Only warnings can be accepted; an error stays open whatever the list says, since switching
 * enforcement off belongs to whoever may label namespaces. The list itself is checked: an id that no longer fires
 * (WS140), one that is no rule (WS141) and one that cannot be accepted (WS142) are warnings of their own, which
 * cannot be accepted in turn.
 */
final class Acceptance {

    /** What the findings become: open ones (including findings about the list) and the accepted ones. */
    record Outcome(List<Finding> open, List<Finding> accepted) {}

    private static final Pattern RULE_ID = Pattern.compile("WS\\d{3}");
    /** Rules about the accept list itself. */
    private static final Set<Rule> ABOUT_THE_LIST = Set.of(Rule.WS140, Rule.WS141, Rule.WS142);
    /** Entries quoted back in a finding are cut: the value is the user's and may be long. */
    private static final int SHOWN = 40;
    /** Entries read from the list; a hostile value must not turn into thousands of findings. */
    static final int MAX_ENTRIES = 32;

    private Acceptance() {}

    static Outcome apply(ReviewedIngress ingress, List<Finding> findings) {
        Optional<String> value = ingress.annotation(WsrouteAnnotations.ACCEPT);
        if (value.isEmpty()) {
            return new Outcome(findings, List.of());
        }
        Set<Rule> accepted = new LinkedHashSet<>();
        List<Finding> aboutTheList = new ArrayList<>();
        List<String> entries = entries(value.get());
        if (entries.size() > MAX_ENTRIES) {
            aboutTheList.add(tooLong(ingress, entries.size()));
            entries = entries.subList(0, MAX_ENTRIES);
        }
        for (String entry : entries) {
            Optional<Rule> rule = known(entry);
            if (rule.isEmpty()) {
                aboutTheList.add(notARule(ingress, entry));
            } else if (rule.get().severity() == Severity.ERROR || ABOUT_THE_LIST.contains(rule.get())) {
                aboutTheList.add(notAcceptable(ingress, rule.get()));
            } else {
                accepted.add(rule.get());
            }
        }
        List<Finding> open = new ArrayList<>();
        List<Finding> silenced = new ArrayList<>();
        Set<String> fired = new LinkedHashSet<>();
        for (Finding finding : findings) {
            fired.add(finding.rule());
            boolean accept = finding.severity() == Severity.WARNING
                    && accepted.stream().anyMatch(r -> r.id().equals(finding.rule()));
            (accept ? silenced : open).add(finding);
        }
        for (Rule rule : accepted) {
            if (!fired.contains(rule.id())) {
                aboutTheList.add(stale(ingress, rule));
            }
        }
        open.addAll(aboutTheList);
        return new Outcome(List.copyOf(open), List.copyOf(silenced));
    }

    /** Comma- or space-separated entries, as people write lists in annotations; empty and repeated ones skipped. */
    static List<String> entries(String value) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : value.split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return new ArrayList<>(entries);
    }

    private static Optional<Rule> known(String entry) {
        if (!RULE_ID.matcher(entry).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Rule.valueOf(entry));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String field() {
        return ReviewedIngress.annotationField(WsrouteAnnotations.ACCEPT);
    }

    private static Finding stale(ReviewedIngress ingress, Rule rule) {
        return ingress.finding(
                Rule.WS140,
                field(),
                "%s is accepted on this Ingress but no longer occurs, so the acceptance would silently cover it if it came back"
                        .formatted(rule.id()),
                "remove %s from %s".formatted(rule.id(), WsrouteAnnotations.ACCEPT));
    }

    private static Finding notARule(ReviewedIngress ingress, String entry) {
        return ingress.finding(
                Rule.WS141,
                field(),
                "\"%s\" is not a wsroute rule id, so it accepts nothing".formatted(shown(entry)),
                "list rule ids of warnings, comma-separated, e.g. %s: \"WS103,WS113\" (README rule table)"
                        .formatted(WsrouteAnnotations.ACCEPT));
    }

    private static Finding tooLong(ReviewedIngress ingress, int entries) {
        return ingress.finding(
                Rule.WS141,
                field(),
                "the list has %d entries; only the first %d are read".formatted(entries, MAX_ENTRIES),
                "list only the rule ids of the warnings accepted on this Ingress");
    }

    private static Finding notAcceptable(ReviewedIngress ingress, Rule rule) {
        String why = rule.severity() == Severity.ERROR
                ? "%s is an error: errors break WebSocket traffic and cannot be accepted, only fixed (or the namespace's wsroute.io/admission label changed by whoever may label it)"
                        .formatted(rule.id())
                : "%s is about the accept list itself and cannot be accepted".formatted(rule.id());
        return ingress.finding(
                Rule.WS142,
                field(),
                why,
                "remove %s from %s and fix what it reports".formatted(rule.id(), WsrouteAnnotations.ACCEPT));
    }

    private static String shown(String entry) {
        String printable = entry.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= SHOWN ? printable : printable.substring(0, SHOWN) + "...";
    }
}
