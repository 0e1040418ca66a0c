package io.wsroute.route.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Objects;

/** Whether an object belongs to a WebSocketRoute: the one place that reads owner references for it. */
public final class RouteOwnership {

    private RouteOwnership() {}

    /**
     * The owner reference of everything a route makes (Ingress, HTTPRoute, ProxySettingsPolicy): the route controls
     * it, and Kubernetes' garbage collector deletes it with the route.
     */
    public static OwnerReference controllerReference(WebSocketRoute route) {
        return new OwnerReferenceBuilder()
                .withApiVersion(route.getApiVersion())
                .withKind(route.getKind())
                .withName(route.getMetadata().getName())
                .withUid(route.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** An owner reference of kind WebSocketRoute in the wsroute.io group (any version). */
    public static boolean isRouteOwner(OwnerReference owner) {
        return isRouteOwner(owner.getApiVersion(), owner.getKind());
    }

    /** The same test on an owner reference's apiVersion and kind (null when absent). */
    public static boolean isRouteOwner(String apiVersion, String kind) {
        return WebSocketRoute.KIND.equals(kind)
                && apiVersion != null
                && apiVersion.startsWith(WebSocketRoute.GROUP + "/");
    }

    /** Owned by some WebSocketRoute. */
    public static boolean ownedByARoute(HasMetadata object) {
        return owners(object).stream().anyMatch(RouteOwnership::isRouteOwner);
    }

    /** Controlled by this very route (same uid): the Ingress the route made, not one that only shares its name. */
    public static boolean ownedBy(HasMetadata object, WebSocketRoute route) {
        return owners(object).stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getController())
                        && isRouteOwner(o)
                        && Objects.equals(o.getUid(), route.getMetadata().getUid()));
    }

    /** The names of the routes owning the object (its owner references of kind WebSocketRoute). */
    public static List<String> owningRoutes(HasMetadata object) {
        return owners(object).stream()
                .filter(RouteOwnership::isRouteOwner)
                .map(OwnerReference::getName)
                .toList();
    }

    private static List<OwnerReference> owners(HasMetadata object) {
        if (object.getMetadata() == null || object.getMetadata().getOwnerReferences() == null) {
            return List.of();
        }
        return object.getMetadata().getOwnerReferences();
    }
}
