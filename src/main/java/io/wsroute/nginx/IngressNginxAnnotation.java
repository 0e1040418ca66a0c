package io.wsroute.nginx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One annotation as community ingress-nginx reads it: its validator, risk, which parser reads it and what that
 * parser does when the validator refuses a value.
 *
 * @param name the name after the prefix
 * @param aliases older names read when this one is absent or empty
 * @param validator the check run on non-empty values
 * @param risk the annotation's risk; above the controller's annotations-risk-level it drops the Ingress
 * @param onInvalid what a value the validator refuses does
 * @param fallback what is used instead, for messages ("the ConfigMap's proxy-read-timeout")
 * @param source the parser that reads it (path in kubernetes/ingress-nginx and function)
 * @param since the first release that reads it
 * @param removedIn the first release that no longer reads it, when one does not
 * @param gate another annotation that must be set for this one to be read at all (auth-type for auth-realm...)
 * @param afterValidation the parser's own check of a value the validator passed: a verdict when it departs from
 *        plain acceptance (a default, a denied location, a directive nginx refuses)
 */
public record IngressNginxAnnotation(
        String name,
        List<String> aliases,
        IngressNginxValidator validator,
        RiskLevel risk,
        OnInvalid onInvalid,
        String fallback,
        String source,
        IngressNginxVersion since,
        Optional<IngressNginxVersion> removedIn,
        Optional<String> gate,
        Function<String, Optional<IngressNginxVerdict>> afterValidation) {

    /** What a value the validator refuses does to the Ingress. */
    public enum OnInvalid {
        /** The parser returns the validation error; the extractor drops the whole Ingress. */
        DROPS_INGRESS,
        /** The parser swallows the error and uses {@link #fallback()}. */
        USES_DEFAULT,
        /** The parser turns it into a denied location (503). */
        DENIES_LOCATION
    }

    public IngressNginxAnnotation {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(afterValidation, "afterValidation");
    }

    public String key() {
        return IngressNginxAnnotations.PREFIX + name;
    }

    /** Whether the given release reads this annotation. */
    public boolean readBy(IngressNginxVersion version) {
        return version.atLeast(since) && removedIn.map(r -> !version.atLeast(r)).orElse(true);
    }

    /** A snippet: its risk is Critical and the snippet gates (allow-snippet-annotations) decide, not its value. */
    public boolean isSnippet() {
        return name.endsWith(IngressNginxAnnotations.SNIPPET_SUFFIX);
    }
}
