package io.wsroute.route;

import io.fabric8.kubernetes.api.model.HasMetadata;
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
 * @param gateway for a route with a gatewayRef: what to apply and where it lands
 * @param delete objects the route owns but no longer needs (the other kind after a switch between an IngressClass
 *     and a Gateway), to delete once the new objects are applied
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
        List<String> notes,
        GatewaySide gateway,
        List<HasMetadata> delete) {

    /**
     * The Gateway side of a route with a gatewayRef.
     *
     * @param gateway {@code namespace/name} of the Gateway, once found
     * @param httpRouteName the HTTPRoute serving the route, once ready
     * @param apply the HTTPRoute and ProxySettingsPolicy to write by server-side apply, in that order; only those
     *     that differ from the live ones, none while the route is not ready
     */
    public record GatewaySide(String gateway, String httpRouteName, List<HasMetadata> apply) {
        public static final GatewaySide NONE = new GatewaySide(null, null, List.of());

        public GatewaySide {
            apply = List.copyOf(apply);
        }
    }

    public RouteAssessment {
        notes = List.copyOf(notes);
        delete = List.copyOf(delete);
    }

    /** An assessment of a route on an IngressClass. */
    public RouteAssessment(
            RouteCondition ready,
            Optional<RouteCondition> enforced,
            Optional<Ingress> apply,
            String url,
            String ingressClassName,
            String controller,
            String ingressName,
            String address,
            List<String> notes) {
        this(
                ready,
                enforced,
                apply,
                url,
                ingressClassName,
                controller,
                ingressName,
                address,
                notes,
                GatewaySide.NONE,
                List.of());
    }

    /** This assessment, deleting {@code objects} too. */
    public RouteAssessment deleting(List<HasMetadata> objects) {
        return new RouteAssessment(
                ready,
                enforced,
                apply,
                url,
                ingressClassName,
                controller,
                ingressName,
                address,
                notes,
                gateway,
                objects);
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
        status.setGateway(gateway.gateway());
        status.setHttpRouteName(gateway.httpRouteName());
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
