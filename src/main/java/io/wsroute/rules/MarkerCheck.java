package io.wsroute.rules;

import io.wsroute.nginx.WsrouteAnnotations;
import java.util.stream.Stream;

/**
 * WS100: a {@code wsroute.io/websocket} value other than "true" or "false". Runs on every Ingress, WebSocket or not:
 * the marker is how users opt in and out, so a typo ("yes", "True") must not pass silently. Detection then goes by
 * the other signals.
 */
final class MarkerCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        if (WebSocketMarker.of(ingress.annotations()) != WebSocketMarker.INVALID) {
            return Stream.empty();
        }
        String value = ingress.annotations().get(WsrouteAnnotations.WEBSOCKET);
        return Stream.of(ingress.finding(
                Rule.WS100,
                ReviewedIngress.annotationField(WsrouteAnnotations.WEBSOCKET),
                "\"%s\" is neither \"true\" nor \"false\", so wsroute cannot tell whether this Ingress opts in or out; it is judged by its other signals (%s)"
                        .formatted(value, ingress.detection().reason()),
                "set %s: \"true\" to opt in or \"false\" to opt out".formatted(WsrouteAnnotations.WEBSOCKET)));
    }
}
