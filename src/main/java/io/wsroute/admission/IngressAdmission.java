package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.admission.ReviewContextFactory.ReviewContext;
import io.wsroute.rules.Finding;
import io.wsroute.rules.IngressReview;
import io.wsroute.rules.Remediation;
import io.wsroute.rules.Severity;
import io.wsroute.rules.WebSocketRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The decisions of the two Ingress webhooks; the HTTP resource around it only parses and renders.
 * <ul>
 * <li>DELETE and CONNECT are allowed: there is nothing to check.</li>
 * <li>CREATE and UPDATE are judged on the new object alone, so an UPDATE of an Ingress that was already broken
 * before wsroute was installed is denied in enforce mode until it is fixed; except while the Ingress is being
 * deleted (deletionTimestamp set), when the only UPDATEs are finalizer removals that must not be blocked.</li>
 * <li>A dry run gets the same answer: wsroute has no side effects to skip.</li>
 * </ul>
 */
@ApplicationScoped
public class IngressAdmission {

    static final String INGRESS_API_VERSION = "networking.k8s.io/v1";
    static final String INGRESS_KIND = "Ingress";

    private final WebSocketRules rules = new WebSocketRules();
    private final ReviewContextFactory contexts;
    private final ObjectMapper mapper;

    public IngressAdmission(ReviewContextFactory contexts, ObjectMapper mapper) {
        this.contexts = contexts;
        this.mapper = mapper;
    }

    public AdmissionVerdict validate(AdmissionRequest request) {
        if (!request.hasObject() || beingDeleted(request)) {
            return allow(request, List.of());
        }
        ReviewContext context = contexts.contextFor(toIngress(request), request.namespace());
        if (context.review().isEmpty()) {
            return allow(request, context.notes());
        }
        IngressReview review = context.review().get();
        WebSocketRules.Evaluation evaluation = rules.evaluateWithDetection(review);
        List<Finding> findings = evaluation.findings();
        if (findings.isEmpty() && !evaluation.detection().webSocket()) {
            // What wsroute had to assume about the controller only matters to WebSocket Ingresses.
            return allow(request, List.of());
        }
        List<String> warnings = new ArrayList<>(context.notes());
        List<Finding> errors =
                findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        List<String> ids = findings.stream().map(Finding::rule).distinct().toList();
        if (!errors.isEmpty() && context.mode() == AdmissionMode.ENFORCE) {
            findings.stream()
                    .filter(f -> f.severity() == Severity.WARNING)
                    .map(Finding::summary)
                    .forEach(warnings::add);
            String denial = "wsroute denied Ingress %s: it would break WebSocket traffic.\n%s"
                    .formatted(
                            request.displayName(),
                            errors.stream().map(Finding::summary).collect(Collectors.joining("\n")));
            return new AdmissionVerdict(request.uid(), denial, warnings, null, ids);
        }
        findings.stream().map(IngressAdmission::warning).forEach(warnings::add);
        return new AdmissionVerdict(request.uid(), null, warnings, null, ids);
    }

    public AdmissionVerdict mutate(AdmissionRequest request) {
        if (!request.hasObject() || beingDeleted(request)) {
            return allow(request, List.of());
        }
        ReviewContext context = contexts.contextFor(toIngress(request), request.namespace());
        if (context.review().isEmpty()) {
            return allow(request, List.of());
        }
        Remediation remediation = rules.remediate(context.review().get());
        ArrayNode patch = AnnotationPatch.adding(request.object(), remediation.annotationsToAdd());
        List<String> added = remediation.annotationsToAdd().entrySet().stream()
                .map(e -> "wsroute added %s: \"%s\"".formatted(e.getKey(), e.getValue()))
                .toList();
        return new AdmissionVerdict(request.uid(), null, added, patch, List.of());
    }

    /** A warning line in warn mode: error findings say that they would have been denied in enforce mode. */
    static String warning(Finding finding) {
        if (finding.severity() != Severity.ERROR) {
            return finding.summary();
        }
        return "%s %s (not enforced: warn mode): %s (%s). Fix: %s"
                .formatted(
                        finding.rule(), finding.severity().label(), finding.message(), finding.field(), finding.fix());
    }

    private Ingress toIngress(AdmissionRequest request) {
        nullElement(request.object()).ifPresent(path -> {
            // Go decodes a null list element into a zero value, so the API server never sends one; only other
            // callers do, and every list walk in the rules would have to guard against it.
            throw new BadAdmissionRequest("request.object has a null list element at " + Shown.of(path));
        });
        return request.objectAs(mapper, Ingress.class);
    }

    /** The path of the first null element of a list anywhere in {@code node}, as in {@code spec.rules[0]}. */
    private static Optional<String> nullElement(JsonNode node) {
        Deque<String> trail = new ArrayDeque<>();
        if (!findNullElement(node, trail)) {
            return Optional.empty();
        }
        String path = String.join("", trail);
        return Optional.of(path.startsWith(".") ? path.substring(1) : path);
    }

    /** Walks the tree without building paths; the way to a null is pushed on {@code trail} on the way back. */
    private static boolean findNullElement(JsonNode node, Deque<String> trail) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (element.isNull() || element.isContainerNode() && findNullElement(element, trail)) {
                    trail.push("[" + i + "]");
                    return true;
                }
            }
        } else if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                if (field.getValue().isContainerNode() && findNullElement(field.getValue(), trail)) {
                    trail.push("." + field.getKey());
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean beingDeleted(AdmissionRequest request) {
        return request.object().path("metadata").path("deletionTimestamp").isTextual();
    }

    private static AdmissionVerdict allow(AdmissionRequest request, List<String> warnings) {
        return new AdmissionVerdict(request.uid(), null, warnings, null, List.of());
    }
}
