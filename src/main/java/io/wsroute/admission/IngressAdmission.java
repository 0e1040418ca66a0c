package io.wsroute.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.admission.ReviewContextFactory.ReviewContext;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Remediation;
import io.wsroute.rules.Severity;
import io.wsroute.rules.WebSocketRules;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The decisions of the two Ingress webhooks; the HTTP resource around it only parses and renders. */
@ApplicationScoped
public class IngressAdmission {

    private static final Logger LOG = Logger.getLogger(IngressAdmission.class);

    private final WebSocketRules rules = new WebSocketRules();
    private final ReviewContextFactory contexts;
    private final ObjectMapper mapper;

    public IngressAdmission(ReviewContextFactory contexts, ObjectMapper mapper) {
        this.contexts = contexts;
        this.mapper = mapper;
    }

    public AdmissionVerdict validate(AdmissionRequest request) {
        if (!request.isCreateOrUpdate()) {
            return allow(request, List.of());
        }
        ReviewContext context = contexts.contextFor(toIngress(request), request.namespace());
        if (context.review().isEmpty()) {
            return allow(request, context.notes());
        }
        List<Finding> findings = rules.evaluate(context.review().get());
        if (findings.isEmpty() && !rules.detect(context.review().get()).webSocket()) {
            // What wsroute had to assume about the controller only matters to WebSocket Ingresses.
            return allow(request, List.of());
        }
        List<String> warnings = new ArrayList<>(context.notes());
        List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        List<String> ids = findings.stream().map(Finding::rule).distinct().toList();
        if (!errors.isEmpty() && context.mode() == AdmissionMode.ENFORCE) {
            findings.stream().filter(f -> f.severity() == Severity.WARNING).map(Finding::summary).forEach(warnings::add);
            String denial = "wsroute denied Ingress %s/%s: it would break WebSocket traffic.\n%s".formatted(
                    request.namespace(), request.name() == null ? ingressName(request) : request.name(),
                    errors.stream().map(Finding::summary).collect(Collectors.joining("\n")));
            return new AdmissionVerdict(request.uid(), denial, warnings, null, ids);
        }
        findings.stream().map(Finding::summary).forEach(warnings::add);
        return new AdmissionVerdict(request.uid(), null, warnings, null, ids);
    }

    public AdmissionVerdict mutate(AdmissionRequest request) {
        if (!request.isCreateOrUpdate()) {
            return allow(request, List.of());
        }
        ReviewContext context = contexts.contextFor(toIngress(request), request.namespace());
        if (context.review().isEmpty()) {
            return allow(request, List.of());
        }
        Remediation remediation = rules.remediate(context.review().get());
        ArrayNode patch = AnnotationPatch.adding(remediation.annotationsToAdd(),
                AnnotationPatch.hasAnnotations(request.object()));
        List<String> added = remediation.annotationsToAdd().entrySet().stream()
                .map(e -> "wsroute added %s: \"%s\"".formatted(e.getKey(), e.getValue())).toList();
        return new AdmissionVerdict(request.uid(), null, added, patch, List.of());
    }

    /** A bug of ours must not block a cluster's Ingress writes: allow, say so, and log it loudly. */
    public AdmissionVerdict failOpen(AdmissionRequest request, RuntimeException error) {
        LOG.errorf(error, "admission of %s/%s failed; allowing it", request.namespace(), request.name());
        return allow(request, List.of("wsroute could not check this Ingress (internal error); it was admitted unchecked"));
    }

    private Ingress toIngress(AdmissionRequest request) {
        try {
            return mapper.treeToValue(request.object(), Ingress.class);
        } catch (Exception e) {
            throw new BadAdmissionRequest("request.object is not a valid Ingress: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
    }

    private static String ingressName(AdmissionRequest request) {
        var meta = request.object().path("metadata");
        return meta.path("name").asText(meta.path("generateName").asText("") + "*");
    }

    private static AdmissionVerdict allow(AdmissionRequest request, List<String> warnings) {
        return new AdmissionVerdict(request.uid(), null, warnings, null, List.of());
    }
}
