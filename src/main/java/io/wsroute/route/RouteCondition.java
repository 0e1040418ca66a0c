package io.wsroute.route;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.Optional;

/**
 * A condition wsroute sets, and how it goes into a status: lastTransitionTime only moves when the status value
 * changes, so an unchanged outcome writes nothing.
 */
public record RouteCondition(String type, boolean status, String reason, String message) {

    public static final String READY = "Ready";
    public static final String ENFORCED = "Enforced";

    public static RouteCondition ok(String type, String reason, String message) {
        return new RouteCondition(type, true, reason, message);
    }

    public static RouteCondition failed(String type, String reason, String message) {
        return new RouteCondition(type, false, reason, message);
    }

    /** Puts this condition into the status, replacing the one of the same type. */
    public void applyTo(WebSocketRouteStatus target, Long generation) {
        Optional<Condition> previous = target.condition(type);
        String value = status ? "True" : "False";
        String since = previous.filter(c -> value.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElseGet(() -> Instant.now()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString());
        Condition condition = new ConditionBuilder()
                .withType(type)
                .withStatus(value)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(since)
                .build();
        target.getConditions().removeIf(c -> type.equals(c.getType()));
        target.getConditions().add(condition);
        target.getConditions().sort(java.util.Comparator.comparing(Condition::getType));
    }
}
