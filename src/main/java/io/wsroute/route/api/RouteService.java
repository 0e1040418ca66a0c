package io.wsroute.route.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Service and one of its ports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteService(
        @Required
        @Size(max = 63)
        @Pattern(RouteGrammar.SERVICE_NAME)
        @JsonPropertyDescription("Name of the Service, in the route's namespace.")
        String name,

        @Required @JsonPropertyDescription("The Service port: exactly one of number and name.")
        Port port) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Port(
            @Min(1) @Max(65535) @JsonPropertyDescription("Port number, as in the Service's spec.ports[].port.")
            Integer number,

            @Size(max = 15)
            @Pattern(RouteGrammar.PORT_NAME)
            @JsonPropertyDescription("Port name, as in the Service's spec.ports[].name.")
            String name) {

        public String describe() {
            return number != null ? Integer.toString(number) : name;
        }
    }
}
