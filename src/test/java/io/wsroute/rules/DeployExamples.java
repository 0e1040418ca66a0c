package io.wsroute.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Ingresses of deploy/examples as the rules see them: with the Services of the same file and chat-service.yaml,
 * served by the flavour ingress-classes.yaml gives their class (nginx: ingress-nginx, nginx-plus: F5), on that
 * controller's defaults.
 */
final class DeployExamples {

    private static final Path DIR = Path.of("deploy/examples");
    private static final Map<String, ControllerFlavor> CLASSES =
            Map.of("nginx", ControllerFlavor.INGRESS_NGINX, "nginx-plus", ControllerFlavor.NGINX_INC);

    private DeployExamples() {}

    /** "example-<Ingress name>" to its review, for the Ingresses served by this flavour. */
    static Map<String, IngressReview> reviews(ControllerFlavor flavor) throws IOException {
        List<Service> sharedServices = documents(DIR.resolve("chat-service.yaml"), Service.class);
        Map<String, IngressReview> reviews = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Service> services = new HashMap<>();
                Stream.concat(sharedServices.stream(), documents(file, Service.class).stream())
                        .forEach(s -> services.put(s.getMetadata().getName(), s));
                for (Ingress ingress : documents(file, Ingress.class)) {
                    if (CLASSES.get(ingress.getSpec().getIngressClassName()) == flavor) {
                        reviews.put(
                                "example-" + ingress.getMetadata().getName(),
                                new IngressReview(
                                        ingress,
                                        services,
                                        Map.of(),
                                        ControllerProfile.defaults(flavor),
                                        RuleSettings.DEFAULTS));
                    }
                }
            }
        }
        return reviews;
    }

    private static <T> List<T> documents(Path file, Class<T> type) {
        try {
            List<T> found = new ArrayList<>();
            for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
                if (document.isBlank() || !document.contains("kind:")) {
                    continue;
                }
                GenericKubernetesResource resource = Serialization.unmarshal(document, GenericKubernetesResource.class);
                String kind = type == Ingress.class ? "Ingress" : "Service";
                if (kind.equals(resource.getKind())) {
                    found.add(Serialization.unmarshal(document, type));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
