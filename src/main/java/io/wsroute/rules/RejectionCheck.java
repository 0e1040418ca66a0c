package io.wsroute.rules;

import io.wsroute.nginx.ControllerFlavor;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * WS118 (and WS122 on ingress-nginx): annotation values the serving controller refuses, so it drops the Ingress or
 * its locations (README "What it checks"). One rule for every data plane, one check per plane: each controller
 * validates in its own way, from its own annotation table. A plane without a check here is not judged.
 */
final class RejectionCheck implements RuleCheck {

    private static final Map<ControllerFlavor, PlaneRejectionCheck> BY_PLANE = new EnumMap<>(Map.of(
            ControllerFlavor.INGRESS_NGINX, new IngressNginxRejectionCheck(),
            ControllerFlavor.NGINX_INC, new NginxIncRejectionCheck()));

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        PlaneRejectionCheck plane = BY_PLANE.get(ingress.flavor());
        return plane == null ? Stream.empty() : plane.check(ingress);
    }

    /** True when WS118 reports a refused value of this key, so the key's own rule leaves it alone. */
    static boolean reports(ReviewedIngress ingress, String key) {
        PlaneRejectionCheck plane = BY_PLANE.get(ingress.flavor());
        return plane != null && plane.reports(key);
    }

    /** One plane's WS118 check, and the keys whose refusals it reports (the others have rules of their own). */
    interface PlaneRejectionCheck extends RuleCheck {
        boolean reports(String key);
    }
}
