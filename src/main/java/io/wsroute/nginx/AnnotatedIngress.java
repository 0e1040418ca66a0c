package io.wsroute.nginx;

import java.util.Map;
import java.util.Set;

/**
 * What a controller's annotation validation looks at on one Ingress: its annotations, the Services its rules name,
 * the controller's settings, and the ingress-nginx release the settings name (only that controller is versioned by
 * release in its annotation table).
 */
public record AnnotatedIngress(
        Map<String, String> annotations,
        Set<String> services,
        ControllerProfile profile,
        IngressNginxVersion ingressNginx) {

    public AnnotatedIngress {
        annotations = Map.copyOf(annotations);
        services = Set.copyOf(services);
    }
}
