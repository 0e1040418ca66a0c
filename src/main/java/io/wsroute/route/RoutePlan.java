package io.wsroute.route;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.rules.Finding;
import java.util.List;

/**
 * The Ingress a route should have.
 *
 * @param ingress the desired Ingress (what wsroute applies; other fields of the live object are left alone)
 * @param notEnforced declared settings the serving controller cannot enforce as configured, each naming the field
 *        and why ("spec.allowedOrigins: snippets are disabled on ingress-nginx ...")
 * @param errors error findings of the rules engine on the desired Ingress: when any, it is not applied
 * @param warnings warning findings (e.g. WS103, an idle timeout below the configured minimum): applied, and reported
 * @param accepted warning findings the route accepts on purpose ({@code spec.acceptedWarnings}): counted, not listed
 * @param url the URL clients use
 */
public record RoutePlan(
        Ingress ingress,
        List<String> notEnforced,
        List<Finding> errors,
        List<Finding> warnings,
        List<Finding> accepted,
        String url) {

    public RoutePlan {
        notEnforced = List.copyOf(notEnforced);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        accepted = List.copyOf(accepted);
    }
}
