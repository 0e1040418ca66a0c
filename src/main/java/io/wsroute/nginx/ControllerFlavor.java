package io.wsroute.nginx;

import java.util.Arrays;
import java.util.Optional;

/** The two NGINX-based Ingress controllers wsroute knows, identified as their IngressClass names them. */
public enum ControllerFlavor {
    /** Community kubernetes/ingress-nginx: forwards Upgrade by default, timeouts in integer seconds. */
    INGRESS_NGINX("ingress-nginx", "k8s.io/ingress-nginx", "nginx.ingress.kubernetes.io/"),
    /** F5 NGINX Ingress Controller: forwards Upgrade only for nginx.org/websocket-services, nginx time values. */
    NGINX_INC("nginx-inc", "nginx.org/ingress-controller", "nginx.org/");

    private final String cliName;
    private final String controllerName;
    private final String annotationPrefix;

    ControllerFlavor(String cliName, String controllerName, String annotationPrefix) {
        this.cliName = cliName;
        this.controllerName = controllerName;
        this.annotationPrefix = annotationPrefix;
    }

    /** Name used on the command line and in configuration ({@code ingress-nginx}, {@code nginx-inc}). */
    public String cliName() {
        return cliName;
    }

    /** Value of IngressClass {@code spec.controller} for this flavour. */
    public String controllerName() {
        return controllerName;
    }

    /** What this controller does differently from the others. */
    public DataPlane plane() {
        return DataPlanes.of(this);
    }

    public String annotationPrefix() {
        return annotationPrefix;
    }

    public String annotation(String name) {
        return annotationPrefix + name;
    }

    public static Optional<ControllerFlavor> fromControllerName(String controller) {
        return Arrays.stream(values())
                .filter(f -> f.controllerName.equals(controller))
                .findFirst();
    }

    public static Optional<ControllerFlavor> fromCliName(String name) {
        return Arrays.stream(values())
                .filter(f -> f.cliName.equalsIgnoreCase(name))
                .findFirst();
    }
}
