package io.wsroute.probe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Status line and headers of an HTTP/1.x response; header names lower-cased, repeated headers joined with ", ".
 */
record ResponseHead(String version, int status, String reasonPhrase, Map<String, String> headers) {

    static ResponseHead parse(String head) throws HandshakeProbe.MalformedResponse {
        String[] lines = head.split("\r\n");
        String statusLine = lines[0];
        if (!statusLine.matches("HTTP/1\\.[01] [0-9]{3}( .*)?")) {
            throw new HandshakeProbe.MalformedResponse("first line was '" + printable(statusLine) + "'");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                headers.merge(name, value, (a, b) -> a + ", " + b);
            }
        }
        return new ResponseHead(statusLine.substring(0, 8), status, reason, headers);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** "426 Upgrade Required" */
    String statusText() {
        return reasonPhrase.isEmpty() ? Integer.toString(status) : status + " " + printable(reasonPhrase);
    }

    /** Peer-supplied text goes into status conditions and terminals: printable ASCII only, and not too long. */
    static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
