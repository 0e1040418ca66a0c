package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.it.BuildOutput;
import io.wsroute.testing.Prerequisites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged fast-jar, as users run it: {@code lint}, {@code --help}, {@code --version} and unknown commands must
 * answer from WsrouteMain without booting Quarkus, and no arguments must start the server. Failsafe runs it after
 * {@code package}; a {@code -Dtest} pattern can pull it into surefire, before {@code package}, so without a jar at
 * least as new as the classes it is skipped (and fails under CI=true).
 */
class LintJarIT {

    private static final Path JAR = BuildOutput.packagedJar();

    @BeforeAll
    static void jarIsBuiltFromTheseClasses() throws IOException {
        Path mainClass = JAR.getParent().getParent().resolve("classes/io/wsroute/WsrouteMain.class");
        boolean built = Files.exists(JAR)
                && Files.exists(cliJar())
                && Files.getLastModifiedTime(JAR).compareTo(Files.getLastModifiedTime(mainClass)) >= 0;
        Prerequisites.require(built, "no packaged jars newer than the classes (run verify)");
    }

    record Result(int exit, String out, String err, Duration took) {}

    private static Result java(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("lint", ".out");
        Path err = Files.createTempFile("lint", ".err");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err), took);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void lintRunsWithoutBootingQuarkus() throws Exception {
        Result result = java("lint", "deploy/examples/");
        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.out())
                .containsPattern("(?m)^\\d+ errors?, \\d+ warnings? in 9 Ingresses$")
                .doesNotContain("Quarkus", "INFO");
        assertThat(result.err()).isEmpty();
        System.out.printf(
                "lint deploy/examples/ with the packaged jar: %d ms%n",
                result.took().toMillis());
    }

    @Test
    void lintUsageErrorsAndHelpKeepTheirExitCodes() throws Exception {
        assertThat(java("lint", "--help").exit()).isZero();
        Result bad = java("lint", "--no-such-option", "deploy/examples/");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("lint: Unknown option");
    }

    private static Path cliJar() {
        return JAR.getParent().getParent().resolve("wsroute-cli.jar");
    }

    /** Runs a command in {@code dir} with only PATH and HOME from the environment, stdin from {@code stdin}. */
    private static Result run(Path dir, Path stdin, List<String> command) throws Exception {
        Path out = Files.createTempFile("lint", ".out");
        Path err = Files.createTempFile("lint", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(stdin.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().retainAll(List.of("PATH", "HOME"));
        long start = System.nanoTime();
        return finish(builder.start(), out, err, start);
    }

    /** deploy/examples as one stream, as `helm template` would print it. */
    private static Path examplesStream(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(Path.of("deploy/examples"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                all.append("---\n").append(Files.readString(file));
            }
        }
        return Files.writeString(dir.resolve("rendered.yaml"), all.toString());
    }

    @Test
    void theSingleJarRunsLintWithNothingButAJvm(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path jar = Files.copy(cliJar(), dir.resolve("wsroute-cli.jar"));
        Path stdin = examplesStream(dir);
        Result sarif = run(dir, stdin, List.of(javaExecutable(), "-jar", jar.toString(), "lint", "-o", "sarif", "-"));
        assertThat(sarif.exit()).as(sarif.toString()).isEqualTo(1);
        var log = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sarif.out());
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.at("/runs/0/results")).hasSizeGreaterThanOrEqualTo(7);
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo("stdin");
        assertThat(sarif.err()).doesNotContain("Exception");

        Result version = run(dir, stdin, List.of(javaExecutable(), "-jar", jar.toString(), "lint", "--version"));
        assertThat(version.out()).startsWith("wsroute lint 0.");

        Result server = run(dir, stdin, List.of(javaExecutable(), "-jar", jar.toString()));
        assertThat(server.exit()).isEqualTo(2);
        assertThat(server.err()).contains("runs lint and migrate only");
        System.out.printf(
                "lint -o sarif of deploy/examples with the single jar (%d KiB): %d ms%n",
                Files.size(jar) / 1024, sarif.took().toMillis());
    }

    @Test
    void thePreCommitHookLintsTheFilesItIsGiven(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "");
        Path hook = Path.of("hack/pre-commit-lint.sh").toAbsolutePath();
        Path examples = Path.of("deploy/examples").toAbsolutePath();
        List<String> command = List.of(
                "/usr/bin/env",
                "WSROUTE_CLI_JAR=" + cliJar().toAbsolutePath(),
                "JAVA=" + javaExecutable(),
                hook.toString(),
                "--fail-on",
                "warning",
                examples.resolve("warn-socketio-no-affinity.yaml").toString());
        Result warned = run(dir, empty, command);
        assertThat(warned.exit()).as(warned.toString()).isEqualTo(1);
        assertThat(warned.out()).contains("WS113");
        List<String> good = List.of(
                "/usr/bin/env",
                "WSROUTE_CLI_JAR=" + cliJar().toAbsolutePath(),
                "JAVA=" + javaExecutable(),
                hook.toString(),
                examples.resolve("good-ingress-nginx.yaml").toString(),
                examples.resolve("chat-service.yaml").toString());
        assertThat(run(dir, empty, good).exit()).isZero();
        var hooks =
                new org.yaml.snakeyaml.Yaml().loadAs(Files.readString(Path.of(".pre-commit-hooks.yaml")), List.class);
        assertThat(hooks).hasSize(1);
        assertThat(((java.util.Map<?, ?>) hooks.get(0)).get("entry")).isEqualTo("hack/pre-commit-lint.sh");
    }

    /** Ingresses enough for lint to start a short-run JVM (ShortRunLauncher), a quarter with a finding. */
    private static Path largeManifest(Path dir) throws IOException {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; yaml.length() <= ShortRunJit.LARGE_INPUT_BYTES; i++) {
            yaml.append("---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app-")
                    .append(i)
                    .append("\n  namespace: ns-")
                    .append(i % 7)
                    .append("\n  annotations:\n    wsroute.io/websocket: \"true\"\n")
                    .append("    nginx.ingress.kubernetes.io/proxy-read-timeout: \"")
                    .append(i % 4 == 0 ? "60" : "3600")
                    .append("\"\n    nginx.ingress.kubernetes.io/proxy-send-timeout: \"3600\"\n")
                    .append("spec:\n  ingressClassName: nginx\n  rules:\n  - host: app-")
                    .append(i)
                    .append(".example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n")
                    .append("        backend:\n          service:\n            name: app\n")
                    .append("            port:\n              number: 80\n");
        }
        return Files.writeString(dir.resolve("large.yaml"), yaml.toString());
    }

    /** Starts a command and returns the short-run JVM it starts, or empty if it ends first. */
    private static java.util.Optional<ProcessHandle> shortRunChild(Process process) throws InterruptedException {
        while (process.isAlive()) {
            java.util.Optional<ProcessHandle> child = process.toHandle()
                    .children()
                    .filter(c -> commandLine(c).containsAll(ShortRunLauncher.JVM_OPTIONS))
                    .findFirst();
            if (child.isPresent()) {
                return child;
            }
            Thread.sleep(5);
        }
        return java.util.Optional.empty();
    }

    /**
     * A process's command line from /proc: ProcessHandle.Info has no arguments for one as long as the short-run
     * JVM's (its class path).
     */
    private static List<String> commandLine(ProcessHandle process) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
                    .split("\0"));
        } catch (IOException e) {
            return List.of(); // it ended
        }
    }

    private static Result finish(Process process, Path out, Path err, long start) throws Exception {
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Result(
                process.exitValue(),
                Files.readString(out),
                Files.readString(err),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * README's command on a large input runs lint in a JVM started with the short-run flags, and the user sees
     * exactly what lint prints in this one: the same output, messages and exit code, from a file and from stdin.
     */
    @Test
    void aLargeInputIsLintedInAShortRunJvmWithTheSameOutputAndExitCode(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path large = largeManifest(dir);
        Path empty = Files.writeString(dir.resolve("empty"), "");
        for (List<String> lint :
                List.of(List.of("lint", "-o", "json", large.toString()), List.of("lint", "--fail-on", "never", "-"))) {
            Path stdin = lint.contains("-") ? large : empty;
            List<String> readme = new ArrayList<>(List.of(javaExecutable(), "-jar", JAR.toString()));
            readme.addAll(lint);
            Path out = dir.resolve("out");
            Path err = dir.resolve("err");
            long start = System.nanoTime();
            Process process = new ProcessBuilder(readme)
                    .redirectInput(stdin.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            assertThat(shortRunChild(process)).as("short-run JVM of %s", lint).isPresent();
            Result relaunched = finish(process, out, err, start);

            // a JVM option of the user's: lint runs in the JVM it was started in
            List<String> inProcess = new ArrayList<>(List.of(javaExecutable(), "-Xss1m", "-jar", JAR.toString()));
            inProcess.addAll(lint);
            Result here = run(Path.of("."), stdin, inProcess);

            assertThat(relaunched.exit()).as(relaunched.toString()).isEqualTo(here.exit());
            assertThat(relaunched.out()).isEqualTo(here.out()).contains("WS103");
            assertThat(relaunched.err()).isEqualTo(here.err());
            System.out.printf(
                    "lint %s of %d KiB: %d ms in a short-run JVM, %d ms in one started with an option%n",
                    lint.subList(1, lint.size()),
                    Files.size(large) / 1024,
                    relaunched.took().toMillis(),
                    here.took().toMillis());
        }
    }

    /** A lint stopped while its short-run JVM runs (SIGTERM) stops that JVM too and exits as a stopped JVM does. */
    @Test
    @Timeout(120)
    void stoppingLintStopsItsShortRunJvm(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path large = largeManifest(dir);
        // the ConfigMap from stdin, a pipe this test keeps open: the short-run JVM waits there until stopped
        Process process = new ProcessBuilder(
                        javaExecutable(),
                        "-jar",
                        JAR.toString(),
                        "lint",
                        "--controller-configmap",
                        "-",
                        large.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            ProcessHandle child = shortRunChild(process).orElseThrow();
            Thread.sleep(500);
            assertThat(child.isAlive()).as("waiting for stdin").isTrue();
            // the build's class-data archive, given to the short-run JVM and mapped by it
            Path archive = JAR.toRealPath().resolveSibling(ShortRunClassPath.ARCHIVE);
            assertThat(archive).as("written by the build").isRegularFile();
            assertThat(commandLine(child))
                    .contains("-XX:SharedArchiveFile=" + archive, "-cp", ShortRunClassPath.MAIN_CLASS);
            assertThat(Files.readString(Path.of("/proc", Long.toString(child.pid()), "maps")))
                    .contains(archive.toString());
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            assertThat(child.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            process.getOutputStream().close();
            process.destroyForcibly();
        }
    }

    @Test
    void theJarAnswersHelpVersionAndUnknownCommandsWithoutStartingTheServer() throws Exception {
        Result help = java("--help");
        assertThat(help.exit()).as(help.toString()).isZero();
        assertThat(help.out())
                .contains("lint", "webhook-tls", "runs the server")
                .doesNotContain("Quarkus");

        Result version = java("--version");
        assertThat(version.exit()).as(version.toString()).isZero();
        assertThat(version.out()).isEqualTo("wsroute " + BuildVersion.version() + "\n");

        Result misspelt = java("lnt", "deploy/examples/");
        assertThat(misspelt.exit()).as(misspelt.toString()).isEqualTo(2);
        assertThat(misspelt.err()).contains("Did you mean", "Usage:").doesNotContain("Quarkus");
        assertThat(misspelt.took()).as("answered without booting Quarkus").isLessThan(Duration.ofSeconds(20));
    }

    @Test
    @Timeout(120)
    void noArgumentsStartTheServer() throws Exception {
        Process process = new ProcessBuilder(javaExecutable(), "-Dquarkus.http.port=0", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader log =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean started = false;
            while (!started && (line = log.readLine()) != null) {
                started = line.contains("powered by Quarkus");
            }
            assertThat(started).as("Quarkus started").isTrue();
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
