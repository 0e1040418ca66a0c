package io.wsroute.probe;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a route's public URL into the request that probes it through the address that serves it: the connection
 * goes to the controller's Service, the load balancer or a configured address, while the Host header and TLS
 * server name stay the route's host, exactly as a client resolving that host would send them.
 *
 * @param mode where to connect
 * @param address host for {@link ProbeMode#ADDRESS}
 * @param httpPort port for ws:// routes
 * @param httpsPort port for wss:// routes
 * @param timeout bound on each probe
 * @param insecure accept any certificate (controllers with self-signed default certificates)
 */
public record ProbeTargeting(
        ProbeMode mode, Optional<String> address, int httpPort, int httpsPort, Duration timeout, boolean insecure) {

    /** Either a request, or why no probe can be sent yet (becomes the condition's Unknown message). */
    public record Target(Optional<ProbeRequest> request, String unavailable) {
        static Target of(ProbeRequest request) {
            return new Target(Optional.of(request), "");
        }

        static Target none(String why) {
            return new Target(Optional.empty(), why);
        }
    }

    public ProbeTargeting {
        Objects.requireNonNull(mode, "mode");
        address = address == null ? Optional.empty() : address.filter(a -> !a.isBlank());
        if (mode == ProbeMode.ADDRESS && address.isEmpty()) {
            throw new IllegalArgumentException("wsroute.probe.mode=address needs wsroute.probe.address");
        }
        if (!validPort(httpPort) || !validPort(httpsPort)) {
            throw new IllegalArgumentException("wsroute.probe ports must be between 1 and 65535");
        }
    }

    /**
     * The probe for a route.
     *
     * @param routeUrl the route's URL ({@code ws://host/path} or {@code wss://...})
     * @param controllerService {@code namespace/name} of the Service of the controller that serves the route
     * @param loadBalancer the route's Ingress load-balancer IP or host name, when the controller published one
     */
    public Target target(URI routeUrl, String controllerService, Optional<String> loadBalancer) {
        if (routeUrl.getHost() == null) {
            // *.example.com is no URI host: which name would a client send?
            return Target.none("a wildcard host cannot be probed: try one of its names with lint --probe --probe-host");
        }
        boolean tls = "wss".equalsIgnoreCase(routeUrl.getScheme());
        int port = tls ? httpsPort : httpPort;
        Optional<String> host = switch (mode) {
            case OFF -> Optional.empty();
            case ADDRESS -> address;
            case LOAD_BALANCER -> loadBalancer.filter(a -> !a.isBlank());
            case CONTROLLER_SERVICE -> serviceDnsName(controllerService);
        };
        if (mode == ProbeMode.OFF) {
            return Target.none("probing is off (wsroute.probe.mode=off)");
        }
        if (host.isEmpty()) {
            return Target.none(
                    mode == ProbeMode.LOAD_BALANCER
                            ? "the Ingress has no load-balancer address yet"
                            : "no controller Service configured for this controller");
        }
        String path = routeUrl.getRawPath() == null || routeUrl.getRawPath().isEmpty() ? "/" : routeUrl.getRawPath();
        String authority =
                host.get().contains(":") && !host.get().startsWith("[") ? "[" + host.get() + "]" : host.get();
        try {
            return Target.of(ProbeRequest.of(
                    (tls ? "wss://" : "ws://") + authority + ":" + port + path,
                    Optional.of(routeUrl.getHost()),
                    timeout,
                    insecure));
        } catch (IllegalArgumentException e) {
            return Target.none("cannot probe " + routeUrl + " through " + host.get() + ": " + e.getMessage());
        }
    }

    private static Optional<String> serviceDnsName(String namespacedName) {
        if (namespacedName == null || !namespacedName.matches("[a-z0-9-]+/[a-z0-9-]+")) {
            return Optional.empty();
        }
        String[] parts = namespacedName.split("/");
        return Optional.of(parts[1] + "." + parts[0] + ".svc");
    }

    private static boolean validPort(int port) {
        return port > 0 && port < 65536;
    }
}
