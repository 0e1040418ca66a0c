package io.wsroute.route.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Warnings the route's owners accept on purpose: the route's form of the Ingress annotations {@code wsroute.io/accept}
 * and {@code wsroute.io/accept-reason} (README "Accepting warnings"), which the planner writes onto the owned Ingress
 * so the webhooks, the audit and the route's status all read one list.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteAcceptedWarnings(
        @Required
        @Size(min = 1, max = 32)
        @JsonPropertyDescription(
                "Rule ids of warnings accepted on purpose, e.g. WS103. Errors cannot be accepted; an id that is no rule, is an error or no longer occurs is reported as a warning of its own.")
        List<@Pattern(RouteGrammar.RULE_ID) @Size(max = 5) String> rules,

        @Size(max = 300)
        @Pattern(RouteGrammar.ONE_LINE)
        @JsonPropertyDescription("Why, for people reading the route; wsroute only shows it.")
        String reason) {

    public List<String> rulesOrEmpty() {
        return rules == null ? List.of() : rules;
    }
}
