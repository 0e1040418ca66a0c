package io.wsroute.cli;

import static io.wsroute.cli.LintRun.CHAT_SERVICE;
import static io.wsroute.cli.LintRun.EXAMPLES;
import static io.wsroute.cli.LintRun.INGRESS_CLASSES;
import static io.wsroute.cli.LintRun.lint;
import static io.wsroute.cli.LintRun.lintStdin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.wsroute.rules.Rule;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lint's SARIF and GitHub outputs, the line and column of each finding, and --fail-on. */
class LintFormatsTest {

    private static Schema sarifSchema;

    @BeforeAll
    static void loadTheSarifSchema() throws Exception {
        try (InputStream in = LintFormatsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            sarifSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(in);
        }
    }

    private static List<Error> sarifErrors(JsonNode sarif) {
        return sarifSchema.validate(sarif);
    }

    @Test
    void sarifOfTheExamplesIsSchemaValidWithOneResultPerFinding() {
        LintRun sarif = lint("-o", "sarif", EXAMPLES);
        LintRun json = lint("-o", "json", EXAMPLES);
        assertThat(sarif.exit()).as(sarif.toString()).isEqualTo(1).isEqualTo(json.exit());
        JsonNode log = sarif.json();
        assertThat(sarifErrors(log)).as("schema errors").isEmpty();

        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = log.path("runs").get(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertThat(rules).hasSize(Rule.values().length);
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = Rule.values()[i];
            JsonNode node = rules.get(i);
            assertThat(node.path("id").asText()).isEqualTo(rule.id());
            assertThat(node.path("shortDescription").path("text").asText()).isEqualTo(rule.title());
            assertThat(node.path("help").path("text").asText()).isNotBlank();
            assertThat(node.path("defaultConfiguration").path("level").asText())
                    .isEqualTo(rule.severity().label());
        }

        JsonNode results = run.path("results");
        JsonNode findings = json.json();
        assertThat(results).hasSize(findings.size()).isNotEmpty();
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            JsonNode finding = findings.get(i);
            assertThat(result.path("ruleId").asText())
                    .isEqualTo(finding.path("rule").asText());
            assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText())
                    .isEqualTo(result.path("ruleId").asText());
            assertThat(result.path("level").asText())
                    .isEqualTo(finding.path("severity").asText());
            assertThat(result.path("message").path("text").asText())
                    .contains(finding.path("message").asText())
                    .contains("Fix: " + finding.path("fix").asText());
            assertThat(result.path("properties").path("fix").asText())
                    .isEqualTo(finding.path("fix").asText());
            JsonNode physical = result.path("locations").get(0).path("physicalLocation");
            assertThat(physical.path("artifactLocation").path("uri").asText())
                    .isEqualTo(finding.path("file").asText());
            assertThat(physical.path("region").path("startLine").asInt())
                    .isEqualTo(finding.path("line").asInt());
            assertThat(physical.path("region").path("startColumn").asInt())
                    .isEqualTo(finding.path("column").asInt());
            assertThat(result.path("partialFingerprints")
                            .path(SarifReport.FINGERPRINT)
                            .asText())
                    .hasSize(32);
        }
    }

    @Test
    void theSchemaCheckCatchesBrokenSarif() {
        JsonNode log = lint("-o", "sarif", EXAMPLES).json();
        ObjectNode result = (ObjectNode) log.path("runs").get(0).path("results").get(0);
        result.put("level", "fatal");
        ((ObjectNode) result.path("locations").get(0).path("physicalLocation").path("region")).put("startLine", 0);
        assertThat(sarifErrors(log)).hasSizeGreaterThanOrEqualTo(2);
    }

    /** Every finding on the examples points at the key its field names, on the line and column given. */
    @Test
    void eachFindingPointsAtItsFieldInTheFile() throws Exception {
        JsonNode findings = lint("-o", "json", EXAMPLES).json();
        assertThat(findings).isNotEmpty();
        for (JsonNode finding : findings) {
            List<String> lines = Files.readAllLines(Path.of(finding.path("file").asText()));
            String line = lines.get(finding.path("line").asInt() - 1);
            String at = line.substring(finding.path("column").asInt() - 1);
            List<String> segments =
                    SourcePositions.FieldPath.segments(finding.path("field").asText());
            String last = segments.get(segments.size() - 1);
            String expected = last.equals("nginx.org/websocket-services") && !at.startsWith(last)
                    ? "annotations:" // WS108: the annotation is missing, so its parent is meant
                    : last + ":";
            assertThat(at).as("%s at %s", finding.path("field").asText(), line).startsWith(expected);
        }
    }

    @Test
    void linesCountAcrossDocumentsListsAndJson() throws Exception {
        String manifests = """
                # a comment line
                apiVersion: v1
                kind: Service
                metadata: {name: chat, namespace: demo}
                spec:
                  ports: [{port: 8080, appProtocol: kubernetes.io/ws}]
                ---
                apiVersion: v1
                kind: List
                items:
                - apiVersion: networking.k8s.io/v1
                  kind: Ingress
                  metadata:
                    name: first
                    namespace: demo
                    annotations:
                      nginx.ingress.kubernetes.io/proxy-read-timeout: "1h"
                  spec:
                    rules:
                    - http:
                        paths:
                        - {path: /ws, pathType: Prefix, backend: {service: {name: chat, port: {number: 8080}}}}
                ---
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: second
                  namespace: demo
                  annotations:
                    wsroute.io/websocket: "true"
                    nginx.ingress.kubernetes.io/proxy-http-version: "1.0"
                spec:
                  rules:
                  - http:
                      paths:
                      - path: /ws
                        pathType: Prefix
                        backend: {service: {name: chat, port: {number: 8080}}}
                """;
        JsonNode findings = lintStdin(manifests, "-o", "json", "-").json();
        assertThat(position(findings, "first", "WS101")).isEqualTo("17:7");
        assertThat(position(findings, "second", "WS105")).isEqualTo("32:5");

        String json = """
                {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                 "metadata": {"name": "third", "namespace": "demo",
                   "annotations": {
                     "wsroute.io/websocket": "true",
                     "nginx.ingress.kubernetes.io/proxy-read-timeout": "60s"}},
                 "spec": {"rules": [{"http": {"paths": [{"path": "/", "pathType": "Prefix",
                   "backend": {"service": {"name": "chat", "port": {"number": 80}}}}]}}]}}
                """;
        assertThat(position(lintStdin(json, "-o", "json", "-").json(), "third", "WS101"))
                .isEqualTo("5:6");
    }

    private static String position(JsonNode findings, String name, String rule) {
        for (JsonNode finding : findings) {
            if (finding.path("name").asText().equals(name)
                    && finding.path("rule").asText().equals(rule)) {
                return finding.path("line").asInt() + ":"
                        + finding.path("column").asInt();
            }
        }
        throw new AssertionError("no " + rule + " on " + name + " in " + findings);
    }

    @Test
    void githubOutputIsAWorkflowCommandPerFinding() {
        LintRun run = lint("-o", "github", EXAMPLES + "/bad-timeout-with-unit.yaml", CHAT_SERVICE);
        assertThat(run.exit()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .startsWith("::error file=deploy/examples/bad-timeout-with-unit.yaml,line=8,col=5,"
                        + "title=WS101 ingress-nginx timeout is not integer seconds%2C so the controller silently "
                        + "uses 60 s::Ingress demo/chat-unit-timeout: ")
                .contains("Fix: set nginx.ingress.kubernetes.io/proxy-read-timeout: \"3600\"");
        assertThat(lines.get(1)).isEqualTo("wsroute lint: 1 error, 0 warnings in 1 Ingress");

        LintRun warning = lint("-o", "github", EXAMPLES + "/warn-socketio-no-affinity.yaml");
        assertThat(warning.out()).startsWith("::warning file=deploy/examples/warn-socketio-no-affinity.yaml,line=51,");
    }

    @Test
    void githubOutputEscapesWhatWouldEndACommand() {
        assertThat(GithubAnnotations.data("50% of a\r\nb")).isEqualTo("50%25 of a%0D%0Ab");
        assertThat(GithubAnnotations.property("a:b,c%")).isEqualTo("a%3Ab%2Cc%25");
        // a value with a newline cannot start a second command on the runner
        String hostile = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: hostile
                  annotations:
                    wsroute.io/websocket: "true"
                    nginx.ingress.kubernetes.io/proxy-read-timeout: "1\\n::error file=x::forged"
                spec:
                  rules: [{http: {paths: [{path: /, pathType: Prefix,
                    backend: {service: {name: chat, port: {number: 80}}}}]}}]
                """;
        LintRun run = lintStdin(hostile, "-o", "github", "-");
        assertThat(run.out().lines()).as("WS101, WS103 and the summary").hasSize(3);
        assertThat(run.out().lines()).noneMatch(l -> l.startsWith("::error file=x"));
        assertThat(run.out())
                .as("stdin names no file")
                .startsWith("::error title=WS101")
                .contains("(<stdin> line 7)");
    }

    @Test
    void failOnDecidesWhichFindingsMakeTheExitCodeOne() {
        String warningsOnly = EXAMPLES + "/warn-socketio-no-affinity.yaml";
        String errors = EXAMPLES + "/bad-http10.yaml";
        assertThat(lint(warningsOnly).exit()).as("default: errors only").isZero();
        assertThat(lint("--fail-on", "error", warningsOnly).exit()).isZero();
        assertThat(lint("--fail-on", "warning", warningsOnly).exit()).isEqualTo(1);
        assertThat(lint("--fail-on", "never", errors, CHAT_SERVICE).exit()).isZero();
        assertThat(lint("--fail-on", "error", errors, CHAT_SERVICE).exit()).isEqualTo(1);
        String good = EXAMPLES + "/good-ingress-nginx.yaml";
        assertThat(lint("--fail-on", "warning", good, CHAT_SERVICE, INGRESS_CLASSES)
                        .exit())
                .isZero();
        LintRun bad = lint("--fail-on", "sometimes", good);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--fail-on");
    }

    @Test
    void sarifUrisAreRelativeReferencesAndStdinIsNamed(@TempDir Path dir) throws Exception {
        assertThat(SarifReport.uri("deploy/examples/a b.yaml")).isEqualTo("deploy/examples/a%20b.yaml");
        assertThat(SarifReport.uri("c:d.yaml")).isEqualTo("./c:d.yaml");
        assertThat(SarifReport.uri(ManifestReader.STDIN)).isEqualTo("stdin");
        Path file = Files.copy(Path.of(EXAMPLES, "bad-http10.yaml"), dir.resolve("bad.yaml"));
        JsonNode log = lint("-o", "sarif", file.toString(), CHAT_SERVICE).json();
        assertThat(sarifErrors(log)).isEmpty();
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo(file.toUri().toString());
        JsonNode fromStdin = lintStdin(
                        Files.readString(file) + "---\n" + Files.readString(Path.of(CHAT_SERVICE)), "-o", "sarif", "-")
                .json();
        assertThat(sarifErrors(fromStdin)).isEmpty();
        assertThat(fromStdin
                        .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo("stdin");
    }

    @Test
    void fieldPathsSplitAsTheRulesWriteThem() {
        assertThat(SourcePositions.FieldPath.segments("metadata.annotations[\"nginx.org/a.b\"]"))
                .containsExactly("metadata", "annotations", "nginx.org/a.b");
        assertThat(SourcePositions.FieldPath.segments("spec.rules[0].http.paths[12].backend.service"))
                .containsExactly("spec", "rules", "[0]", "http", "paths", "[12]", "backend", "service");
        assertThat(SourcePositions.FieldPath.segments("ConfigMap ingress-nginx/c data[\"x\"]"))
                .isEmpty();
    }
}
