package io.wsroute.nginx;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which annotation keys each controller really reads, so rules can tell a working key from one that is silently
 * ignored. Neither controller warns about keys it does not know: a copied {@code nginx.org/websocket-services} on
 * ingress-nginx, or the invented {@code nginx.ingress.kubernetes.io/websocket-services}, just does nothing.
 */
public final class AnnotationCatalog {

    /** Where a key stands for the controller serving the Ingress. */
    public enum Standing {
        /** The serving controller reads it. */
        KNOWN,
        /** A key of the other NGINX controller; the serving one ignores it. */
        OTHER_FLAVOR,
        /** Under the serving controller's prefix, but not a name it reads. */
        UNKNOWN_NAME,
        /** {@code nginx.ingress.kubernetes.io/websocket-services}: exists in no controller, yet is often written. */
        NONEXISTENT,
        /** The pre-0.9 {@code ingress.kubernetes.io/} prefix, which no current NGINX controller reads. */
        LEGACY_PREFIX,
        /** Not an NGINX controller key at all (wsroute.io/, kubectl, cert-manager...): not ours to judge. */
        FOREIGN
    }

    private AnnotationCatalog() {}

    public static Standing classify(String key, ControllerFlavor serving) {
        return classify(key, serving, IngressNginxVersion.LATEST);
    }

    /** As {@link #classify(String, ControllerFlavor)}, for the given ingress-nginx release. */
    public static Standing classify(String key, ControllerFlavor serving, IngressNginxVersion ingressNginx) {
        if (key.equals(IngressNginxAnnotations.NONEXISTENT_WEBSOCKET_SERVICES)) {
            return Standing.NONEXISTENT;
        }
        if (knows(serving, key, ingressNginx)) {
            return Standing.KNOWN;
        }
        if (key.startsWith(IngressNginxAnnotations.LEGACY_PREFIX)) {
            return Standing.LEGACY_PREFIX;
        }
        return ownerOf(key)
                .map(owner -> owner == serving ? Standing.UNKNOWN_NAME : Standing.OTHER_FLAVOR)
                .orElse(Standing.FOREIGN);
    }

    /** The controller whose prefix the key carries (nginx.com/ counts as the F5 controller's). */
    public static Optional<ControllerFlavor> ownerOf(String key) {
        return Arrays.stream(ControllerFlavor.values())
                .filter(flavor -> flavor.plane().ownsPrefix(key))
                .findFirst();
    }

    /** True when the controller (ingress-nginx: its latest release) reads this exact key. */
    public static boolean knows(ControllerFlavor flavor, String key) {
        return flavor.plane().reads(key);
    }

    /** True when the controller reads this exact key, ingress-nginx as the given release (only it is versioned). */
    public static boolean knows(ControllerFlavor flavor, String key, IngressNginxVersion ingressNginx) {
        return flavor.plane().reads(key, ingressNginx);
    }

    /** The key the serving controller reads for the same setting, when it has one by the same name. */
    public static Optional<String> counterpart(ControllerFlavor serving, String key) {
        String name = key.substring(key.indexOf('/') + 1);
        String candidate = serving.annotation(name);
        return knows(serving, candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** Snippet annotations, which each controller gates behind its own switch. */
    public static boolean isSnippet(ControllerFlavor flavor, String key) {
        return flavor.plane().isSnippet(key);
    }

    /** The snippet annotation inserted into every location of the Ingress (where Upgrade headers live). */
    public static String locationSnippet(ControllerFlavor flavor) {
        return flavor.plane().locationSnippet();
    }

    public static String proxyReadTimeout(ControllerFlavor flavor) {
        return flavor.plane().proxyReadTimeout();
    }

    public static String proxySendTimeout(ControllerFlavor flavor) {
        return flavor.plane().proxySendTimeout();
    }

    /** The annotation that turns the HTTP to HTTPS redirect off, which both controllers default on with TLS. */
    public static String sslRedirect(ControllerFlavor flavor) {
        return flavor.plane().sslRedirect();
    }
}
