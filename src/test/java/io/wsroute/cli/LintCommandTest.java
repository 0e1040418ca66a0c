package io.wsroute.cli;

import static io.wsroute.cli.LintRun.CHAT_SERVICE;
import static io.wsroute.cli.LintRun.EXAMPLES;
import static io.wsroute.cli.LintRun.INGRESS_CLASSES;
import static io.wsroute.cli.LintRun.lint;
import static io.wsroute.cli.LintRun.lintStdin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lint as the command line runs it: options, exit codes, output formats. */
class LintCommandTest {

    private static final String TIMEOUT_WITH_UNIT = EXAMPLES + "/bad-timeout-with-unit.yaml";
    private static final String GOOD = EXAMPLES + "/good-ingress-nginx.yaml";
    private static final String TREE = "src/test/resources/lint/tree";

    @Test
    void textOutputIsALinePerFindingThenASummary() {
        LintRun run = lint(TIMEOUT_WITH_UNIT, CHAT_SERVICE);
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out().lines().findFirst().orElseThrow())
                .matches("deploy/examples/bad-timeout-with-unit\\.yaml: Ingress demo/chat-unit-timeout WS101 error "
                        + "metadata\\.annotations\\[\"nginx\\.ingress\\.kubernetes\\.io/proxy-read-timeout\"\\]: .+\\. "
                        + "Fix: .*\"3600\".*");
        assertThat(run.out()).endsWith("1 error, 0 warnings in 1 Ingress\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonOutputIsAnArrayOfFindingsWithTheContractFields() {
        LintRun run = lint("--output", "json", TIMEOUT_WITH_UNIT, CHAT_SERVICE);
        JsonNode findings = run.json();
        assertThat(findings.isArray()).isTrue();
        JsonNode finding = findings.get(0);
        assertThat(finding.properties())
                .extracting(e -> e.getKey())
                .containsExactly(
                        "rule",
                        "severity",
                        "kind",
                        "namespace",
                        "name",
                        "field",
                        "message",
                        "fix",
                        "file",
                        "line",
                        "column");
        assertThat(finding.path("rule").asText()).isEqualTo("WS101");
        assertThat(finding.path("severity").asText()).isEqualTo("error");
        assertThat(finding.path("kind").asText()).isEqualTo("Ingress");
        assertThat(finding.path("namespace").asText()).isEqualTo("demo");
        assertThat(finding.path("name").asText()).isEqualTo("chat-unit-timeout");
        assertThat(finding.path("field").asText()).contains("proxy-read-timeout");
        assertThat(finding.path("file").asText()).isEqualTo(TIMEOUT_WITH_UNIT);
        assertThat(lint("-o", "JSON", GOOD).out().strip()).isEqualTo("[ ]");
    }

    @Test
    void exitCodes(@TempDir Path dir) throws Exception {
        assertThat(lint(GOOD, CHAT_SERVICE, INGRESS_CLASSES).exit()).isZero();
        assertThat(lint(EXAMPLES + "/warn-socketio-no-affinity.yaml").exit())
                .as("warnings only")
                .isZero();
        assertThat(lint(TIMEOUT_WITH_UNIT, CHAT_SERVICE).exit()).isEqualTo(1);

        LintRun missing = lint(GOOD, dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("lint: " + dir.resolve("nope.yaml") + ": no such file or directory\n");
        assertThat(missing.out()).as("no partial report").isEmpty();

        Path broken = Files.writeString(dir.resolve("broken.yaml"), "kind: Ingress\nmetadata: [unclosed\n");
        assertThat(lint(broken.toString()).err())
                .startsWith("lint: " + broken + ": line 3, column 1: not valid YAML: ");
        assertThat(lint(broken.toString()).exit()).isEqualTo(2);
    }

    @Test
    void badUsageExitsTwoWithAHint() {
        for (String[] args : List.of(
                new String[] {},
                new String[] {"--no-such-option", GOOD},
                new String[] {"--output", "xml", GOOD},
                new String[] {"--controller", "traefik", GOOD},
                new String[] {"--min-idle-timeout", "soon", GOOD},
                new String[] {"--controller-configmap"})) {
            LintRun run = lint(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).startsWith("lint: ").endsWith("Try 'lint --help' for usage.\n");
        }
        assertThat(lint("--controller", "traefik", GOOD).err()).contains("must be ingress-nginx or nginx-inc");
        LintRun twice = lintStdin("", "--controller-configmap", "-", "-");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("not both");
    }

    @Test
    void helpDocumentsEveryOptionAndTheExitCodes() {
        LintRun run = lint("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains(
                        "Usage: lint",
                        "--output",
                        "--controller",
                        "--controller-configmap",
                        "--nginx-inc-snippets-enabled",
                        "--min-idle-timeout",
                        "--namespace",
                        "FILE|DIR|-",
                        "Exit codes:",
                        "0   no error finding",
                        "1   at least one error finding",
                        "2   unreadable or invalid input");
        assertThat(lint("--version").out()).startsWith("wsroute lint ");
    }

    @Test
    void stdinIsReadWithDash() throws Exception {
        String manifests =
                Files.readString(Path.of(TIMEOUT_WITH_UNIT)) + "---\n" + Files.readString(Path.of(CHAT_SERVICE));
        LintRun run = lintStdin(manifests, "--output", "json", "-");
        assertThat(run.rules()).containsExactly("WS101");
        assertThat(run.json().get(0).path("file").asText()).isEqualTo("<stdin>");
    }

    @Test
    void listKindsAndMultipleDocumentsAreRead() {
        LintRun run = lintStdin("""
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
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: second, namespace: demo, annotations: {wsroute.io/websocket: "true"}}
                spec:
                  rules:
                  - http:
                      paths:
                      - {path: /ws, pathType: Prefix, backend: {service: {name: other, port: {number: 80}}}}
                """, "--output", "json", "-");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().findValuesAsText("name")).contains("listed", "second");
        assertThat(run.json().findValuesAsText("rule")).contains("WS101", "WS103");
    }

    @Test
    void servicesInTheInputMakeAnIngressWebSocket() {
        assertThat(lint(TIMEOUT_WITH_UNIT).out())
                .as("no signal without the Service")
                .isEqualTo("0 errors, 0 warnings in 1 Ingress\n");
        assertThat(lint("--output", "json", TIMEOUT_WITH_UNIT, CHAT_SERVICE).rules())
                .containsExactly("WS101");
    }

    @Test
    void servicesCountOnlyInTheirNamespace() throws Exception {
        String elsewhere = Files.readString(Path.of(CHAT_SERVICE)).replace("namespace: demo", "namespace: other");
        assertThat(lintStdin(elsewhere, TIMEOUT_WITH_UNIT, "-").exit()).isZero();
    }

    @Test
    void objectsWithoutNamespaceGetTheDefaultNamespace() throws Exception {
        String manifests = (Files.readString(Path.of(TIMEOUT_WITH_UNIT)) + "---\n"
                        + Files.readString(Path.of(CHAT_SERVICE)))
                .replace("  namespace: demo\n", "");
        LintRun defaulted = lintStdin(manifests, "--output", "json", "-");
        assertThat(defaulted.json().findValuesAsText("namespace")).containsExactly("default");
        LintRun named = lintStdin(manifests, "--output", "json", "--namespace", "chat", "-");
        assertThat(named.json().findValuesAsText("namespace")).containsExactly("chat");
    }

    @Test
    void controllerFlagDecidesOnlyWhenNoIngressClassInTheInputDoes() throws Exception {
        String unknownClass = Files.readString(Path.of(EXAMPLES, "good-nginx-inc.yaml"))
                .replace("ingressClassName: nginx-plus", "ingressClassName: unknown");
        assertThat(lintStdin(unknownClass, "-o", "json", "-", CHAT_SERVICE).rules())
                .as("ingress-nginx by default")
                .contains("WS110");
        assertThat(lintStdin(unknownClass, "--controller", "nginx-inc", "-", CHAT_SERVICE)
                        .exit())
                .isZero();

        assertThat(lint(
                                "--controller",
                                "ingress-nginx",
                                EXAMPLES + "/good-nginx-inc.yaml",
                                CHAT_SERVICE,
                                INGRESS_CLASSES)
                        .exit())
                .as("IngressClass nginx-plus in the input wins")
                .isZero();
        assertThat(lint("--controller", "nginx-inc", GOOD, CHAT_SERVICE, INGRESS_CLASSES)
                        .exit())
                .as("IngressClass nginx in the input wins")
                .isZero();
    }

    @Test
    void ingressesOfOtherControllersAreNotJudged() throws Exception {
        String traefik = """
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata: {name: nginx}
                spec: {controller: traefik.io/ingress-controller}
                """;
        assertThat(lintStdin(traefik, TIMEOUT_WITH_UNIT, CHAT_SERVICE, "-").exit())
                .isZero();
    }

    @Test
    void controllerConfigMapSuppliesGlobalTimeouts(@TempDir Path dir) throws Exception {
        String noTimeouts = Files.readString(Path.of(GOOD))
                .replace("    nginx.ingress.kubernetes.io/proxy-read-timeout: \"3600\"\n", "")
                .replace("    nginx.ingress.kubernetes.io/proxy-send-timeout: \"3600\"\n", "");
        Path configMap = Files.writeString(dir.resolve("cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
                data:
                  proxy-read-timeout: "3600"
                  proxy-send-timeout: "3600"
                """);
        LintRun without = lintStdin(noTimeouts, "-", CHAT_SERVICE);
        assertThat(without.out()).as(without.toString()).contains("WS103");
        LintRun with = lintStdin(noTimeouts, "--controller-configmap", configMap.toString(), "-", CHAT_SERVICE);
        assertThat(with.exit()).as(with.toString()).isZero();
        assertThat(with.out()).doesNotContain("WS103");
    }

    @Test
    void controllerConfigMapProblemsAndMistakes(@TempDir Path dir) throws Exception {
        Path badValue = Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
                data: {proxy-read-timeout: "1h"}
                """);
        assertThat(lint("-o", "json", "--controller-configmap", badValue.toString(), GOOD, CHAT_SERVICE)
                        .rules())
                .contains("WS116");

        Path unquoted = Files.writeString(dir.resolve("unquoted.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ingress-nginx-controller}
                data: {proxy-read-timeout: 3600}
                """);
        LintRun refused = lint("--controller-configmap", unquoted.toString(), GOOD);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .contains("data[\"proxy-read-timeout\"] is a number, not a string")
                .contains("Quote it: \"3600\"");

        LintRun notAConfigMap = lint("--controller-configmap", CHAT_SERVICE, GOOD);
        assertThat(notAConfigMap.exit()).isEqualTo(2);
        assertThat(notAConfigMap.err()).contains("needs exactly one ConfigMap, found 0");
    }

    @Test
    void configMapForOneControllerWhileIngressesUseTheOtherIsPointedOut(@TempDir Path dir) throws Exception {
        Path configMap = Files.writeString(dir.resolve("cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: nginx-config, namespace: nginx-ingress}
                data: {proxy-read-timeout: "1h"}
                """);
        LintRun run = lint(
                "--controller-configmap",
                configMap.toString(),
                EXAMPLES + "/good-nginx-inc.yaml",
                CHAT_SERVICE,
                INGRESS_CLASSES);
        assertThat(run.err())
                .contains("--controller-configmap is read as ingress-nginx's")
                .contains("1 Ingress served by the other controller");
    }

    @Test
    void theSslPassthroughFlagIsAnOption() {
        String passthrough = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: vault
                  namespace: demo
                  annotations:
                    wsroute.io/websocket: "true"
                    nginx.ingress.kubernetes.io/ssl-passthrough: "true"
                spec:
                  rules:
                  - host: vault.example.com
                    http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: vault, port: {number: 8200}}}}
                """;
        assertThat(lintStdin(passthrough, "-o", "json", "-").rules())
                .as("default: the controller runs with --enable-ssl-passthrough")
                .isEmpty();
        assertThat(lintStdin(passthrough, "-o", "json", "--ingress-nginx-ssl-passthrough", "false", "-")
                        .rules())
                .containsExactlyInAnyOrder("WS103", "WS103", "WS143");
    }

    @Test
    void deploymentsAndStatefulSetsGiveReplicas() {
        String manifests = """
                apiVersion: v1
                kind: Service
                metadata: {name: game, namespace: demo}
                spec:
                  selector: {app: game}
                  ports: [{port: 80, appProtocol: kubernetes.io/ws}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: game
                  namespace: demo
                  annotations:
                    nginx.ingress.kubernetes.io/proxy-read-timeout: "3600"
                    nginx.ingress.kubernetes.io/proxy-send-timeout: "3600"
                spec:
                  rules:
                  - http:
                      paths:
                      - {path: /socket.io, pathType: Prefix, backend: {service: {name: game, port: {number: 80}}}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: game, namespace: demo}
                spec:
                  template:
                    metadata: {labels: {app: game, tier: web}}
                """;
        String statefulSet = """
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: game-extra, namespace: demo}
                spec:
                  replicas: 2
                  template:
                    metadata: {labels: {app: game}}
                """;
        assertThat(lintStdin(manifests, "-o", "json", "-").rules())
                .as("one replica (the default)")
                .isEmpty();
        assertThat(lintStdin(manifests + statefulSet, "-o", "json", "-").rules())
                .as("1 + 2 replicas")
                .containsExactly("WS113");
        assertThat(lintStdin(manifests + statefulSet.replace("app: game}", "app: chess}"), "-o", "json", "-")
                        .rules())
                .as("labels do not match")
                .isEmpty();
    }

    @Test
    void kindsAreRecognisedByApiVersion() {
        String knative = """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: chat, namespace: demo}
                spec:
                  template:
                    spec:
                      containers: [{image: example/chat}]
                """;
        assertThat(lintStdin(knative, TIMEOUT_WITH_UNIT, "-").exit())
                .as("a Knative Service is not a core Service")
                .isZero();

        LintRun removed = lintStdin("""
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: legacy, annotations: {wsroute.io/websocket: "true"}}
                spec:
                  backend: {serviceName: chat, servicePort: 80}
                """, "-");
        assertThat(removed.exit()).isZero();
        assertThat(removed.err())
                .contains("lint: note: <stdin>: Ingress legacy not checked: extensions/v1beta1 was removed");
    }

    @Test
    void annotationValuesMustBeStringsAsTheApiServerRequires() {
        LintRun run = lintStdin("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: unquoted
                  annotations:
                    wsroute.io/websocket: "true"
                    nginx.ingress.kubernetes.io/proxy-read-timeout: 3600
                spec:
                  defaultBackend: {service: {name: chat, port: {number: 80}}}
                """, "-");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("lint: <stdin>: Ingress unquoted: "
                        + "metadata.annotations[\"nginx.ingress.kubernetes.io/proxy-read-timeout\"] is a number, not a string; "
                        + "the API server refuses it. Quote it: \"3600\"\n");
    }

    @Test
    void invalidObjectsAreRefusedWithTheirName() {
        LintRun nameless = lintStdin("apiVersion: networking.k8s.io/v1\nkind: Ingress\n", "-");
        assertThat(nameless.exit()).isEqualTo(2);
        assertThat(nameless.err()).isEqualTo("lint: <stdin>: Ingress (unnamed) has no metadata.name\n");

        LintRun wrongShape = lintStdin("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: odd}
                spec: {rules: "not a list"}
                """, "-");
        assertThat(wrongShape.exit()).isEqualTo(2);
        assertThat(wrongShape.err()).startsWith("lint: <stdin>: Ingress odd is not valid: ");

        LintRun generated = lintStdin("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {generateName: chat-, annotations: {wsroute.io/websocket: "true"}}
                spec:
                  rules:
                  - http:
                      paths:
                      - {path: /ws, pathType: Prefix, backend: {service: {name: chat, port: {number: 80}}}}
                """, "-o", "json", "-");
        assertThat(generated.json().findValuesAsText("name")).containsOnly("chat-");
    }

    @Test
    void directoriesAreReadRecursivelyInSortedOrder() {
        LintRun run = lint("--output", "json", TREE);
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.json().findValuesAsText("file")).containsExactly(TREE + "/a.yaml", TREE + "/b/nested/z.yml");
        assertThat(run.rules()).containsExactly("WS105", "WS101");
        assertThat(run.err())
                .isEqualTo("lint: note: " + TREE + "/b/values.yaml: ignored 1 document without apiVersion "
                        + "and kind\n");
    }

    @Test
    void hostileYamlExitsTwoWithAReason(@TempDir Path dir) throws Exception {
        StringBuilder bomb = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i < 25; i++) {
            bomb.append("l%d: &l%d [*l%d, *l%d]\n".formatted(i, i, i - 1, i - 1));
        }
        Path file = Files.writeString(dir.resolve("bomb.yaml"), bomb);
        LintRun run = lint(file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("lint: " + file + ": line ").contains("values after expanding aliases");
        assertThat(lintStdin("a: &a [*a]\n", "-").err()).contains("refers to a collection that contains it");
    }

    @Test
    void emptyInputIsNotedButFine() {
        LintRun run = lintStdin("# nothing here\n", "-");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("0 errors, 0 warnings in 0 Ingresses\n");
        assertThat(run.err()).isEqualTo("lint: note: no networking.k8s.io/v1 Ingress in the input\n");
    }
}
