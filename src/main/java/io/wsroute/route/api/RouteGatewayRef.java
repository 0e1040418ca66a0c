package io.wsroute.route.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * The Gateway a route attaches to, named as a Gateway API ParentReference names one (kind Gateway only). Names are
 * held to the DNS grammars of {@link RouteGrammar}; they go into the HTTPRoute's parentRefs, never into nginx.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteGatewayRef(
        @Required @Size(max = 253) @Pattern(RouteGrammar.SUBDOMAIN) @JsonPropertyDescription("Name of the Gateway.")
        String name,

        @Size(max = 63)
        @Pattern(RouteGrammar.NAMESPACE)
        @JsonPropertyDescription("Namespace of the Gateway. Default: the route's namespace.")
        String namespace,

        @Size(max = 253)
        @Pattern(RouteGrammar.SUBDOMAIN)
        @JsonPropertyDescription("Listener of the Gateway to attach to. Default: every listener that allows the route.")
        String sectionName) {

    /** The Gateway's namespace: its own when set, else the route's. */
    public String namespaceOr(String routeNamespace) {
        return namespace == null || namespace.isEmpty() ? routeNamespace : namespace;
    }
}
