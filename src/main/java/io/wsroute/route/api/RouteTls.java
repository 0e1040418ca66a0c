package io.wsroute.route.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** TLS termination at the controller, for wss:// URLs. */
public record RouteTls(
        @Required
        @Size(max = 253)
        @Pattern(RouteGrammar.SUBDOMAIN)
        @JsonPropertyDescription(
                "Secret (type kubernetes.io/tls) in the route's namespace holding the certificate for the host.")
        String secretName) {}
