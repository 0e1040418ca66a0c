package io.wsroute.nginx;

import java.util.Map;

/**
 * The snippets an administrator puts in the controller ConfigMap, which the controller writes into every http
 * block, server or location whatever the snippet switches say (those gate annotations only). Empty strings when
 * unset.
 *
 * <p>ingress-nginx: {@code http-snippet}, {@code server-snippet}, {@code location-snippet}; the location one comes
 * after the Ingress's own configuration-snippet. The F5 controller: {@code http-snippets}, {@code server-snippets},
 * {@code location-snippets}, one directive line per line; an Ingress's own {@code nginx.org/server-snippets} or
 * {@code location-snippets} annotation replaces the ConfigMap's.
 */
public record ConfigMapSnippets(String http, String server, String location) {

    public static final ConfigMapSnippets NONE = new ConfigMapSnippets("", "", "");

    /** A controller's ConfigMap snippet keys ({@link DataPlane#configMapSnippetKeys()}). */
    public record Keys(String http, String server, String location) {}

    /** The ConfigMap keys of a controller: http, server, location. */
    public static String httpKey(ControllerFlavor flavor) {
        return flavor.plane().configMapSnippetKeys().http();
    }

    public static String serverKey(ControllerFlavor flavor) {
        return flavor.plane().configMapSnippetKeys().server();
    }

    public static String locationKey(ControllerFlavor flavor) {
        return flavor.plane().configMapSnippetKeys().location();
    }

    static ConfigMapSnippets read(ControllerFlavor flavor, Map<String, String> values) {
        return new ConfigMapSnippets(
                values.getOrDefault(httpKey(flavor), ""),
                values.getOrDefault(serverKey(flavor), ""),
                values.getOrDefault(locationKey(flavor), ""));
    }
}
