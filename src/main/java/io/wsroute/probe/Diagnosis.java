package io.wsroute.probe;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;

/** Turns a handshake answer into an outcome and one sentence a user can act on. */
final class Diagnosis {

    private Diagnosis() {}

    static ProbeResult of(ResponseHead head, String expectedAccept, ProbeRequest request) {
        int status = head.status();
        String server = head.header("server")
                .map(s -> " (server: " + ResponseHead.printable(s) + ")")
                .orElse("");
        String text = head.statusText();
        return switch (status) {
            case 101 -> switchingProtocols(head, expectedAccept, text);
            case 426 ->
                result(
                        ProbeOutcome.UPGRADE_NOT_FORWARDED,
                        status,
                        "426 from backend: the proxy did not forward "
                                + "the Upgrade header (ingress-nginx: remove connection-proxy-header and any proxy-http-version "
                                + "1.0; F5 NGINX Ingress Controller: list the Service in nginx.org/websocket-services)"
                                + server);
            case 400 ->
                result(
                        ProbeOutcome.BAD_REQUEST,
                        status,
                        text + ": the handshake reached something that "
                                + "refused it (the application's Origin or Host check, or handshake headers lost on the way)"
                                + server);
            case 301, 302, 303, 307, 308 ->
                result(
                        ProbeOutcome.REDIRECTED,
                        status,
                        text + " to "
                                + head.header("location")
                                        .map(ResponseHead::printable)
                                        .orElse("(no Location)")
                                + ": WebSocket clients do not follow redirects"
                                + (request.tls()
                                        ? ""
                                        : "; use wss://, or turn off the controller's HTTP to HTTPS redirect"));
            case 404 ->
                result(
                        ProbeOutcome.NOT_FOUND,
                        status,
                        text + ": no route for host " + request.hostHeader()
                                + " and path " + request.target()
                                + " at this address (Ingress missing, rejected by the "
                                + "controller, or another Host expected)" + server);
            case 401, 403 ->
                result(
                        ProbeOutcome.FORBIDDEN,
                        status,
                        text + ": refused by authentication or a source-range allowlist" + server);
            case 502 ->
                result(
                        ProbeOutcome.BACKEND_UNAVAILABLE,
                        status,
                        text + ": the proxy could not get an answer "
                                + "from the backend (backend down or wrong port, or the wrong protocol: plain HTTP to a TLS "
                                + "backend, gRPC or FastCGI to a WebSocket server)" + server);
            case 503 ->
                result(
                        ProbeOutcome.BACKEND_UNAVAILABLE,
                        status,
                        text + ": no ready backend, or a connection limit reached" + server);
            case 504 ->
                result(
                        ProbeOutcome.BACKEND_UNAVAILABLE,
                        status,
                        text + ": the backend did not answer the handshake in time" + server);
            default ->
                result(
                        ProbeOutcome.UNEXPECTED_STATUS,
                        status,
                        text + ": a WebSocket handshake succeeds only with 101 Switching Protocols" + server);
        };
    }

    private static ProbeResult switchingProtocols(ResponseHead head, String expectedAccept, String text) {
        String accept = head.header("sec-websocket-accept").orElse("");
        if (!accept.equals(expectedAccept)) {
            return result(
                    ProbeOutcome.BAD_ACCEPT,
                    101,
                    text + " but Sec-WebSocket-Accept is '"
                            + ResponseHead.printable(accept)
                            + "', not the hash of the key sent: something other than the "
                            + "WebSocket server answered");
        }
        boolean upgradeHeader = head.header("upgrade")
                .map(u -> u.toLowerCase(Locale.ROOT).contains("websocket"))
                .orElse(false);
        if (!upgradeHeader) {
            return result(ProbeOutcome.BAD_ACCEPT, 101, text + " without Upgrade: websocket in the answer");
        }
        return result(ProbeOutcome.UPGRADED, 101, text + ": the WebSocket handshake passed through to the backend");
    }

    private static ProbeResult result(ProbeOutcome outcome, int status, String diagnosis) {
        return new ProbeResult(outcome, OptionalInt.of(status), diagnosis, Duration.ZERO);
    }
}
