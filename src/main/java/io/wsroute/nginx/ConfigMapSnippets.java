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

    /** The ConfigMap keys of a controller: http, server, location. */
    public static String httpKey(ControllerFlavor flavor) {
        return flavor == ControllerFlavor.INGRESS_NGINX ? "http-snippet" : "http-snippets";
    }

    public static String serverKey(ControllerFlavor flavor) {
        return flavor == ControllerFlavor.INGRESS_NGINX ? "server-snippet" : "server-snippets";
    }

    public static String locationKey(ControllerFlavor flavor) {
        return flavor == ControllerFlavor.INGRESS_NGINX ? "location-snippet" : "location-snippets";
    }

    static ConfigMapSnippets read(ControllerFlavor flavor, Map<String, String> values) {
        return new ConfigMapSnippets(
                values.getOrDefault(httpKey(flavor), ""),
                values.getOrDefault(serverKey(flavor), ""),
                values.getOrDefault(locationKey(flavor), ""));
    }
}
