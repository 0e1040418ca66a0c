package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lint in-process, as the command line runs it: exit codes, output formats, and the shipped examples. */
class LintCommandTest {

    private static final String EXAMPLES = "deploy/examples";

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run lint(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LintCommand.run(args, stdin, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    static Run lint(String... args) {
        return lint(InputStream.nullInputStream(), args);
    }

    @Test
    void everyExampleYieldsTheRulesItsReadmePromises() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "good-ingress-nginx.yaml", List.of(),
                "good-nginx-inc.yaml", List.of(),
                "plain-http-api.yaml", List.of(),
                "bad-timeout-with-unit.yaml", List.of("WS101"),
                "bad-connection-close.yaml", List.of("WS105", "WS106"),
                "bad-nginx-inc-missing-websocket-services.yaml", List.of("WS108"),
                "bad-wrong-prefix.yaml", List.of("WS110", "WS111"),
                "warn-socketio-no-affinity.yaml", List.of("WS113"));
        Run run = lint("--output", "json", EXAMPLES);
        assertThat(run.exit()).isEqualTo(1);
        Map<String, List<String>> found = new java.util.HashMap<>();
        expected.keySet().forEach(f -> found.put(f, new ArrayList<>()));
        for (JsonNode finding : run.json()) {
            String file = Path.of(finding.path("file").asText()).getFileName().toString();
            found.computeIfAbsent(file, f -> new ArrayList<>()).add(finding.path("rule").asText());
        }
        found.replaceAll((f, rules) -> List.copyOf(new TreeSet<>(rules)));
        assertThat(found).isEqualTo(expected);
        String readme = Files.readString(Path.of(EXAMPLES, "README.md"));
        expected.keySet().forEach(file -> assertThat(readme).contains("`" + file + "`"));
    }

    @Test
    void jsonFindingsCarryTheContractFields() throws Exception {
        JsonNode findings = lint("--output", "json", EXAMPLES + "/bad-timeout-with-unit.yaml",
                EXAMPLES + "/chat-service.yaml").json();
        assertThat(findings).hasSize(1);
        JsonNode finding = findings.get(0);
        for (String field : List.of("rule", "severity", "kind", "namespace", "name", "field", "message", "fix")) {
            assertThat(finding.hasNonNull(field)).as(field).isTrue();
        }
        assertThat(finding.path("rule").asText()).isEqualTo("WS101");
        assertThat(finding.path("severity").asText()).isEqualTo("error");
        assertThat(finding.path("name").asText()).isEqualTo("chat-unit-timeout");
    }

    @Test
    void goodInputExitsZeroAndTextSummarises() {
        Run run = lint(EXAMPLES + "/good-ingress-nginx.yaml", EXAMPLES + "/chat-service.yaml");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("0 errors, 0 warnings in 1 Ingress\n");
    }

    @Test
    void warningsAloneExitZero() {
        Run run = lint(EXAMPLES + "/warn-socketio-no-affinity.yaml");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("WS113 warning").contains("0 errors, 1 warning in 1 Ingress");
    }

    @Test
    void badUsageAndUnreadableInputExitTwo(@TempDir Path dir) throws Exception {
        assertThat(lint().exit()).isEqualTo(2);
        assertThat(lint("--no-such-option", EXAMPLES).exit()).isEqualTo(2);
        assertThat(lint("--output", "xml", EXAMPLES).exit()).isEqualTo(2);
        assertThat(lint("--controller", "traefik", EXAMPLES).err()).contains("--controller must be");
        Run missing = lint(dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: no such file or directory");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "kind: Ingress\nmetadata: [unclosed\n");
        Run syntax = lint(broken.toString());
        assertThat(syntax.exit()).isEqualTo(2);
        assertThat(syntax.err()).contains("broken.yaml: not valid YAML");
    }

    @Test
    void aliasBombIsRefusedCleanly(@TempDir Path dir) throws Exception {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = c;
        }
        Run run = lint(Files.writeString(dir.resolve("bomb.yaml"), bomb).toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("bomb.yaml: not valid YAML").containsIgnoringCase("aliases");
    }

    @Test
    void deepNestingIsRefusedCleanly(@TempDir Path dir) throws Exception {
        String deep = "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        Run run = lint(Files.writeString(dir.resolve("deep.yaml"), deep).toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("deep.yaml: not valid YAML");
    }

    @Test
    void readsStdinListsAndMultipleDocuments() throws Exception {
        String list = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Service
                  metadata: {name: chat, namespace: demo}
                  spec:
                    ports: [{port: 8080, appProtocol: kubernetes.io/ws}]
                - apiVersion: networking.k8s.io/v1
                  kind: Ingress
                  metadata:
                    name: listed
                    namespace: demo
                    annotations: {nginx.ingress.kubernetes.io/proxy-read-timeout: "1h"}
                  spec:
                    rules:
                    - http:
                        paths:
                        - {path: /ws, pathType: Prefix, backend: {service: {name: chat, port: {number: 8080}}}}
                ---
                just: some other yaml
                """;
        Run run = lint(new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)), "--output", "json", "-");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().findValuesAsText("rule")).containsExactlyInAnyOrder("WS101", "WS103");
    }

    @Test
    void controllerFlagAppliesWhenNoIngressClassDecides(@TempDir Path dir) throws Exception {
        String ingress = Files.readString(Path.of(EXAMPLES, "good-nginx-inc.yaml")).replace("ingressClassName: nginx-plus",
                "ingressClassName: unknown");
        Path file = Files.writeString(dir.resolve("f5.yaml"), ingress);
        assertThat(lint(file.toString(), EXAMPLES + "/chat-service.yaml").out()).contains("WS110");
        assertThat(lint("--controller", "nginx-inc", file.toString(), EXAMPLES + "/chat-service.yaml").exit()).isZero();
    }

    @Test
    void controllerConfigMapSuppliesGlobalTimeouts(@TempDir Path dir) throws Exception {
        String ingress = Files.readString(Path.of(EXAMPLES, "good-ingress-nginx.yaml"))
                .replace("    nginx.ingress.kubernetes.io/proxy-read-timeout: \"3600\"\n", "")
                .replace("    nginx.ingress.kubernetes.io/proxy-send-timeout: \"3600\"\n", "");
        Path file = Files.writeString(dir.resolve("no-timeouts.yaml"), ingress);
        Path configMap = Files.writeString(dir.resolve("cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
                data:
                  proxy-read-timeout: "3600"
                  proxy-send-timeout: "3600"
                """);
        String service = EXAMPLES + "/chat-service.yaml";
        Run without = lint(file.toString(), service);
        assertThat(without.out()).as(without.err()).contains("WS103");
        Run withConfigMap = lint("--controller-configmap", configMap.toString(), file.toString(), service);
        assertThat(withConfigMap.exit()).isZero();
        assertThat(withConfigMap.out()).doesNotContain("WS103");
    }

    @Test
    void directoriesAreReadRecursivelyInStableOrder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("b/nested"));
        Files.copy(Path.of(EXAMPLES, "bad-timeout-with-unit.yaml"), dir.resolve("b/nested/z.yml"));
        Files.copy(Path.of(EXAMPLES, "bad-connection-close.yaml"), dir.resolve("a.yaml"));
        Files.copy(Path.of(EXAMPLES, "chat-service.yaml"), dir.resolve("b/service.yaml"));
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        Run run = lint("--output", "json", dir.toString());
        List<String> files = new ArrayList<>();
        run.json().forEach(f -> files.add(Path.of(f.path("file").asText()).getFileName().toString()));
        assertThat(files.stream().distinct().collect(Collectors.toList())).containsExactly("a.yaml", "z.yml");
    }
}
