package io.wsroute.nginx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's access settings as one controller's annotations.
 *
 * @param annotations keys and values to put on the route's Ingress
 * @param notEnforced one line per route field the controller cannot enforce as configured, naming the field
 */
public record AccessPlan(Map<String, String> annotations, List<String> notEnforced) {

    public AccessPlan {
        // Insertion order kept: it is the order the annotations are written in.
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        notEnforced = List.copyOf(notEnforced);
    }
}
