package io.wsroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.cli.ManifestReader.Manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of lint's input that matter: Ingresses to check, and the Services, IngressClasses and workloads
 * that tell the rules about them. Objects without a namespace are in "default", as kubectl apply would put them.
 */
final class LintInputs {

    record SourcedIngress(String source, Ingress ingress) {
    }

    private static final ObjectMapper MAPPER = Serialization.jsonMapper();

    final List<SourcedIngress> ingresses = new ArrayList<>();
    final List<IngressClass> ingressClasses = new ArrayList<>();
    private final Map<String, Service> services = new HashMap<>();
    private final List<JsonNode> workloads = new ArrayList<>();

    static LintInputs of(List<Manifest> manifests) throws ManifestReader.UnreadableInput {
        LintInputs inputs = new LintInputs();
        for (Manifest manifest : manifests) {
            JsonNode object = manifest.object();
            String kind = object.path("kind").asText();
            try {
                switch (kind) {
                    case "Ingress" -> inputs.ingresses.add(new SourcedIngress(manifest.source(),
                            namespaced(MAPPER.treeToValue(object, Ingress.class))));
                    case "Service" -> {
                        Service service = namespaced(MAPPER.treeToValue(object, Service.class));
                        inputs.services.put(key(service.getMetadata().getNamespace(), service.getMetadata().getName()), service);
                    }
                    case "IngressClass" -> inputs.ingressClasses.add(MAPPER.treeToValue(object, IngressClass.class));
                    case "Deployment", "StatefulSet" -> inputs.workloads.add(object);
                    default -> {
                        // Other kinds (and non-Kubernetes YAML) play no part in WebSocket routing.
                    }
                }
            } catch (Exception e) {
                throw new ManifestReader.UnreadableInput("%s: %s %s is not valid: %s".formatted(manifest.source(), kind,
                        object.path("metadata").path("name").asText("(unnamed)"),
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")));
            }
        }
        return inputs;
    }

    /** Services of the Ingress's namespace that its backends could name. */
    Map<String, Service> servicesFor(Ingress ingress) {
        Map<String, Service> result = new HashMap<>();
        String namespace = ingress.getMetadata().getNamespace();
        services.forEach((key, service) -> {
            if (key.startsWith(namespace + "/")) {
                result.put(service.getMetadata().getName(), service);
            }
        });
        return result;
    }

    /** Replicas behind each Service of the namespace, from Deployments and StatefulSets whose pods it selects. */
    Map<String, Integer> replicasFor(Ingress ingress) {
        Map<String, Integer> replicas = new HashMap<>();
        String namespace = ingress.getMetadata().getNamespace();
        servicesFor(ingress).forEach((name, service) -> {
            Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                return;
            }
            int total = 0;
            boolean matched = false;
            for (JsonNode workload : workloads) {
                if (!namespace.equals(workload.path("metadata").path("namespace").asText("default"))) {
                    continue;
                }
                JsonNode labels = workload.path("spec").path("template").path("metadata").path("labels");
                if (selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.path(e.getKey()).asText(null)))) {
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

    private static <T extends HasMetadata> T namespaced(T object) {
        if (object.getMetadata().getNamespace() == null) {
            object.getMetadata().setNamespace("default");
        }
        return object;
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
