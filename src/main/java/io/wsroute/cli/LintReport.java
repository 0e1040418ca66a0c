package io.wsroute.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Severity;
import java.io.PrintWriter;
import java.util.List;

/** Prints lint findings as text (one line each, then a summary) or as a JSON array. */
final class LintReport {

    /** A finding and the file it came from. */
    record Located(String source, Finding finding) {}

    private LintReport() {}

    static void text(List<Located> findings, int ingresses, PrintWriter out) {
        for (Located located : findings) {
            Finding f = located.finding();
            out.printf(
                    "%s: %s %s/%s %s %s %s: %s. Fix: %s%n",
                    located.source(),
                    f.kind(),
                    f.namespace(),
                    f.name(),
                    f.rule(),
                    f.severity().label(),
                    f.field(),
                    f.message(),
                    f.fix());
        }
        long errors = findings.stream()
                .filter(l -> l.finding().severity() == Severity.ERROR)
                .count();
        out.printf(
                "%d error%s, %d warning%s in %d Ingress%s%n",
                errors,
                errors == 1 ? "" : "s",
                findings.size() - errors,
                findings.size() - errors == 1 ? "" : "s",
                ingresses,
                ingresses == 1 ? "" : "es");
    }

    static void json(List<Located> findings, PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (Located located : findings) {
            Finding f = located.finding();
            array.addObject()
                    .put("rule", f.rule())
                    .put("severity", f.severity().label())
                    .put("kind", f.kind())
                    .put("namespace", f.namespace())
                    .put("name", f.name())
                    .put("field", f.field())
                    .put("message", f.message())
                    .put("fix", f.fix())
                    .put("file", located.source());
        }
        out.println(array.toPrettyString());
    }
}
