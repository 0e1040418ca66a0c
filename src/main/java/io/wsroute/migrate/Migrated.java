package io.wsroute.migrate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** An Ingress migrated to some data plane, as the report shows it. */
public interface Migrated {

    /** Where the Ingress was read. */
    String source();

    /** The Ingress's namespace/name. */
    String name();

    List<Change> changes();

    /** The manifests written for the target, in order. */
    List<HasMetadata> objects();

    /** Lost effects and open decisions make the migration exit 1. */
    default boolean needsDecision() {
        return changes().stream().anyMatch(Change::needsDecision);
    }
}
