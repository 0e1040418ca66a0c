package io.wsroute.cluster;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.List;
import java.util.Map;

/**
 * What the informer caches keep of an object: everything but {@code managedFields}, of which only wsroute's own
 * annotation keys stay. Server-side apply records, per manager, every field it set; for a small object that
 * bookkeeping is larger than the object, and wsroute reads only which annotations it set on an Ingress it owns
 * (RouteIngressDiff). Pruned on
 * the way into the cache, so the copy that listeners and reconcilers see is the pruned one too.
 */
public final class CachePruning {

    /** The field manager of wsroute's Ingress writes (RouteReconciler); its managedFields entries are kept. */
    public static final String WSROUTE_FIELD_MANAGER = "wsroute";

    private CachePruning() {}

    /** An item store for informers that prunes what it stores. */
    public static <T extends HasMetadata> ItemStore<T> store() {
        return new TransformingItemStore<>(CachePruning::pruned);
    }

    /** {@code object} itself, without other managers' managedFields entries. */
    public static <T extends HasMetadata> T pruned(T object) {
        if (object.getMetadata() == null) {
            return object;
        }
        List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
        if (entries != null && !entries.isEmpty()) {
            List<ManagedFieldsEntry> own = entries.stream()
                    .filter(entry -> WSROUTE_FIELD_MANAGER.equals(entry.getManager()))
                    .map(CachePruning::annotationsOnly)
                    .toList();
            object.getMetadata().setManagedFields(own.isEmpty() ? null : own);
        }
        return object;
    }

    /** The entry with only its {@code f:metadata/f:annotations} part: the rest of what wsroute set goes unread. */
    private static ManagedFieldsEntry annotationsOnly(ManagedFieldsEntry entry) {
        if (entry.getFieldsV1() == null) {
            return entry;
        }
        Object metadata = entry.getFieldsV1().getAdditionalProperties().get("f:metadata");
        Object annotations = metadata instanceof Map<?, ?> fields ? fields.get("f:annotations") : null;
        FieldsV1 kept = new FieldsV1();
        if (annotations != null) {
            kept.setAdditionalProperty("f:metadata", Map.of("f:annotations", annotations));
        }
        return new ManagedFieldsEntryBuilder(entry).withFieldsV1(kept).build();
    }
}
