package io.wsroute.nginx;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Finds the controller that serves an Ingress from the cluster's IngressClasses. */
public final class IngressClasses {

    /** Deprecated but still honoured by both controllers when spec.ingressClassName is empty. */
    public static final String LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    public static final String DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

    private IngressClasses() {}

    /** The class name the Ingress asks for: spec.ingressClassName, else the legacy annotation. */
    public static Optional<String> requestedClass(Ingress ingress) {
        if (ingress.getSpec() != null && notBlank(ingress.getSpec().getIngressClassName())) {
            return Optional.of(ingress.getSpec().getIngressClassName());
        }
        Map<String, String> annotations =
                ingress.getMetadata() == null ? null : ingress.getMetadata().getAnnotations();
        return Optional.ofNullable(annotations)
                .map(a -> a.get(LEGACY_CLASS_ANNOTATION))
                .filter(IngressClasses::notBlank);
    }

    /**
     * @param classes the IngressClasses known (cluster or lint input)
     * @param assumeWhenUnknown flavour to assume when no IngressClass object decides (none known, or the named
     *        one is missing); empty to treat such Ingresses as not served by NGINX
     */
    public static IngressClassResolution resolve(
            Ingress ingress, Collection<IngressClass> classes, Optional<ControllerFlavor> assumeWhenUnknown) {
        Optional<String> requested = requestedClass(ingress);
        Optional<IngressClass> match = requested.isPresent()
                ? classes.stream()
                        .filter(c -> requested.get().equals(c.getMetadata().getName()))
                        .findFirst()
                : classes.stream().filter(IngressClasses::isDefault).findFirst();
        if (match.isPresent()) {
            IngressClass ingressClass = match.get();
            String name = ingressClass.getMetadata().getName();
            String controller = ingressClass.getSpec() == null
                    ? null
                    : ingressClass.getSpec().getController();
            Optional<ControllerFlavor> flavor = ControllerFlavor.fromControllerName(controller);
            String how = requested.isPresent() ? "IngressClass " + name : "default IngressClass " + name;
            return new IngressClassResolution(
                    Optional.of(name),
                    flavor,
                    false,
                    flavor.map(f -> how + " is served by " + f.cliName())
                            .orElse(how + " belongs to controller " + controller + ", not to NGINX"));
        }
        String missing = requested
                .map(n -> "IngressClass " + n + " not found")
                .orElse("no ingressClassName and no default IngressClass");
        return new IngressClassResolution(
                requested,
                assumeWhenUnknown,
                assumeWhenUnknown.isPresent(),
                assumeWhenUnknown.map(f -> missing + "; assumed " + f.cliName()).orElse(missing));
    }

    private static boolean isDefault(IngressClass ingressClass) {
        Map<String, String> annotations = ingressClass.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(DEFAULT_CLASS_ANNOTATION));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
