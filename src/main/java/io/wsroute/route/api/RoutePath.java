package io.wsroute.route.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One path of the host and the Service behind it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutePath(
        @Required
        @Size(max = 256)
        @Pattern(RouteGrammar.PATH)
        @JsonPropertyDescription("URL path, e.g. /ws. Letters, digits and . _ ~ / - only.")
        String path,

        @Default("Prefix") @JsonPropertyDescription("Prefix (default) or Exact, as in Ingress.")
        PathMatch pathType,

        @Required @JsonPropertyDescription("The backend Service in the route's namespace.")
        RouteService service) {

    public enum PathMatch {
        Prefix,
        Exact
    }

    public PathMatch pathTypeOrDefault() {
        return pathType == null ? PathMatch.Prefix : pathType;
    }
}
