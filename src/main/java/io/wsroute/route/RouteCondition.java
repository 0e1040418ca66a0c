package io.wsroute.route;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.wsroute.route.api.WebSocketRouteStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A condition wsroute sets, and the one place that puts conditions into a status: lastTransitionTime only moves
 * when the status value changes, so an unchanged outcome writes nothing.
 */
public record RouteCondition(String type, Value value, String reason, String message) {

    public static final String READY = "Ready";
    public static final String ENFORCED = "Enforced";
    public static final String HANDSHAKE_VERIFIED = "HandshakeVerified";

    /** A condition's status, as Kubernetes spells it. */
    public enum Value {
        TRUE("True"),
        FALSE("False"),
        UNKNOWN("Unknown");

        private final String text;

        Value(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public RouteCondition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static RouteCondition ok(String type, String reason, String message) {
        return new RouteCondition(type, Value.TRUE, reason, message);
    }

    public static RouteCondition failed(String type, String reason, String message) {
        return new RouteCondition(type, Value.FALSE, reason, message);
    }

    public static RouteCondition unknown(String type, String reason, String message) {
        return new RouteCondition(type, Value.UNKNOWN, reason, message);
    }

    public boolean isTrue() {
        return value == Value.TRUE;
    }

    /** Puts this condition into the status, replacing the one of the same type. */
    public void applyTo(WebSocketRouteStatus target, Long generation) {
        applyTo(target, generation, Clock.systemUTC());
    }

    void applyTo(WebSocketRouteStatus target, Long generation, Clock clock) {
        Optional<Condition> previous = target.condition(type);
        String since = previous.filter(c -> value.text().equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElseGet(
                        () -> Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        Condition condition = new ConditionBuilder()
                .withType(type)
                .withStatus(value.text())
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(since)
                .build();
        remove(target, type);
        target.getConditions().add(condition);
        target.getConditions().sort(Comparator.comparing(Condition::getType));
    }

    /** Takes the condition of this type out of the status. */
    public static void remove(WebSocketRouteStatus target, String type) {
        target.getConditions().removeIf(c -> type.equals(c.getType()));
    }

    /** The status's condition of this type, when it is True. */
    public static boolean isTrue(WebSocketRouteStatus status, String type) {
        return status.condition(type)
                .map(c -> Value.TRUE.text().equals(c.getStatus()))
                .orElse(false);
    }
}
