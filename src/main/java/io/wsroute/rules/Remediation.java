package io.wsroute.rules;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The annotations to add so that an Ingress works for WebSocket traffic. Only additions: a key the Ingress
 * already carries is never part of a remediation, so applying one twice changes nothing.
 *
 * @param annotationsToAdd key to value, sorted by key so patches are stable
 */
public record Remediation(SortedMap<String, String> annotationsToAdd) {

    public static final Remediation NONE = new Remediation(new TreeMap<>());

    public Remediation {
        annotationsToAdd = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(annotationsToAdd));
    }

    public static Remediation of(Map<String, String> annotations) {
        return new Remediation(new TreeMap<>(annotations));
    }

    public boolean isEmpty() {
        return annotationsToAdd.isEmpty();
    }
}
