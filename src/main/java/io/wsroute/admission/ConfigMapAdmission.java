package io.wsroute.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.LiveControllers;
import io.wsroute.config.AdmissionMode;
import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.review.ReviewContextFactory;
import io.wsroute.review.ReviewContextFactory.ReviewContext;
import io.wsroute.rules.Finding;
import io.wsroute.rules.IngressReview;
import io.wsroute.rules.NewFindings;
import io.wsroute.rules.Severity;
import io.wsroute.rules.WebSocketRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges a change to a controller ConfigMap by what it does to the WebSocket Ingresses that controller serves
 * (route-owned ones included): each is evaluated against the profile the ConfigMap has now and the one it would
 * have, and only findings the change introduces count. New errors (e.g. snippets turned off under an Ingress that
 * relies on its Upgrade snippet, WS112) deny the change in enforce mode; new warnings (a global timeout lowered
 * below the minimum where Ingresses rely on it, WS103) are returned as warnings. ConfigMaps that are not a
 * configured controller ConfigMap are allowed untouched, as are deletions.
 */
@ApplicationScoped
public class ConfigMapAdmission {

    static final String API_VERSION = "v1";
    static final String KIND = "ConfigMap";
    /** Listed Ingresses per finding kind in a message; the rest are counted. */
    private static final int LISTED = 5;

    private final WebSocketRules rules = new WebSocketRules();
    private final ClusterView cluster;
    private final LiveControllers controllers;
    private final ReviewContextFactory contexts;
    private final ObjectMapper mapper;

    public ConfigMapAdmission(
            ClusterView cluster, LiveControllers controllers, ReviewContextFactory contexts, ObjectMapper mapper) {
        this.cluster = cluster;
        this.controllers = controllers;
        this.contexts = contexts;
        this.mapper = mapper;
    }

    public AdmissionVerdict validate(AdmissionRequest request) {
        if (!request.hasObject()) {
            return allow(request, List.of());
        }
        ConfigMap configMap = request.objectAs(mapper, ConfigMap.class);
        // An object without metadata is not what the API server sends, but any caller can: fall back to the request.
        ObjectMeta meta = Optional.ofNullable(configMap.getMetadata()).orElseGet(ObjectMeta::new);
        String namespace = Optional.ofNullable(meta.getNamespace()).orElse(request.namespace());
        String name = Optional.ofNullable(meta.getName()).orElse(request.name());
        Optional<ControllerFlavor> flavor = controllers.flavorOfConfigMap(namespace, name);
        if (flavor.isEmpty()) {
            return allow(request, List.of());
        }
        List<String> notes = new ArrayList<>();
        AdmissionMode mode = contexts.modeFor(namespace, notes);
        if (mode == AdmissionMode.OFF) {
            return allow(request, List.of());
        }
        ControllerProfile proposed = ControllerConfigMaps.read(
                flavor.get(), configMap.getData(), "ConfigMap " + namespace + "/" + name, controllers.nginxIncSetup());
        Set<String> errors = new LinkedHashSet<>();
        Set<String> warnings = new LinkedHashSet<>();
        int[] affected = new int[2];
        for (Ingress ingress : cluster.ingresses()) {
            ReviewContext context =
                    contexts.contextFor(ingress, ingress.getMetadata().getNamespace());
            Optional<IngressReview> now =
                    context.review().filter(r -> r.profile().flavor() == flavor.get());
            if (now.isEmpty() || !rules.detect(now.get()).webSocket()) {
                continue;
            }
            IngressReview after = new IngressReview(
                    ingress,
                    now.get().services(),
                    now.get().backendReplicas(),
                    proposed,
                    now.get().settings());
            Set<String> before =
                    rules.evaluate(now.get()).stream().map(NewFindings::key).collect(Collectors.toSet());
            for (Finding finding : rules.evaluate(after)) {
                if (before.contains(NewFindings.key(finding))) {
                    continue;
                }
                boolean error = finding.severity() == Severity.ERROR;
                Set<String> target = error ? errors : warnings;
                int index = error ? 0 : 1;
                if (target.size() < LISTED) {
                    target.add("Ingress %s/%s: %s".formatted(finding.namespace(), finding.name(), finding.summary()));
                }
                affected[index]++;
            }
        }
        List<String> messages = new ArrayList<>(notes);
        warnings.forEach(messages::add);
        if (affected[1] > warnings.size()) {
            messages.add(
                    "wsroute: %d more warnings like these on other Ingresses".formatted(affected[1] - warnings.size()));
        }
        List<String> ids = List.of();
        if (errors.isEmpty()) {
            return new AdmissionVerdict(request.uid(), null, messages, null, ids);
        }
        String summary = String.join("\n", errors)
                + (affected[0] > errors.size()
                        ? "\n... and %d more on other Ingresses".formatted(affected[0] - errors.size())
                        : "");
        if (mode == AdmissionMode.ENFORCE) {
            return new AdmissionVerdict(
                    request.uid(),
                    "wsroute denied ConfigMap %s: the change would break WebSocket ".formatted(request.displayName())
                            + "Ingresses this controller serves.\n" + summary,
                    messages,
                    null,
                    ids);
        }
        messages.add(0, "wsroute (not enforced: warn mode): this change breaks WebSocket Ingresses:\n" + summary);
        return new AdmissionVerdict(request.uid(), null, messages, null, ids);
    }

    private static AdmissionVerdict allow(AdmissionRequest request, List<String> warnings) {
        return new AdmissionVerdict(request.uid(), null, warnings, null, List.of());
    }
}
