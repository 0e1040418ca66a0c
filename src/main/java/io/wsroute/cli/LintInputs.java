package io.wsroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.wsroute.cli.ManifestReader.Manifest;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.gateway.RouteReviews;
import io.wsroute.nginx.NginxGatewayFabric;
import io.wsroute.rules.WebSocketRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The objects of lint's input that matter: Ingresses and HTTPRoutes to check, and the Services, IngressClasses,
 * workloads, Gateways, GatewayClasses, ProxySettingsPolicies and BackendTLSPolicies that tell the rules about them. Objects are recognised by apiVersion and kind, so a Knative {@code Service} is not
 * taken for a core one. Objects without a namespace get the default namespace, as {@code kubectl apply} would.
 */
final class LintInputs {

    /** An Ingress, the file it came from and where its fields are in that file. */
    record SourcedIngress(String source, Ingress ingress, SourcePositions positions) {}

    /** An HTTPRoute, the file it came from and where its fields are in that file. */
    record SourcedRoute(String source, HTTPRoute route, SourcePositions positions) {}

    /** A ProxySettingsPolicy with where it came from, for findings on the policy (WS131). */
    record SourcedPolicy(String source, ProxySettingsPolicy policy, SourcePositions positions) {}

    /** Fewer objects than this convert faster on one thread than threads start. */
    static final int PARALLEL_MIN_OBJECTS = 256;

    /** Ingress versions the API server no longer serves (removed in Kubernetes 1.22): noted, not checked. */
    private static final Set<String> REMOVED_INGRESS_VERSIONS =
            Set.of("extensions/v1beta1", "networking.k8s.io/v1beta1");

    final List<SourcedIngress> ingresses = new ArrayList<>();
    final List<IngressClass> ingressClasses = new ArrayList<>();
    final List<SourcedRoute> httpRoutes = new ArrayList<>();
    final List<SourcedPolicy> proxySettingsPolicies = new ArrayList<>();
    private final Map<String, Gateway> gateways = new HashMap<>();
    private final Map<String, GatewayClass> gatewayClasses = new HashMap<>();
    private final List<BackendTLSPolicy> backendTlsPolicies = new ArrayList<>();
    /** Things the user should know that do not stop the check, for stderr. */
    final List<String> notes = new ArrayList<>();
    /** By namespace, then name: each Ingress looks only at its own namespace's Services. */
    private final Map<String, Map<String, Service>> services = new HashMap<>();

    private final List<JsonNode> workloads = new ArrayList<>();
    /** Documents without apiVersion and kind, by source, for a note. */
    private final Map<String, Integer> notKubernetes = new LinkedHashMap<>();

    private final String defaultNamespace;

    private LintInputs(String defaultNamespace) {
        this.defaultNamespace = defaultNamespace;
    }

    static LintInputs of(List<Manifest> manifests, String defaultNamespace) throws UnreadableInput {
        return of(manifests, defaultNamespace, InOrder.threads());
    }

    /** @param threads how many threads may convert the objects */
    static LintInputs of(List<Manifest> manifests, String defaultNamespace, int threads) throws UnreadableInput {
        LintInputs inputs = new LintInputs(defaultNamespace);
        // converting is most of the work and each object's own: on all cores, then placed in the input's order;
        // objects of one document may share subtrees (aliases), so a document stays on one thread
        List<Placement> placements = InOrder.map(
                manifests,
                manifest -> placement(manifest, defaultNamespace),
                threads,
                PARALLEL_MIN_OBJECTS,
                (a, b) -> a.document() != b.document() || !a.source().equals(b.source()));
        for (Placement placement : placements) {
            placement.into(inputs);
        }
        inputs.notKubernetes.forEach(
                (source, count) -> inputs.notes.add("%s: ignored %d document%s without apiVersion and kind"
                        .formatted(source, count, count == 1 ? "" : "s")));
        return inputs;
    }

    /** What one object adds to the inputs, decided (and converted) apart from the others. */
    @FunctionalInterface
    private interface Placement {
        void into(LintInputs inputs);
    }

    private static Placement placement(Manifest manifest, String defaultNamespace) throws UnreadableInput {
        JsonNode object = manifest.object();
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (!object.isObject() || apiVersion.isEmpty() || kind.isEmpty()) {
            return inputs -> inputs.notKubernetes.merge(manifest.source(), 1, Integer::sum);
        }
        switch (apiVersion + " " + kind) {
            case "networking.k8s.io/v1 Ingress" -> {
                SourcedIngress ingress = new SourcedIngress(
                        manifest.source(),
                        namespaced(TypedObjects.convert(manifest, Ingress.class), defaultNamespace),
                        manifest.positions());
                return inputs -> inputs.ingresses.add(ingress);
            }
            case "v1 Service" -> {
                Service service = namespaced(TypedObjects.convert(manifest, Service.class), defaultNamespace);
                return inputs -> inputs.services
                        .computeIfAbsent(service.getMetadata().getNamespace(), namespace -> new HashMap<>())
                        .put(service.getMetadata().getName(), service);
            }
            case "networking.k8s.io/v1 IngressClass" -> {
                IngressClass ingressClass = TypedObjects.convert(manifest, IngressClass.class);
                return inputs -> inputs.ingressClasses.add(ingressClass);
            }
            case "apps/v1 Deployment", "apps/v1 StatefulSet" -> {
                return inputs -> inputs.workloads.add(manifest.object());
            }
            case "gateway.networking.k8s.io/v1 HTTPRoute", "gateway.networking.k8s.io/v1beta1 HTTPRoute" -> {
                SourcedRoute route = new SourcedRoute(
                        manifest.source(),
                        namespaced(TypedObjects.convert(manifest, HTTPRoute.class), defaultNamespace),
                        manifest.positions());
                return inputs -> inputs.httpRoutes.add(route);
            }
            case "gateway.networking.k8s.io/v1 Gateway", "gateway.networking.k8s.io/v1beta1 Gateway" -> {
                Gateway gateway = namespaced(TypedObjects.convert(manifest, Gateway.class), defaultNamespace);
                return inputs -> inputs.gateways.put(key(gateway), gateway);
            }
            case "gateway.networking.k8s.io/v1 GatewayClass", "gateway.networking.k8s.io/v1beta1 GatewayClass" -> {
                GatewayClass gatewayClass = TypedObjects.convert(manifest, GatewayClass.class);
                return inputs ->
                        inputs.gatewayClasses.put(gatewayClass.getMetadata().getName(), gatewayClass);
            }
            case "gateway.networking.k8s.io/v1 BackendTLSPolicy",
                    "gateway.networking.k8s.io/v1alpha3 BackendTLSPolicy" -> {
                BackendTLSPolicy policy =
                        namespaced(TypedObjects.convert(manifest, BackendTLSPolicy.class), defaultNamespace);
                return inputs -> inputs.backendTlsPolicies.add(policy);
            }
            case NginxGatewayFabric.POLICY_GROUP + "/" + NginxGatewayFabric.POLICY_VERSION + " "
                    + NginxGatewayFabric.PROXY_SETTINGS_POLICY_KIND -> {
                SourcedPolicy policy = new SourcedPolicy(
                        manifest.source(),
                        namespaced(TypedObjects.convert(manifest, ProxySettingsPolicy.class), defaultNamespace),
                        manifest.positions());
                return inputs -> inputs.proxySettingsPolicies.add(policy);
            }
            default -> {
                if (kind.equals("Ingress") && REMOVED_INGRESS_VERSIONS.contains(apiVersion)) {
                    String note =
                            "%s: Ingress %s not checked: %s was removed in Kubernetes 1.22, use networking.k8s.io/v1"
                                    .formatted(
                                            manifest.source(),
                                            manifest.object()
                                                    .path("metadata")
                                                    .path("name")
                                                    .asText("(unnamed)"),
                                            apiVersion);
                    return inputs -> inputs.notes.add(note);
                }
                // Every other object plays no part in WebSocket routing.
                return inputs -> {};
            }
        }
    }

    /** Services of the Ingress's namespace that its backends name, by name. */
    Map<String, Service> servicesFor(Ingress ingress) {
        Map<String, Service> inNamespace =
                services.getOrDefault(ingress.getMetadata().getNamespace(), Map.of());
        Map<String, Service> named = new HashMap<>();
        for (String name : WebSocketRules.backendServiceNames(ingress)) {
            Service service = inNamespace.get(name);
            if (service != null) {
                named.put(name, service);
            }
        }
        return named;
    }

    /**
     * Replicas behind each Service of the namespace: the sum of spec.replicas (default 1) of the Deployments and
     * StatefulSets whose pod template labels its selector matches. Services that select none are absent (unknown).
     */
    Map<String, Integer> replicasFor(Ingress ingress) {
        Map<String, Integer> replicas = new HashMap<>();
        String namespace = ingress.getMetadata().getNamespace();
        servicesFor(ingress).forEach((name, service) -> {
            Map<String, String> selector =
                    service.getSpec() == null ? null : service.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                return;
            }
            int total = 0;
            boolean matched = false;
            for (JsonNode workload : workloads) {
                if (!namespace.equals(
                        workload.path("metadata").path("namespace").asText(defaultNamespace))) {
                    continue;
                }
                JsonNode labels =
                        workload.path("spec").path("template").path("metadata").path("labels");
                if (selector.entrySet().stream()
                        .allMatch(
                                e -> e.getValue().equals(labels.path(e.getKey()).asText(null)))) {
                    matched = true;
                    total += workload.path("spec").path("replicas").asInt(1);
                }
            }
            if (matched) {
                replicas.put(name, total);
            }
        });
        return replicas;
    }

    /** The Gateway API objects of the input, for assembling each HTTPRoute's review. */
    RouteReviews.Source gatewaySource() {
        return RouteReviews.of(
                gateways,
                gatewayClasses,
                namespace -> proxySettingsPolicies.stream()
                        .map(SourcedPolicy::policy)
                        .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                        .toList(),
                namespace -> backendTlsPolicies.stream()
                        .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                        .toList(),
                (namespace, name) -> Optional.ofNullable(
                        services.getOrDefault(namespace, Map.of()).get(name)));
    }

    /** Where a policy a finding names came from, when it is in the input. */
    Optional<SourcedPolicy> policy(String namespace, String name) {
        return proxySettingsPolicies.stream()
                .filter(p -> namespace.equals(p.policy().getMetadata().getNamespace())
                        && name.equals(p.policy().getMetadata().getName()))
                .findFirst();
    }

    private static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    private static <T extends HasMetadata> T namespaced(T object, String defaultNamespace) {
        String namespace = object.getMetadata().getNamespace();
        if (namespace == null || namespace.isBlank()) {
            object.getMetadata().setNamespace(defaultNamespace);
        }
        return object;
    }
}
