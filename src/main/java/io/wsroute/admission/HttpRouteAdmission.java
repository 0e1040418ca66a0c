package io.wsroute.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.wsroute.config.AdmissionMode;
import io.wsroute.gateway.HttpRouteRules;
import io.wsroute.gateway.RouteReviews;
import io.wsroute.review.ReviewContextFactory;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The decisions of the two HTTPRoute webhooks. Validation works as for Ingresses (modes, namespace label, warnings,
 * denial with rule and fix in enforce mode). The mutating endpoint admits every route unchanged: each WebSocket fix
 * on Gateway API lives in an object the route does not own (a ProxySettingsPolicy, a BackendTLSPolicy, a Service
 * port) or would rewrite what the author wrote (filters, timeouts), and wsroute never creates a policy from a
 * webhook (README "Gateway API").
 */
@ApplicationScoped
public class HttpRouteAdmission {

    static final String API_VERSION = "gateway.networking.k8s.io/v1";
    static final String KIND = "HTTPRoute";

    private final HttpRouteRules rules = new HttpRouteRules();
    private final GatewaySources sources;
    private final ReviewContextFactory contexts;
    private final ObjectMapper mapper;

    public HttpRouteAdmission(GatewaySources sources, ReviewContextFactory contexts, ObjectMapper mapper) {
        this.sources = sources;
        this.contexts = contexts;
        this.mapper = mapper;
    }

    public AdmissionVerdict validate(AdmissionRequest request) {
        if (!request.hasObject() || beingDeleted(request)) {
            return allow(request, List.of());
        }
        List<String> notes = new ArrayList<>();
        AdmissionMode mode = contexts.modeFor(request.namespace(), notes);
        if (mode == AdmissionMode.OFF) {
            return allow(request, notes);
        }
        HTTPRoute route = request.objectAs(mapper, HTTPRoute.class);
        if (route.getMetadata().getNamespace() == null) {
            route.getMetadata().setNamespace(request.namespace());
        }
        RouteReviews.Assembled assembled = sources.assemble(route, Optional.empty());
        HttpRouteRules.Evaluation evaluation = rules.evaluate(assembled.review());
        if (evaluation.findings().isEmpty() && !evaluation.webSocket()) {
            return allow(request, notes);
        }
        notes.addAll(assembled.notes());
        return verdict(request, "HTTPRoute", mode, evaluation.findings(), notes);
    }

    public AdmissionVerdict mutate(AdmissionRequest request) {
        return allow(request, List.of());
    }

    /** Denies on errors in enforce mode (warnings still listed); otherwise admits with every finding as a warning. */
    static AdmissionVerdict verdict(
            AdmissionRequest request, String kind, AdmissionMode mode, List<Finding> findings, List<String> notes) {
        List<String> warnings = new ArrayList<>(notes);
        List<Finding> errors =
                findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        List<String> ids = findings.stream().map(Finding::rule).distinct().toList();
        if (!errors.isEmpty() && mode == AdmissionMode.ENFORCE) {
            findings.stream()
                    .filter(f -> f.severity() == Severity.WARNING)
                    .map(Finding::summary)
                    .forEach(warnings::add);
            String denial = "wsroute denied %s %s: it would break WebSocket traffic.\n%s"
                    .formatted(
                            kind,
                            request.displayName(),
                            errors.stream().map(Finding::summary).collect(Collectors.joining("\n")));
            return new AdmissionVerdict(request.uid(), denial, warnings, null, ids);
        }
        findings.stream().map(IngressAdmission::warning).forEach(warnings::add);
        return new AdmissionVerdict(request.uid(), null, warnings, null, ids);
    }

    static boolean beingDeleted(AdmissionRequest request) {
        return request.object().path("metadata").path("deletionTimestamp").isTextual();
    }

    static AdmissionVerdict allow(AdmissionRequest request, List<String> warnings) {
        return new AdmissionVerdict(request.uid(), null, warnings, null, List.of());
    }
}
