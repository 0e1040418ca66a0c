package io.wsroute.nginx;

import com.google.re2j.Pattern;

/**
 * The strict grammar of every annotation value wsroute writes into an Ingress. The controllers paste some annotation
 * values into nginx.conf, so a value outside this grammar could carry directives ({@code ;}, braces, newlines,
 * variables, quotes, Lua). wsroute never writes snippets; it writes seconds, an HTTP version, a backend protocol and
 * lists of Service names, and each of those is checked here before it leaves the generator.
 */
public final class GeneratedValues {

    /** A Service name as the API server validates it: a DNS-1035 label, 1 to 63 characters. */
    private static final String LABEL = "[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?";

    private static final Pattern SERVICE_NAME = Pattern.compile(LABEL);
    private static final Pattern VALUE = Pattern.compile(
            "[0-9]{1,9}s?" // timeouts: ingress-nginx seconds, nginx.org seconds with unit
                    + "|1\\.1" // proxy-http-version
                    + "|HTTPS" // backend-protocol
                    + "|" + LABEL + "(?:," + LABEL + ")*"); // websocket-services, ssl-services

    private GeneratedValues() {}

    /**
     * True for a valid Service name. Names come from the Ingress, and the mutating webhook sees the object before
     * the API server validates it, so a name can be anything until checked.
     */
    public static boolean isServiceName(String name) {
        return name != null && SERVICE_NAME.matcher(name).matches();
    }

    /** True when {@code value} is in the grammar of values wsroute may write. */
    public static boolean isAllowed(String value) {
        return value != null && VALUE.matcher(value).matches();
    }
}
