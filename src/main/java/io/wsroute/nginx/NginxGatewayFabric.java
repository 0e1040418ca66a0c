package io.wsroute.nginx;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What NGINX Gateway Fabric (NGF), the NGINX implementation of Gateway API, does with the parts of an HTTPRoute
 * and of its ProxySettingsPolicy that decide whether a WebSocket survives. The one place wsroute keeps NGF facts;
 * README "Gateway API" lists them with the NGF version they were read from.
 */
public final class NginxGatewayFabric {

    /** GatewayClass {@code spec.controllerName} of NGF. */
    public static final String CONTROLLER_NAME = "gateway.nginx.org/nginx-gateway-controller";

    /** API group and version of NGF's own policies. */
    public static final String POLICY_GROUP = "gateway.nginx.org";

    public static final String POLICY_VERSION = "v1alpha1";
    public static final String PROXY_SETTINGS_POLICY_KIND = "ProxySettingsPolicy";

    /** Gateway API's group, the only group a ProxySettingsPolicy may target. */
    public static final String GATEWAY_API_GROUP = "gateway.networking.k8s.io";

    /** NGF writes no proxy_read_timeout / proxy_send_timeout of its own, so nginx's 60 s apply. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** NGF's Duration: one to four digits and an optional unit; no unit means seconds. */
    private static final Pattern DURATION = Pattern.compile("^([0-9]{1,4})(ms|s|m|h)?$");

    /** Request header names NGF refuses in header filters: it sets them itself for every proxied request. */
    private static final Set<String> REFUSED_REQUEST_HEADERS = Set.of("host", "connection", "upgrade");

    /** Response header names NGF refuses in ResponseHeaderModifier filters. */
    private static final Set<String> REFUSED_RESPONSE_HEADERS =
            Set.of("server", "date", "x-pad", "content-type", "content-length", "connection");

    private static final String REFUSED_RESPONSE_PREFIX = "x-accel";

    /** Service appProtocol values NGF reads (Kubernetes standard application protocols). */
    public static final String APP_PROTOCOL_WS = "kubernetes.io/ws";

    public static final String APP_PROTOCOL_WSS = "kubernetes.io/wss";
    public static final String APP_PROTOCOL_H2C = "kubernetes.io/h2c";

    private NginxGatewayFabric() {}

    /**
     * True when a GatewayClass with this controllerName is served by NGF: its chart lets the name be changed, but
     * only below NGF's own domain.
     */
    public static boolean servedByNgf(String controllerName) {
        return controllerName != null && controllerName.startsWith(POLICY_GROUP + "/");
    }

    /**
     * A ProxySettingsPolicy duration as NGF accepts it (both its CRD pattern and its own validator use the same
     * grammar); empty when NGF refuses it. {@code 86400s} has five digits and is refused; {@code 24h} is accepted.
     */
    public static Optional<Duration> parseDuration(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return Optional.of(
                switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                });
    }

    /**
     * The shortest NGF duration that is at least {@code duration}: whole hours when it is a whole number of hours,
     * else minutes, else seconds, so that the value also fits the four-digit limit.
     */
    public static String formatDuration(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        if (seconds % 3600 == 0 && seconds / 3600 <= 9999) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0 && seconds / 60 <= 9999) {
            return seconds / 60 + "m";
        }
        if (seconds <= 9999) {
            return seconds + "s";
        }
        long minutes = (seconds + 59) / 60;
        if (minutes <= 9999) {
            return minutes + "m";
        }
        return Math.min(9999, (seconds + 3599) / 3600) + "h";
    }

    /** True when NGF refuses a request header filter (set, add or remove) on this header name. */
    public static boolean refusesRequestHeader(String name) {
        return name != null && REFUSED_REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** True when NGF refuses a response header filter on this header name. */
    public static boolean refusesResponseHeader(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return REFUSED_RESPONSE_HEADERS.contains(lower) || lower.startsWith(REFUSED_RESPONSE_PREFIX);
    }

    /** True for the hop-by-hop headers a WebSocket handshake needs to reach the backend. */
    public static boolean isUpgradeHeader(String name) {
        return name != null && (name.equalsIgnoreCase("upgrade") || name.equalsIgnoreCase("connection"));
    }
}
