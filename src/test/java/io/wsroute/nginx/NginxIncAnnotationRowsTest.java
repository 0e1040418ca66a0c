package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.NginxIncVerdict.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per (annotation, value class, controller set-up) of conformance/nginx-inc-annotations.csv, each citing the
 * nginx/kubernetes-ingress file and function it comes from: accepted, ignored, rejected, needs NGINX Plus, or not
 * judged. Complements {@link NginxIncConformanceTest} (the controller's own validation tests) with release
 * differences, values the controller only parses when building the configuration, and mergeable Ingresses.
 */
class NginxIncAnnotationRowsTest {

    private static final String ROWS = "/conformance/nginx-inc-annotations.csv";

    record Row(String annotation, String value, String setup, Outcome outcome, String reason, String source) {}

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                NginxIncAnnotationRowsTest.class.getResourceAsStream(ROWS), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\\|", -1);
                assertThat(c).as(line).hasSize(6);
                Row row = new Row(c[0], c[1].equals("<empty>") ? "" : c[1], c[2], Outcome.valueOf(c[3]), c[4], c[5]);
                rows.add(Arguments.of(row.annotation() + "=\"" + row.value() + "\" [" + row.setup() + "]", row));
            }
        }
        return rows.stream();
    }

    @Test
    void everyAnnotationTheLatestReleaseReadsHasARow() throws IOException {
        Set<String> covered = new TreeSet<>();
        rows().forEach(a -> covered.add(((Row) a.get()[1]).annotation()));
        Set<String> controllerTests = NginxIncConformanceTest.coveredByControllerTests();
        List<String> missing = NginxIncAnnotationTable.keys(NginxIncVersion.LATEST).stream()
                .filter(k -> !covered.contains(k) && !controllerTests.contains(k))
                .toList();
        assertThat(missing).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void verdictMatchesTheController(String name, Row row) {
        assertThat(row.source())
                .as("every row cites the controller's source")
                .matches("(internal|pkg)/\\S+\\.go \\S.*");
        Map<String, String> annotations = new HashMap<>();
        NginxIncVersion version = NginxIncVersion.LATEST;
        boolean plus = false;
        boolean snippets = false;
        Set<String> services = Set.of("ws", "api");
        for (String token : row.setup().split(" ")) {
            if (token.startsWith("v=")) {
                version = NginxIncVersion.parse(token.substring(2));
            } else if (token.equals("plus")) {
                plus = true;
            } else if (token.equals("snippets")) {
                snippets = true;
            } else if (token.startsWith("svc=")) {
                services = Set.of(token.substring(4).split(","));
            } else if (token.startsWith("also=")) {
                String pair = token.substring(5);
                int eq = pair.indexOf('=');
                annotations.put(pair.substring(0, eq), pair.substring(eq + 1));
            } else {
                assertThat(token).as("setup token").isEmpty();
            }
        }
        annotations.put(row.annotation(), row.value());
        NginxIncInput input =
                NginxIncInput.of(annotations, services, new NginxIncSetup(version, plus, snippets, false));

        NginxIncVerdict verdict = NginxIncValidation.judge(row.annotation(), input);

        assertThat(verdict.outcome()).as("%s -> %s", name, verdict).isEqualTo(row.outcome());
        assertThat(verdict.reason()).as(name).contains(row.reason());
    }
}
