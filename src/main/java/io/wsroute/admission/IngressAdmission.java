package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.wsroute.config.AdmissionMode;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.migrate.ClassSwitch;
import io.wsroute.review.ReviewContextFactory;
import io.wsroute.review.ReviewContextFactory.ReviewContext;
import io.wsroute.rules.Finding;
import io.wsroute.rules.IngressReview;
import io.wsroute.rules.NewFindings;
import io.wsroute.rules.Remediation;
import io.wsroute.rules.Severity;
import io.wsroute.rules.WebSocketRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The decisions of the two Ingress webhooks; the HTTP resource around it only parses and renders.
 * <ul>
 * <li>DELETE and CONNECT are allowed: there is nothing to check.</li>
 * <li>CREATE is judged on the new object. An UPDATE is judged by the errors it introduces: errors the stored
 * Ingress already had come back as warnings, so an Ingress broken before wsroute was installed does not block
 * label changes, Helm upgrades or GitOps syncs (unless {@code wsroute.admission.existing-violations=deny}); the
 * audit keeps reporting them. An UPDATE while the Ingress is being deleted (deletionTimestamp set) is allowed: the
 * only ones are finalizer removals, which must not be blocked.</li>
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
        List<String> switchLosses = classSwitch(request, review).map(ClassSwitch::losses).orElse(List.of()).stream()
                .map(loss -> "moving this Ingress from ingress-nginx to the F5 NGINX Ingress Controller: " + loss)
                .toList();
        WebSocketRules.Evaluation evaluation = rules.evaluateWithDetection(review);
        List<Finding> findings = evaluation.findings();
        if (findings.isEmpty() && !evaluation.detection().webSocket()) {
            // What wsroute had to assume about the controller only matters to WebSocket Ingresses.
            return allow(request, switchLosses);
        }
        List<String> warnings = new ArrayList<>(context.notes());
        warnings.addAll(switchLosses);
        List<Finding> errors =
                findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        List<String> ids = findings.stream().map(Finding::rule).distinct().toList();
        if (!errors.isEmpty() && context.mode() == AdmissionMode.ENFORCE) {
            List<Finding> introduced = introducedErrors(request, errors);
            findings.stream()
                    .filter(f -> f.severity() == Severity.WARNING || !introduced.contains(f))
                    .map(f -> f.severity() == Severity.ERROR ? existing(f) : f.summary())
                    .forEach(warnings::add);
            if (introduced.isEmpty()) {
                return new AdmissionVerdict(request.uid(), null, warnings, null, ids);
            }
            errors = introduced;
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
        IngressReview review = context.review().get();
        Map<String, String> toAdd = new LinkedHashMap<>();
        Optional<ClassSwitch> classSwitch = classSwitch(request, review);
        if (classSwitch.isPresent() && !classSwitch.get().annotationsToAdd().isEmpty()) {
            // The translation first, then whatever the rules still want on the translated Ingress.
            toAdd.putAll(classSwitch.get().annotationsToAdd());
            Ingress translated = new IngressBuilder(review.ingress())
                    .editOrNewMetadata()
                    .addToAnnotations(toAdd)
                    .endMetadata()
                    .build();
            review = contexts.contextFor(translated, request.namespace())
                    .review()
                    .orElse(review);
        }
        rules.remediate(review).annotationsToAdd().forEach(toAdd::putIfAbsent);
        Remediation remediation = Remediation.of(toAdd);
        ArrayNode patch = AnnotationPatch.adding(request.object(), remediation.annotationsToAdd());
        List<String> added = remediation.annotationsToAdd().entrySet().stream()
                .map(e -> "wsroute added %s: \"%s\"".formatted(e.getKey(), e.getValue()))
                .toList();
        return new AdmissionVerdict(request.uid(), null, added, patch, List.of());
    }

    /**
     * The errors an UPDATE introduces: those the stored Ingress (oldObject), judged in today's cluster, did not have.
     * All errors on CREATE, without a usable oldObject, or with existing-violations=deny.
     */
    private List<Finding> introducedErrors(AdmissionRequest request, List<Finding> errors) {
        if (!"UPDATE".equals(request.operation())
                || contexts.existingViolations() == WsrouteConfig.ExistingViolations.DENY) {
            return errors;
        }
        if (request.oldObject() == null || nullElement(request.oldObject()).isPresent()) {
            return errors; // none, or not what the API server sends (see toIngress)
        }
        Optional<Ingress> old = request.oldObjectAs(mapper, Ingress.class);
        if (old.isEmpty()) {
            return errors;
        }
        Optional<IngressReview> before =
                contexts.contextFor(old.get(), request.namespace()).review();
        if (before.isEmpty()) {
            return errors; // the stored Ingress was not served by an NGINX class: everything is new
        }
        return NewFindings.introduced(rules.evaluate(before.get()), errors);
    }

    /**
     * An UPDATE that moves the Ingress from an ingress-nginx class to an F5 class, judged with the stored Ingress in
     * view (README "Migration off ingress-nginx"); empty for every other request.
     */
    private Optional<ClassSwitch> classSwitch(AdmissionRequest request, IngressReview updated) {
        if (!"UPDATE".equals(request.operation())
                || request.oldObject() == null
                || nullElement(request.oldObject()).isPresent()) {
            return Optional.empty();
        }
        return request.oldObjectAs(mapper, Ingress.class)
                .flatMap(stored -> contexts.contextFor(stored, request.namespace())
                        .review()
                        .flatMap(before -> ClassSwitch.of(
                                stored,
                                before.profile().flavor(),
                                updated.ingress(),
                                updated.profile().flavor(),
                                updated.services())));
    }

    /** A warning line for an error the Ingress already had before this UPDATE. */
    static String existing(Finding finding) {
        return "%s %s (not enforced: the Ingress already had it before this update): %s (%s). Fix: %s"
                .formatted(
                        finding.rule(), finding.severity().label(), finding.message(), finding.field(), finding.fix());
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
