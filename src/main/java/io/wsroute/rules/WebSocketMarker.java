package io.wsroute.rules;

import io.wsroute.nginx.WsrouteAnnotations;
import java.util.Map;

/** The value of {@code wsroute.io/websocket}: exactly "true" or "false"; anything else is reported (WS100). */
enum WebSocketMarker {
    ABSENT,
    TRUE,
    FALSE,
    INVALID;

    static WebSocketMarker of(Map<String, String> annotations) {
        String value = annotations.get(WsrouteAnnotations.WEBSOCKET);
        if (value == null) {
            return ABSENT;
        }
        return switch (value) {
            case "true" -> TRUE;
            case "false" -> FALSE;
            default -> INVALID;
        };
    }
}
