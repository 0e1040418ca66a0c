package io.wsroute.rules;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.wsroute.nginx.AnnotatedIngress;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.DataPlane;
import io.wsroute.nginx.GoBool;
import io.wsroute.nginx.IngressNginxAnnotationTable;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.IngressNginxPassthrough;
import io.wsroute.nginx.IngressNginxVerdict;
import io.wsroute.nginx.NginxIncInput;
import io.wsroute.nginx.NginxIncValidation;
import io.wsroute.nginx.NginxIncVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An {@link IngressReview} with what every check needs worked out once: annotations, backends and the
 * WebSocket detection. Also builds findings so every check reports the object the same way.
 */
final class ReviewedIngress {

    private final IngressReview review;
    private final Map<String, String> annotations;
    private final List<Backend> backends;
    private final WebSocketDetection detection;

    ReviewedIngress(IngressReview review) {
        this.review = review;
        this.annotations = annotationsOf(review);
        this.backends = backendsOf(review.ingress(), review.services());
        this.detection = WebSocketDetector.detect(review.ingress(), annotations, backends);
    }

    IngressReview review() {
        return review;
    }

    ControllerProfile profile() {
        return review.profile();
    }

    ControllerFlavor flavor() {
        return review.profile().flavor();
    }

    /** What the serving controller does differently from the others. */
    DataPlane plane() {
        return flavor().plane();
    }

    /** True when the serving controller reads this annotation key, so its own meaning of the key applies. */
    boolean reads(String key) {
        return plane().reads(key);
    }

    RuleSettings settings() {
        return review.settings();
    }

    Map<String, String> annotations() {
        return annotations;
    }

    Optional<String> annotation(String key) {
        return Optional.ofNullable(annotations.get(key));
    }

    /** True when the controller would read the annotation as true (Go's ParseBool, as both controllers do). */
    boolean isTrue(String key) {
        return GoBool.isTrue(annotations.get(key));
    }

    /** What the ingress-nginx release of the settings does with this annotation of the Ingress. */
    IngressNginxVerdict ingressNginxVerdict(String key) {
        return IngressNginxAnnotationTable.judge(
                key, annotations, settings().ingressNginxVersion(), profile().riskLevel());
    }

    /** True when ingress-nginx reads the annotation's value as written (not replaced, not refused). */
    boolean ingressNginxAccepts(String key) {
        return ingressNginxVerdict(key).outcome() == IngressNginxVerdict.Outcome.ACCEPTED;
    }

    /** What the configured F5 release does with this annotation of the Ingress (its Services and set-up). */
    NginxIncVerdict nginxIncVerdict(String key) {
        return NginxIncValidation.judge(key, nginxIncInput());
    }

    /** The serving controller's own error for the annotation's value, when it refuses it. */
    Optional<String> refusal(String key) {
        return plane().refusal(
                        key,
                        new AnnotatedIngress(
                                annotations,
                                serviceNames(),
                                profile(),
                                settings().ingressNginxVersion()));
    }

    /** True when the serving controller drops this key from a mergeable master or minion before using it. */
    boolean droppedByMergeable(String key) {
        return plane().droppedByMergeable(key, annotations, profile());
    }

    /** A mergeable minion: only its locations are used, inside the server its master defines (TLS, redirects). */
    boolean isMergeableMinion() {
        return plane().isMergeableMinion(annotations);
    }

    /** The Ingress as the F5 controller's annotation validation sees it. */
    NginxIncInput nginxIncInput() {
        return NginxIncInput.of(annotations, serviceNames(), profile().nginxInc());
    }

    private Set<String> serviceNames() {
        return backends.stream().map(Backend::serviceName).collect(Collectors.toSet());
    }

    List<Backend> backends() {
        return backends;
    }

    /**
     * True when ingress-nginx pipes this Ingress's TLS connections past nginx: it serves the Ingress, reads
     * ssl-passthrough as true, and runs with --enable-ssl-passthrough (README "TLS passthrough").
     */
    boolean tlsPassthrough() {
        return passthroughRequested() && settings().ingressNginxSslPassthrough();
    }

    /** True when the serving ingress-nginx reads ssl-passthrough as true, whatever its flag. */
    boolean passthroughRequested() {
        return reads(IngressNginxAnnotations.SSL_PASSTHROUGH)
                && IngressNginxPassthrough.requested(annotations)
                && ingressNginxAccepts(IngressNginxAnnotations.SSL_PASSTHROUGH);
    }

    WebSocketDetection detection() {
        return detection;
    }

    /** Backends whose Service carries WebSocket traffic. */
    List<Backend> webSocketBackends() {
        return backends.stream()
                .filter(b -> detection.services().contains(b.serviceName()))
                .toList();
    }

    boolean hasTls() {
        return review.ingress().getSpec() != null
                && review.ingress().getSpec().getTls() != null
                && !review.ingress().getSpec().getTls().isEmpty();
    }

    Finding finding(Rule rule, String field, String message, String fix) {
        var meta = review.ingress().getMetadata();
        return new Finding(
                rule.id(),
                rule.severity(),
                "Ingress",
                meta == null ? null : meta.getNamespace(),
                meta == null ? null : meta.getName(),
                field,
                message,
                fix);
    }

    static String annotationField(String key) {
        return "metadata.annotations[\"" + key + "\"]";
    }

    private static Map<String, String> annotationsOf(IngressReview review) {
        var meta = review.ingress().getMetadata();
        return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    }

    /** Every Service backend of the Ingress (default backend first), resolved against the known Services. */
    static List<Backend> backendsOf(Ingress ingress, Map<String, Service> services) {
        List<Backend> result = new ArrayList<>();
        var spec = ingress.getSpec();
        if (spec == null) {
            return result;
        }
        addBackend(services, spec.getDefaultBackend(), "spec.defaultBackend.service", "", result);
        List<IngressRule> rules = spec.getRules() == null ? List.of() : spec.getRules();
        for (int r = 0; r < rules.size(); r++) {
            var http = rules.get(r).getHttp();
            List<HTTPIngressPath> paths = http == null || http.getPaths() == null ? List.of() : http.getPaths();
            for (int p = 0; p < paths.size(); p++) {
                HTTPIngressPath path = paths.get(p);
                // concatenation, not String.format: this runs for every path of every Ingress reviewed
                addBackend(
                        services,
                        path.getBackend(),
                        "spec.rules[" + r + "].http.paths[" + p + "].backend.service",
                        path.getPath() == null ? "/" : path.getPath(),
                        result);
            }
        }
        return result;
    }

    private static void addBackend(
            Map<String, Service> services, IngressBackend backend, String field, String path, List<Backend> result) {
        IngressServiceBackend service = backend == null ? null : backend.getService();
        if (service == null || service.getName() == null) {
            return;
        }
        Service known = services.get(service.getName());
        result.add(new Backend(service.getName(), field, path, portOf(known, service)));
    }

    private static Optional<ServicePort> portOf(Service service, IngressServiceBackend backend) {
        if (service == null
                || service.getSpec() == null
                || service.getSpec().getPorts() == null
                || backend.getPort() == null) {
            return Optional.empty();
        }
        var wanted = backend.getPort();
        return service.getSpec().getPorts().stream()
                .filter(p -> wanted.getName() != null
                        ? wanted.getName().equals(p.getName())
                        : wanted.getNumber() != null && wanted.getNumber().equals(p.getPort()))
                .findFirst();
    }
}
