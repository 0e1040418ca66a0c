package io.wsroute.route;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether the live Ingress already is what a server-side apply of the plan would make it, so a reconcile with
 * nothing to change makes no request. Fields others manage (an annotation a user added) are not compared: the
 * apply leaves them alone too.
 */
final class RouteIngressDiff {

    private static final String ANNOTATION_FIELD = "f:";

    private RouteIngressDiff() {}

    static boolean matches(Ingress live, Ingress desired, String fieldManager) {
        Map<String, String> liveAnnotations = orEmpty(live.getMetadata().getAnnotations());
        Map<String, String> desiredAnnotations = orEmpty(desired.getMetadata().getAnnotations());
        boolean annotationsMatch = desiredAnnotations.entrySet().stream()
                .allMatch(e -> e.getValue().equals(liveAnnotations.get(e.getKey())));
        // A key wsroute set earlier but no longer plans (a setting removed from the route) must go: an apply does that.
        boolean nothingStale = desiredAnnotations.keySet().containsAll(managedAnnotations(live, fieldManager));
        boolean labelsMatch = orEmpty(live.getMetadata().getLabels())
                .entrySet()
                .containsAll(orEmpty(desired.getMetadata().getLabels()).entrySet());
        boolean ownerMatches = Objects.equals(
                live.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences());
        boolean specMatches = live.getSpec() != null
                && Objects.equals(
                        live.getSpec().getIngressClassName(), desired.getSpec().getIngressClassName())
                && Objects.equals(live.getSpec().getRules(), desired.getSpec().getRules())
                && Objects.equals(
                        emptyToNull(live.getSpec().getTls()),
                        emptyToNull(desired.getSpec().getTls()));
        return annotationsMatch && nothingStale && labelsMatch && ownerMatches && specMatches;
    }

    /** Annotation keys the field manager owns, from managedFields ({@code f:metadata / f:annotations / f:<key>}). */
    @SuppressWarnings("unchecked")
    static Set<String> managedAnnotations(Ingress live, String fieldManager) {
        Set<String> keys = new HashSet<>();
        List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
        if (entries == null) {
            return keys;
        }
        for (ManagedFieldsEntry entry : entries) {
            if (!fieldManager.equals(entry.getManager()) || entry.getFieldsV1() == null) {
                continue;
            }
            Object metadata = entry.getFieldsV1().getAdditionalProperties().get("f:metadata");
            Object annotations = metadata instanceof Map<?, ?> m ? m.get("f:annotations") : null;
            if (annotations instanceof Map<?, ?> fields) {
                ((Map<String, Object>) fields)
                        .keySet().stream()
                                .filter(k -> k.startsWith(ANNOTATION_FIELD))
                                .map(k -> k.substring(ANNOTATION_FIELD.length()))
                                .forEach(keys::add);
            }
        }
        return keys;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
