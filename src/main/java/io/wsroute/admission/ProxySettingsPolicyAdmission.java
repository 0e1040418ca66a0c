package io.wsroute.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.wsroute.config.AdmissionMode;
import io.wsroute.gateway.HttpRouteRules;
import io.wsroute.gateway.ParentRef;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.nginx.NgfProxySettings;
import io.wsroute.review.ReviewContextFactory;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a ProxySettingsPolicy write by what it does to the WebSocket HTTPRoutes it reaches (those it targets, and
 * those attached to a Gateway it targets): each is evaluated with the policies as they are and as they would be,
 * and only timeout findings (WS130, WS131) the write introduces count. A policy that reaches no WebSocket route is
 * not wsroute's business and is allowed untouched, as are deletions.
 */
@ApplicationScoped
public class ProxySettingsPolicyAdmission {

    static final String API_VERSION = "gateway.nginx.org/v1alpha1";
    static final String KIND = "ProxySettingsPolicy";
    private static final Set<String> TIMEOUT_RULES = Set.of(Rule.WS130.id(), Rule.WS131.id());

    private final HttpRouteRules rules = new HttpRouteRules();
    private final GatewaySources sources;
    private final ReviewContextFactory contexts;
    private final ObjectMapper mapper;

    public ProxySettingsPolicyAdmission(GatewaySources sources, ReviewContextFactory contexts, ObjectMapper mapper) {
        this.sources = sources;
        this.contexts = contexts;
        this.mapper = mapper;
    }

    public AdmissionVerdict validate(AdmissionRequest request) {
        if (!request.hasObject() || HttpRouteAdmission.beingDeleted(request)) {
            return HttpRouteAdmission.allow(request, List.of());
        }
        ProxySettingsPolicy policy = request.objectAs(mapper, ProxySettingsPolicy.class);
        if (policy.getMetadata().getNamespace() == null) {
            policy.getMetadata().setNamespace(request.namespace());
        }
        List<String> notes = new ArrayList<>();
        AdmissionMode mode = contexts.modeFor(request.namespace(), notes);
        if (mode == AdmissionMode.OFF || policy.getSpec() == null) {
            return HttpRouteAdmission.allow(request, notes);
        }
        List<Finding> introduced = new ArrayList<>();
        for (HTTPRoute route : reached(policy)) {
            List<Finding> before = timeoutFindings(route, Optional.empty());
            List<Finding> after = timeoutFindings(route, Optional.of(policy));
            after.stream()
                    .filter(f -> !before.contains(f))
                    .filter(f -> !introduced.contains(f))
                    .forEach(introduced::add);
        }
        if (introduced.isEmpty()) {
            return HttpRouteAdmission.allow(request, notes);
        }
        return HttpRouteAdmission.verdict(request, KIND, mode, introduced, notes);
    }

    private List<Finding> timeoutFindings(HTTPRoute route, Optional<ProxySettingsPolicy> written) {
        HttpRouteRules.Evaluation evaluation =
                rules.evaluate(sources.assemble(route, written).review());
        if (!evaluation.webSocket()) {
            return List.of();
        }
        return evaluation.findings().stream()
                .filter(f -> TIMEOUT_RULES.contains(f.rule()))
                .toList();
    }

    /** The HTTPRoutes the policy targets, and the routes attached to a Gateway it targets. */
    private List<HTTPRoute> reached(ProxySettingsPolicy policy) {
        Set<HTTPRoute> out = new LinkedHashSet<>();
        for (HTTPRoute route : sources.gatewayApi().httpRoutes()) {
            String routeNamespace = route.getMetadata().getNamespace();
            if (NgfProxySettings.targets(
                    policy, routeNamespace, "HTTPRoute", route.getMetadata().getName())) {
                out.add(route);
                continue;
            }
            for (ParentRef parent : HttpRouteRules.parentGateways(route)) {
                if (NgfProxySettings.targets(policy, parent.namespace(), "Gateway", parent.name())) {
                    out.add(route);
                }
            }
        }
        return List.copyOf(out);
    }
}
