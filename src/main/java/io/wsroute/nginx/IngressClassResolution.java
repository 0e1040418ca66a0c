package io.wsroute.nginx;

import java.util.Optional;

/**
 * Which controller serves an Ingress.
 *
 * @param className the IngressClass the Ingress asked for, or the default class; empty when neither exists
 * @param flavor the NGINX flavour serving that class; empty when the class belongs to another controller
 *        or is unknown
 * @param assumed true when no IngressClass object decided it and a configured default flavour was assumed
 * @param note how it was decided, for warnings ("IngressClass nginx not found; assumed ingress-nginx")
 */
public record IngressClassResolution(
        Optional<String> className, Optional<ControllerFlavor> flavor, boolean assumed, String note) {

    /** True when an NGINX controller (known or assumed) serves the Ingress, so the rules apply. */
    public boolean servedByNginx() {
        return flavor.isPresent();
    }
}
