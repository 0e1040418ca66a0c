package io.wsroute.nginx;

import java.util.List;
import java.util.Optional;

/**
 * A WebSocketRoute's access settings, already validated, in the terms a data plane needs to write them.
 *
 * @param cookieName the affinity cookie's name when the route asks for cookie affinity
 * @param maxConnectionsPerClient the per-client connection limit, when set
 * @param sourceRanges CIDRs allowed to connect (empty: all)
 * @param originSnippet the nginx Origin check for the route's allowed origins (empty: no origin check)
 * @param sourceRangesSnippet the same source ranges as nginx allow/deny lines (empty: no ranges)
 * @param services the route's backend Services (per-Service settings such as F5 sticky cookies name them)
 */
public record RouteAccess(
        Optional<String> cookieName,
        Optional<Integer> maxConnectionsPerClient,
        List<String> sourceRanges,
        String originSnippet,
        String sourceRangesSnippet,
        List<String> services) {

    public RouteAccess {
        sourceRanges = List.copyOf(sourceRanges);
        services = List.copyOf(services);
    }

    /** Access settings that name no Service. */
    public RouteAccess(
            Optional<String> cookieName,
            Optional<Integer> maxConnectionsPerClient,
            List<String> sourceRanges,
            String originSnippet,
            String sourceRangesSnippet) {
        this(cookieName, maxConnectionsPerClient, sourceRanges, originSnippet, sourceRangesSnippet, List.of());
    }
}
