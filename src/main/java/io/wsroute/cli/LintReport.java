package io.wsroute.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wsroute.cli.SourcePositions.Position;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Severity;
import java.io.PrintWriter;
import java.util.List;

/** What lint found, and its text and JSON renderings ({@link SarifReport}, {@link GithubAnnotations} beside). */
final class LintReport {

    /** A finding, the file it came from, and the line and column of its field there. */
    record Located(String source, Finding finding, Position position) {}

    /**
     * @param findings open findings, in input order
     * @param accepted warnings accepted on purpose ({@code wsroute.io/accept}), left out of {@code findings}
     * @param ingresses Ingresses checked
     * @param httpRoutes HTTPRoutes checked
     */
    record Result(List<Located> findings, int accepted, int ingresses, int httpRoutes) {

        Result(List<Located> findings, int accepted, int ingresses) {
            this(findings, accepted, ingresses, 0);
        }

        long errors() {
            return findings.stream()
                    .filter(l -> l.finding().severity() == Severity.ERROR)
                    .count();
        }

        long warnings() {
            return findings.size() - errors();
        }
    }

    private LintReport() {}

    static void text(Result result, PrintWriter out) {
        for (Located located : result.findings()) {
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
        out.println(summary(result));
    }

    /** {@code 2 errors, 1 warning (1 more accepted) in 9 Ingresses}, and {@code and 2 HTTPRoutes} when there are. */
    static String summary(Result result) {
        long errors = result.errors();
        long warnings = result.warnings();
        return "%d error%s, %d warning%s%s in %d Ingress%s%s"
                .formatted(
                        errors,
                        errors == 1 ? "" : "s",
                        warnings,
                        warnings == 1 ? "" : "s",
                        result.accepted() == 0 ? "" : " (%d more accepted)".formatted(result.accepted()),
                        result.ingresses(),
                        result.ingresses() == 1 ? "" : "es",
                        result.httpRoutes() == 0
                                ? ""
                                : " and %d HTTPRoute%s"
                                        .formatted(result.httpRoutes(), result.httpRoutes() == 1 ? "" : "s"));
    }

    static void json(Result result, PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (Located located : result.findings()) {
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
                    .put("file", located.source())
                    .put("line", located.position().line())
                    .put("column", located.position().column());
        }
        out.println(array.toPrettyString());
    }
}
