package io.wsroute.rules;

import io.wsroute.nginx.WsrouteAnnotations;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evidence that a WebSocket backend also speaks an HTTP fallback transport (long-polling, server-sent events),
 * whose many requests per session must reach the pod that holds the session. A plain WebSocket is one TCP
 * connection and needs no affinity, so without such evidence WS113 stays silent (README "Session affinity").
 *
 * <p>Evidence, strongest first: the Ingress's {@code wsroute.io/fallback-transport} annotation ("none" rules a
 * fallback out even on a Socket.IO path); then a path that the fallback libraries serve by default.
 */
final class FallbackTransport {

    /** The annotation's value that declares a fallback (any HTTP transport: long-polling, SSE, xhr-streaming). */
    static final String LONG_POLLING = "long-polling";
    /** The annotation's value that declares clients connect with WebSocket only. */
    static final String NONE = "none";

    /**
     * Path segments the fallback libraries serve by default: Socket.IO's {@code /socket.io}, SockJS endpoints
     * ({@code /sockjs}, webpack's {@code /sockjs-node}), ASP.NET SignalR's {@code /signalr} and the
     * {@code /hubs} prefix ASP.NET Core SignalR applications conventionally map hubs under.
     */
    private static final List<String> PATH_MARKERS = List.of("socket.io", "sockjs", "signalr", "hubs");
    /** ASP.NET Core SignalR's negotiate request, {@code <hub>/negotiate}, precedes every fallback transport. */
    private static final String NEGOTIATE = "negotiate";

    private FallbackTransport() {}

    /** Why this backend has a fallback transport, or empty when nothing says it does. */
    static Optional<String> evidence(ReviewedIngress ingress, Backend backend) {
        Optional<String> declared = ingress.annotation(WsrouteAnnotations.FALLBACK_TRANSPORT);
        if (declared.isPresent()) {
            String value = declared.get().strip().toLowerCase(Locale.ROOT);
            if (value.equals(NONE)) {
                return Optional.empty();
            }
            if (value.equals(LONG_POLLING)) {
                return Optional.of(
                        "%s declares a long-polling fallback".formatted(WsrouteAnnotations.FALLBACK_TRANSPORT));
            }
            // An unreadable declaration counts as one: its author says there is something besides WebSocket.
            return Optional.of("%s \"%s\" is neither \"%s\" nor \"%s\" and is read as \"%s\""
                    .formatted(
                            WsrouteAnnotations.FALLBACK_TRANSPORT,
                            shortened(declared.get()),
                            LONG_POLLING,
                            NONE,
                            LONG_POLLING));
        }
        return pathMarker(backend.path())
                .map(marker -> "path %s looks like %s, which falls back to HTTP long-polling"
                        .formatted(backend.path(), marker));
    }

    /** A user's value as a message shows it: at most 40 characters, control characters replaced. */
    private static String shortened(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    /** The library a path looks like, from its segments (so {@code /hubspot} is no SignalR hub). */
    static Optional<String> pathMarker(String path) {
        String[] segments = path.toLowerCase(Locale.ROOT).split("/");
        for (String segment : segments) {
            for (String marker : PATH_MARKERS) {
                if (segment.equals(marker) || segment.startsWith(marker + "-")) {
                    return Optional.of(marker.equals("hubs") ? "SignalR hubs" : marker);
                }
            }
        }
        return segments.length > 0 && segments[segments.length - 1].equals(NEGOTIATE)
                ? Optional.of("SignalR negotiate")
                : Optional.empty();
    }
}
