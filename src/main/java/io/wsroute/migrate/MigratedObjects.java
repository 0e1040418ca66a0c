package io.wsroute.migrate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One ingress-nginx Ingress rewritten as Gateway API objects (HTTPRoutes, and the ProxySettingsPolicy carrying its
 * timeouts on NGINX Gateway Fabric), with what happened to each of its settings.
 *
 * @param source where the Ingress was read, for the report
 * @param name the Ingress's namespace/name
 */
public record MigratedObjects(String source, String name, List<HasMetadata> objects, List<Change> changes)
        implements Migrated {

    public MigratedObjects {
        objects = List.copyOf(objects);
        changes = List.copyOf(changes);
    }
}
