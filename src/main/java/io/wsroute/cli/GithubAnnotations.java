package io.wsroute.cli;

import io.wsroute.cli.LintReport.Located;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import java.io.PrintWriter;

/**
 * GitHub Actions workflow commands, one per finding ({@code ::error file=F,line=L,col=C,title=T::message}), which
 * the runner shows as annotations on the pull request's diff; then the text summary line. Findings read from stdin
 * name no file (the runner would look for one in the repository) and say the line in the message instead.
 */
final class GithubAnnotations {

    private GithubAnnotations() {}

    static void print(LintReport.Result result, PrintWriter out) {
        for (Located located : result.findings()) {
            Finding f = located.finding();
            StringBuilder line =
                    new StringBuilder("::").append(f.severity().label()).append(' ');
            String where = "";
            if (ManifestReader.STDIN.equals(located.source())) {
                where = " (%s line %d)"
                        .formatted(ManifestReader.STDIN, located.position().line());
            } else {
                line.append("file=")
                        .append(property(located.source()))
                        .append(",line=")
                        .append(located.position().line())
                        .append(",col=")
                        .append(located.position().column())
                        .append(',');
            }
            line.append("title=").append(property(f.rule() + " " + title(f.rule())));
            line.append("::")
                    .append(data("%s %s/%s: %s (%s). Fix: %s%s"
                            .formatted(f.kind(), f.namespace(), f.name(), f.message(), f.field(), f.fix(), where)));
            out.println(line);
        }
        out.println("wsroute lint: " + LintReport.summary(result));
    }

    private static String title(String rule) {
        try {
            return Rule.valueOf(rule).title();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The runner's escaping of a command's message: %, CR and LF. */
    static String data(String value) {
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** The runner's escaping of a property value: as {@link #data}, and the separators : and ,. */
    static String property(String value) {
        return data(value).replace(":", "%3A").replace(",", "%2C");
    }
}
