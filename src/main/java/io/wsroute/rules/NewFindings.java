package io.wsroute.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which findings a change introduces: the ones whose rule, object and field the state before did not have, whatever
 * their wording (a value edited from one wrong value to another is the same finding). Shared by the webhooks that
 * judge a change rather than a state: an Ingress UPDATE and a controller ConfigMap change.
 */
public final class NewFindings {

    private NewFindings() {}

    /** The findings of {@code after} that {@code before} did not have, in their order. */
    public static List<Finding> introduced(List<Finding> before, List<Finding> after) {
        Set<String> known = new HashSet<>();
        before.forEach(f -> known.add(key(f)));
        return after.stream().filter(f -> !known.contains(key(f))).toList();
    }

    /** Same rule on the same object and field: the same finding. */
    public static String key(Finding finding) {
        return finding.rule() + " " + finding.kind() + " " + finding.namespace() + "/" + finding.name() + " "
                + finding.field();
    }
}
