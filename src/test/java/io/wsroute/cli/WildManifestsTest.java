package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ingresses of WebSocket applications as their public charts render them (src/test/resources/wild, each file
 * naming its repository, commit, template and values), linted as the command line lints them: no error, and
 * exactly the warnings listed here, each with why it is right.
 */
class WildManifestsTest {

    private static final Path WILD = Path.of("src/test/resources/wild");

    /** The 60 s default idle timeout of ingress-nginx and the F5 controller, below the 1 h minimum (README WS103). */
    private static final String DEFAULT_TIMEOUTS = "WS103";

    record Case(String file, String controller, List<String> warnings, String why) {
        @Override
        public String toString() {
            return file + " on " + controller;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "jupyterhub/ingress-nginx.yaml",
                        "ingress-nginx",
                        List.of(DEFAULT_TIMEOUTS, DEFAULT_TIMEOUTS),
                        "the chart sets no timeout: idle kernel sockets are cut after 60 s (read and send)"),
                new Case("jupyterhub/nginx-inc.yaml", "nginx-inc", List.of(), "websocket-services and 1h timeouts"),
                new Case(
                        "grafana/ingress-nginx.yaml",
                        "ingress-nginx",
                        List.of(DEFAULT_TIMEOUTS, DEFAULT_TIMEOUTS),
                        "the chart sets no timeout; Grafana Live sockets idle longer than 60 s are cut"),
                new Case(
                        "grafana/nginx-inc.yaml",
                        "nginx-inc",
                        List.of(DEFAULT_TIMEOUTS, DEFAULT_TIMEOUTS),
                        "the F5 controller's 60s default idle timeouts"),
                new Case(
                        "code-server/ingress-nginx.yaml",
                        "ingress-nginx",
                        List.of(DEFAULT_TIMEOUTS, DEFAULT_TIMEOUTS, "WS104"),
                        "no timeout set; TLS in the Ingress turns on ingress-nginx's ssl-redirect, so ws:// gets 308"),
                new Case(
                        "code-server/nginx-inc.yaml",
                        "nginx-inc",
                        List.of("WS104"),
                        "with TLS in the Ingress the F5 controller's ssl-redirect (default true) answers ws:// with 301"),
                new Case(
                        "argo-cd/ingress-nginx-ssl-passthrough.yaml",
                        "ingress-nginx",
                        List.of("WS104"),
                        "TLS passes through (no idle timeout to report); force-ssl-redirect still answers ws:// on port"
                                + " 80 with a redirect"),
                new Case(
                        "mattermost/ingress-nginx.yaml",
                        "ingress-nginx",
                        List.of(DEFAULT_TIMEOUTS, DEFAULT_TIMEOUTS),
                        "600 s is below the 1 h minimum; Mattermost clients ping, so accepting WS103 is the user's call"),
                new Case(
                        "rancher/ingress-nginx.yaml",
                        "ingress-nginx",
                        List.of(DEFAULT_TIMEOUTS, DEFAULT_TIMEOUTS, "WS104"),
                        "the chart's 1800 s is below the 1 h minimum (read and send); TLS turns on ssl-redirect, so "
                                + "ws:// gets 308"),
                new Case(
                        "issues/ingress-nginx-5830.yaml",
                        "ingress-nginx",
                        List.of("WS104"),
                        "3600 s timeouts are right; TLS turns on ssl-redirect, so ws:// gets 308"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noErrorAndOnlyTheRightWarnings(Case c) {
        LintRun run = LintRun.lint(
                "-o",
                "json",
                "--controller",
                c.controller(),
                WILD.resolve(c.file()).toString());
        assertThat(run.err()).as(run.toString()).doesNotContain("Exception");
        assertThat(run.json())
                .as(run.toString())
                .allSatisfy(f -> assertThat(f.path("severity").asText()).isEqualTo("warning"));
        assertThat(run.rules()).as("%s: %s\n%s", c, c.why(), run).containsExactlyInAnyOrderElementsOf(c.warnings());
        assertThat(run.exit()).as(run.toString()).isZero();
    }

    @Test
    void everyFileIsCoveredAndNamesItsSource() throws IOException {
        Map<String, Long> covered = cases().collect(
                        java.util.stream.Collectors.groupingBy(Case::file, java.util.stream.Collectors.counting()));
        try (Stream<Path> files = Files.walk(WILD)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(yaml).isNotEmpty();
            for (Path file : yaml) {
                assertThat(covered)
                        .as("a case for %s", file)
                        .containsKey(WILD.relativize(file).toString());
                String header = Files.readString(file)
                        .lines()
                        .takeWhile(l -> l.startsWith("#"))
                        .reduce("", String::concat);
                assertThat(header)
                        .as("%s names a chart commit and template, or an issue report", file)
                        .containsPattern("[0-9a-f]{40}.*templates/|https://github.com/[^ ]+/issues/[0-9]+");
            }
        }
    }
}
