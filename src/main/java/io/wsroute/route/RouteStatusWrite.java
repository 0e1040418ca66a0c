package io.wsroute.route;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteStatus;

/**
 * A route's status written as a PUT of its status subresource: the route's identity, the resourceVersion the status
 * was computed from, and the whole new status. The API server takes only the status from a status write and keeps
 * the rest of the stored route, and it keeps the stored managedFields when a write sends none; so the PUT replaces
 * the status (a field the new status no longer has, an address withdrawn or a Gateway left, is gone afterwards) and
 * nothing else. It costs the API server less than the JSON patch of {@code /status} it replaced, which it first had to
 * apply to the stored object (BENCHMARKS.md, issue 18 item 6, 2026-12-07). wsroute is the status's only writer; the
 * resourceVersion makes a status computed from an older route fail with a conflict instead of landing.
 */
public final class RouteStatusWrite {

    private RouteStatusWrite() {}

    /** What the PUT sends: no spec, labels, annotations, owner references, finalizers or managedFields. */
    public static WebSocketRoute body(WebSocketRoute route, WebSocketRouteStatus status) {
        WebSocketRoute body = new WebSocketRoute();
        body.getMetadata().setNamespace(route.getMetadata().getNamespace());
        body.getMetadata().setName(route.getMetadata().getName());
        body.getMetadata().setResourceVersion(route.getMetadata().getResourceVersion());
        body.setStatus(status);
        return body;
    }

    /**
     * The route changed after this reconcile read it (a user's edit of the spec between the read and the write): the
     * status belongs to an older route, and the newer one's own event reconciles it again.
     */
    static boolean staleRoute(KubernetesClientException e) {
        return e.getCode() == 409;
    }
}
