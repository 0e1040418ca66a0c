package io.wsroute.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsroute.probe.ProbeRequest;
import io.wsroute.probe.ProbeResult;
import java.io.PrintWriter;

/** {@code lint --probe} output: one line of text, or one JSON object. */
final class ProbeReport {

    private ProbeReport() {}

    static void print(ProbeRequest request, ProbeResult result, boolean json, PrintWriter out) {
        String host = request.host().map(h -> " (Host: " + h + ")").orElse("");
        if (!json) {
            out.printf(
                    "%s %s%s: %s [%s, %d ms]%n",
                    result.upgraded() ? "OK  " : "FAIL",
                    request.url(),
                    host,
                    result.diagnosis(),
                    result.outcome().reason(),
                    result.elapsed().toMillis());
            return;
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("url", request.url().toString());
        node.put("host", request.hostHeader());
        node.put("upgraded", result.upgraded());
        node.put("reason", result.outcome().reason());
        if (result.status().isPresent()) {
            node.put("status", result.status().getAsInt());
        } else {
            node.putNull("status");
        }
        node.put("diagnosis", result.diagnosis());
        node.put("elapsedMillis", result.elapsed().toMillis());
        out.println(node.toPrettyString());
    }
}
