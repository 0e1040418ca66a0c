package io.wsroute.migrate;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Ingress rewritten for the target controller, what happened to each of its settings, and which Services were
 * taken for WebSocket and why.
 *
 * @param source where the Ingress was read, for the report
 */
public record MigratedIngress(
        String source, Ingress ingress, List<Change> changes, Map<String, Optional<String>> webSocketServices)
        implements Migrated {

    @Override
    public List<io.fabric8.kubernetes.api.model.HasMetadata> objects() {
        return List.of(ingress);
    }

    @Override
    public String name() {
        return ingress.getMetadata().getNamespace() + "/"
                + ingress.getMetadata().getName();
    }

    MigratedIngress with(Change change) {
        List<Change> more = new ArrayList<>(changes);
        more.add(change);
        return new MigratedIngress(source, ingress, List.copyOf(more), webSocketServices);
    }
}
