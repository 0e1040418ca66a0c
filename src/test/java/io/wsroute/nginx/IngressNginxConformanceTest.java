package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.IngressNginxVerdict.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite for community ingress-nginx: one row per annotation and value class in
 * src/test/resources/conformance/ingress-nginx-v1.psv, each citing the controller file and function it was read
 * from, judged by {@link IngressNginxAnnotationTable}.
 */
class IngressNginxConformanceTest {

    private static final String ROWS = "/conformance/ingress-nginx-v1.psv";
    private static final String RISK_TABLE = "/conformance/ingress-nginx-v1.15.1-annotations-risk.txt";

    record Row(
            int line,
            IngressNginxVersion version,
            RiskLevel riskLevel,
            String annotation,
            String value,
            Map<String, String> context,
            Outcome outcome,
            String source) {

        @Override
        public String toString() {
            return "%d: %s=%s on %s (risk %s) -> %s"
                    .formatted(line, annotation, value, version, riskLevel.configValue(), outcome);
        }
    }

    static List<Row> rows() throws IOException {
        List<String> lines = lines(ROWS);
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" \\| ", -1);
            assertThat(f).as("line %d has seven columns", i + 1).hasSize(7);
            rows.add(new Row(
                    i + 1,
                    IngressNginxVersion.parse(f[0].strip()),
                    RiskLevel.parse(f[1].strip()).orElseThrow(),
                    f[2].strip(),
                    unquote(f[3].strip()),
                    context(f[4].strip()),
                    Outcome.valueOf(f[5].strip()),
                    f[6].strip()));
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void tableAgreesWithTheController(Row row) {
        Map<String, String> annotations = new LinkedHashMap<>(row.context());
        String key = IngressNginxAnnotations.PREFIX + row.annotation();
        annotations.put(key, row.value());

        IngressNginxVerdict verdict =
                IngressNginxAnnotationTable.judge(key, annotations, row.version(), row.riskLevel());

        assertThat(verdict.outcome()).as("%s (%s)", row, verdict.reason()).isEqualTo(row.outcome());
        if (row.outcome() != Outcome.ACCEPTED) {
            assertThat(verdict.reason()).as("a reason for users").isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyRowCitesTheParserThatReadsTheAnnotation(Row row) {
        assertThat(row.source())
                .matches(s -> s.contains(".go ") || s.contains(".md"), "names a source file and function");
        IngressNginxAnnotationTable.byName(row.annotation())
                .ifPresent(a -> assertThat(row.source())
                        .as("row cites the same parser as the table")
                        .startsWith(a.source().split(" \\(")[0]));
    }

    @Test
    void everyAnnotationOfTheLatestReleaseIsInTheTableWithItsRisk() throws IOException {
        Map<String, String> documented = lines(RISK_TABLE).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split(" "))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
        assertThat(documented).hasSize(136);
        documented.forEach((name, risk) -> {
            IngressNginxAnnotation a =
                    IngressNginxAnnotationTable.byName(name).orElseThrow(() -> new AssertionError(name));
            assertThat(a.name()).isEqualTo(name);
            assertThat(a.risk().configValue()).as(name).isEqualTo(risk);
            assertThat(a.readBy(IngressNginxVersion.LATEST)).as(name).isTrue();
        });
        Set<String> latest = IngressNginxAnnotationTable.all().stream()
                .filter(a -> a.readBy(IngressNginxVersion.LATEST))
                .map(IngressNginxAnnotation::name)
                .collect(Collectors.toSet());
        assertThat(latest).isEqualTo(documented.keySet());
    }

    @Test
    void everyAnnotationHasAnAcceptedRowAndARowForABadValue() throws IOException {
        Map<String, Set<Outcome>> seen = rows().stream()
                .collect(Collectors.groupingBy(Row::annotation, Collectors.mapping(Row::outcome, Collectors.toSet())));
        for (IngressNginxAnnotation a : IngressNginxAnnotationTable.all()) {
            assertThat(seen).as("rows for %s", a.name()).containsKey(a.name());
            assertThat(seen.get(a.name())).as(a.name()).contains(Outcome.ACCEPTED);
            if (!a.isSnippet()) {
                assertThat(seen.get(a.name()))
                        .as("a bad value of %s", a.name())
                        .containsAnyOf(
                                Outcome.DEFAULTED,
                                Outcome.INGRESS_DROPPED,
                                Outcome.LOCATION_DENIED,
                                Outcome.NGINX_REFUSES);
            }
        }
        assertThat(rows()).hasSizeGreaterThan(300);
    }

    @Test
    void versionsParseAndCompare() {
        assertThat(IngressNginxVersion.parse("v1.12")).isEqualTo(new IngressNginxVersion(1, 12, 0));
        assertThat(IngressNginxVersion.parse("1.15.1")).isEqualTo(IngressNginxVersion.LATEST);
        assertThat(IngressNginxVersion.parse("1.9.6").atLeast(IngressNginxVersion.parse("1.10")))
                .isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IngressNginxVersion.parse("latest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAJOR.MINOR");
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = IngressNginxConformanceTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static String unquote(String field) {
        if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
            return field.substring(1, field.length() - 1)
                    .replace("\\n", "\n")
                    .replace("\\t", "\t")
                    .replace("\\\"", "\"");
        }
        return field;
    }

    private static Map<String, String> context(String field) {
        if (field.isEmpty()) {
            return Map.of();
        }
        return Stream.of(field.split(";"))
                .map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> IngressNginxAnnotations.PREFIX + kv[0], kv -> kv[1]));
    }
}
