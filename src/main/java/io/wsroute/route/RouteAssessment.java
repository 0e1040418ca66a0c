package io.wsroute.route;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.route.api.WebSocketRouteStatus;
import java.util.List;
import java.util.Optional;

/**
 * What a route's reconcile should do and report, decided from a fixed view of the cluster.
 *
 * @param ready the Ready condition
 * @param enforced the Enforced condition, only once the route has a plan
 * @param apply the Ingress to write by server-side apply: empty when the live one already matches, or when the
 *     route is not ready (its last Ingress is left as it is: README "What the reconciler promises")
 * @param url the route's URL, once its spec is valid
 * @param ingressClassName the IngressClass serving it, once resolved to an NGINX controller
 * @param controller that controller's name ({@code ingress-nginx}, {@code nginx-inc})
 * @param ingressName the Ingress serving the route, once ready
 * @param address the Ingress's load-balancer address, once ready and published
 * @param notes what was assumed on the way (e.g. a controller ConfigMap not found), for the debug log
 */
public record RouteAssessment(
        RouteCondition ready,
        Optional<RouteCondition> enforced,
        Optional<Ingress> apply,
        String url,
        String ingressClassName,
        String controller,
        String ingressName,
        String address,
        List<String> notes) {

    public RouteAssessment {
        notes = List.copyOf(notes);
    }

    /** The status this assessment implies, conditions carried over from {@code before} where they did not change. */
    public WebSocketRouteStatus status(WebSocketRouteStatus before, Long generation) {
        WebSocketRouteStatus status = new WebSocketRouteStatus();
        status.setConditions(before.getConditions());
        status.setUrl(url);
        status.setIngressClassName(ingressClassName);
        status.setController(controller);
        status.setIngressName(ingressName);
        status.setAddress(address);
        ready.applyTo(status, generation);
        enforced.ifPresentOrElse(
                c -> c.applyTo(status, generation), () -> RouteCondition.remove(status, RouteCondition.ENFORCED));
        if (!ready.isTrue()) {
            // Only ready routes are probed.
            RouteCondition.remove(status, RouteCondition.HANDSHAKE_VERIFIED);
        }
        status.setObservedGeneration(generation);
        return status;
    }
}
