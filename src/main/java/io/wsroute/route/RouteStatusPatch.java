package io.wsroute.route;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.route.api.WebSocketRouteStatus;
import java.util.List;
import java.util.Map;

/**
 * A route's status written as one JSON patch that sets the whole of {@code /status}. The API server applies it on
 * its plain update path, which costs it less than a server-side apply of the same status (BENCHMARKS.md, issue 18
 * item 6), and a field the new status no longer has (an address withdrawn, a
 * route that left its Gateway) is gone afterwards, which a JSON merge patch of the same object would not do. wsroute
 * is the status's only writer, so the last write winning is what server-side apply with force did before. Pure;
 * public for the reconcile benchmark, which prices each kind of write.
 */
public final class RouteStatusPatch {

    private RouteStatusPatch() {}

    /** The RFC 6902 patch: "add" replaces {@code /status} when present and creates it on a new route. */
    public static String body(WebSocketRouteStatus status) {
        return Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    }
}
