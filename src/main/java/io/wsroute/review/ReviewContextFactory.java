package io.wsroute.review;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.LiveControllers;
import io.wsroute.config.AdmissionMode;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.IngressClassResolution;
import io.wsroute.nginx.WsrouteAnnotations;
import io.wsroute.rules.IngressReview;
import io.wsroute.rules.RuleSettings;
import io.wsroute.rules.WebSocketRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the rules' input for an Ingress from the cluster caches: which controller serves it, what that
 * controller's ConfigMap says, the Services it names, and which admission mode its namespace asks for. Every
 * default it has to assume is reported as a note, which the webhook passes on as a warning.
 */
@ApplicationScoped
public class ReviewContextFactory {

    /** The rules' input, the mode that applies, and what had to be assumed. */
    public record ReviewContext(Optional<IngressReview> review, AdmissionMode mode, List<String> notes) {}

    private final ClusterView cluster;
    private final LiveControllers controllers;
    private final WsrouteConfig config;

    public ReviewContextFactory(ClusterView cluster, LiveControllers controllers, WsrouteConfig config) {
        this.cluster = cluster;
        this.controllers = controllers;
        this.config = config;
    }

    public ReviewContext contextFor(Ingress ingress, String namespace) {
        List<String> notes = new ArrayList<>();
        AdmissionMode mode = modeFor(namespace, notes);
        if (mode == AdmissionMode.OFF) {
            return new ReviewContext(Optional.empty(), mode, notes);
        }
        IngressClassResolution resolution = controllers.resolve(ingress);
        if (!resolution.servedByNginx()) {
            return new ReviewContext(Optional.empty(), mode, notes);
        }
        if (!cluster.synced()) {
            notes.add("wsroute: cluster caches not loaded yet (API server unreachable?); "
                    + "defaults assumed for whatever is missing");
        }
        if (resolution.assumed()) {
            notes.add("wsroute: " + resolution.note());
        }
        ControllerFlavor flavor = resolution.flavor().orElseThrow();
        ControllerProfile profile = controllers.profile(flavor, notes);
        Backends backends = Backends.lookup(cluster, namespace, WebSocketRules.backendServiceNames(ingress));
        return new ReviewContext(
                Optional.of(new IngressReview(
                        ingress, backends.services(), backends.replicas(), profile, controllers.ruleSettings())),
                mode,
                notes);
    }

    /** The serving controller's live profile; a note is added when defaults had to be assumed. */
    public ControllerProfile profile(ControllerFlavor flavor, List<String> notes) {
        return controllers.profile(flavor, notes);
    }

    /** The rule settings every evaluation uses (thresholds, controller releases). */
    public RuleSettings ruleSettings() {
        return controllers.ruleSettings();
    }

    /** The cluster view the rules' input is read from. */
    public ClusterView cluster() {
        return cluster;
    }

    /** How an UPDATE of an Ingress that already broke a rule is judged ({@code wsroute.admission.existing-violations}). */
    public WsrouteConfig.ExistingViolations existingViolations() {
        return config.admission().existingViolations();
    }

    /** The mode for objects of a namespace: its wsroute.io/admission label, else the configured mode. */
    public AdmissionMode modeFor(String namespace, List<String> notes) {
        AdmissionMode configured = config.admission().mode();
        Optional<String> label = cluster.namespaceLabels(namespace == null ? "" : namespace)
                .map(labels -> labels.get(WsrouteAnnotations.ADMISSION_LABEL));
        if (label.isEmpty()) {
            return configured;
        }
        return AdmissionMode.parse(label.get()).orElseGet(() -> {
            notes.add("wsroute: namespace label %s=%s is not enforce, warn or off; using %s"
                    .formatted(WsrouteAnnotations.ADMISSION_LABEL, label.get(), configured.label()));
            return configured;
        });
    }
}
