package io.wsroute.migrate;

import java.util.Set;

/**
 * What the user decided on the command line.
 *
 * @param ingressClass the IngressClass the F5 controller serves
 * @param pinnedServices Services that carry WebSocket whatever the manifests say, as {@code namespace/name}
 */
public record MigrationOptions(String ingressClass, Set<String> pinnedServices) {

    /** The class name the F5 controller's Helm chart installs. */
    public static final String DEFAULT_NGINX_INC_CLASS = "nginx";
}
