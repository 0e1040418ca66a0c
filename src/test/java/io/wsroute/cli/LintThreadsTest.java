package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lint of an input large enough to be read, converted and judged on several threads prints what one thread
 * prints: the same findings in the same order, lines, notes and exit code, in every output format.
 */
class LintThreadsTest {

    /** About 1,000 objects, 320 KiB: Ingresses with and without findings, Services, a List sharing an anchor. */
    private static String manifest() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            yaml.append("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app-")
                    .append(i)
                    .append("\n  namespace: ns-")
                    .append(i % 7)
                    .append("\nspec:\n  ports:\n  - port: 80\n    appProtocol: ")
                    .append(i % 3 == 0 ? "kubernetes.io/ws" : "http")
                    .append("\n")
                    .append("---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app-")
                    .append(i)
                    .append(i % 5 == 0 ? "" : "\n  namespace: ns-" + (i % 7))
                    .append("\n  annotations:\n    wsroute.io/websocket: \"")
                    .append(i % 2 == 0)
                    .append("\"\n    nginx.ingress.kubernetes.io/proxy-read-timeout: \"")
                    .append(i % 4 == 0 ? 60 : 3600)
                    .append("\"\n    note: |\n      ---\n      a block scalar with a marker inside\n")
                    .append("spec:\n  ingressClassName: nginx\n  rules:\n  - host: app-")
                    .append(i)
                    .append(".example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n")
                    .append("        backend:\n          service:\n            name: app-")
                    .append(i)
                    .append("\n            port:\n              number: 80\n");
            if (i % 50 == 0) {
                yaml.append("--- # a List whose items share an anchored map with a null value\n")
                        .append("apiVersion: v1\nkind: List\nitems:\n")
                        .append("- apiVersion: networking.k8s.io/v1\n  kind: Ingress\n  metadata:\n    name: shared-")
                        .append(i)
                        .append("\n    annotations: &shared\n      wsroute.io/websocket: \"true\"\n      empty: null\n")
                        .append("  spec: {defaultBackend: {service: {name: app-1, port: {number: 80}}}}\n")
                        .append("- apiVersion: networking.k8s.io/v1\n  kind: Ingress\n  metadata:\n    name: twin-")
                        .append(i)
                        .append("\n    annotations: *shared\n")
                        .append("  spec: {defaultBackend: {service: {name: app-1, port: {number: 80}}}}\n")
                        .append("---\n# an empty document\n---\nnot: kubernetes\n")
                        .append("---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: old-")
                        .append(i)
                        .append("}\n");
            }
        }
        return yaml.toString();
    }

    private record Run(int exit, String out, String err) {}

    private static Run lint(int threads, InputStream stdin, String... args) {
        LintCommand command = new LintCommand(stdin);
        command.threads = threads;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CommandRunner.run("lint", command, args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private static void assertSameWithThreads(String... args) {
        Run one = lint(1, InputStream.nullInputStream(), args);
        assertThat(lint(3, InputStream.nullInputStream(), args)).isEqualTo(one);
    }

    @Test
    void threadsPrintWhatOneThreadPrints(@TempDir Path dir) throws Exception {
        String text = manifest();
        assertThat(text.length()).isGreaterThan(YamlInParts.MIN_CHARS);
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, text);

        Run text1 = lint(1, InputStream.nullInputStream(), file.toString());
        assertThat(text1.out())
                .contains("WS103")
                .contains("Ingress ns-4/app-4 ")
                .contains("Ingress default/shared-50 ");
        assertThat(text1.err()).contains("not checked: extensions/v1beta1 was removed");
        for (String output : new String[] {"text", "json", "sarif", "github"}) {
            assertSameWithThreads("-o", output, file.toString());
        }
        assertSameWithThreads("-o", "json", "--controller", "nginx-inc", file.toString());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(lint(3, new ByteArrayInputStream(bytes), "-"))
                .isEqualTo(lint(1, new ByteArrayInputStream(bytes), "-"));
    }

    @Test
    void anErrorInTheMiddleIsTheOneOneThreadReports(@TempDir Path dir) throws Exception {
        String text = manifest();
        int middle = text.indexOf("name: app-251\n  namespace");
        Path unquoted = dir.resolve("unquoted.yaml");
        Files.writeString(
                unquoted,
                text.substring(0, middle) + "name: app-251\n  labels: {tier: 3}\n  namespace"
                        + text.substring(middle + "name: app-251\n  namespace".length()));
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, text.substring(0, middle) + "name: [app-251\n" + text.substring(middle));

        for (Path file : new Path[] {unquoted, broken}) {
            Run one = lint(1, InputStream.nullInputStream(), file.toString());
            assertThat(one.exit()).isEqualTo(2);
            assertThat(lint(3, InputStream.nullInputStream(), file.toString())).isEqualTo(one);
        }
        assertThat(lint(1, InputStream.nullInputStream(), unquoted.toString()).err())
                .contains("metadata.labels[\"tier\"] is a number");
    }
}
