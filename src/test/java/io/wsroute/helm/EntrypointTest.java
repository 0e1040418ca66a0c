package io.wsroute.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entrypoint script, run by the same /bin/sh with stand-ins for java and run-java.sh that record what
 * they were given (no container engine here): {@code docker run --rm -i IMAGE lint -o sarif -} must reach lint on
 * the JVM with stdin and nothing else on stdout, and everything else must go through run-java.sh as before.
 */
class EntrypointTest {

    private static final Path SCRIPT = Path.of("src/main/docker/entrypoint.sh");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private Path standIn(String name, int exit) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, """
                #!/bin/sh
                printf '%%s\\n' "$0" "$@" > "%1$s.args"
                cat > "%1$s.stdin"
                echo "report on stdout"
                exit %2$d
                """.formatted(file, exit));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Run run(String stdin, String... args) throws Exception {
        Path java = standIn("java", 1);
        Path runJava = standIn("run-java.sh", 0);
        ProcessBuilder builder = new ProcessBuilder(
                        concat(List.of("/bin/sh", SCRIPT.toAbsolutePath().toString()), List.of(args)))
                .directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.put("WSROUTE_JAVA", java.toString());
        env.put("WSROUTE_RUN_JAVA", runJava.toString());
        env.put("WSROUTE_APP", "/deployments");
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Run(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private List<String> args(String standIn) throws Exception {
        Path file = dir.resolve(standIn + ".args");
        return Files.exists(file)
                ? Files.readAllLines(file).subList(1, Files.readAllLines(file).size())
                : null;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void lintRunsOnTheJvmWithStdinAndItsExitCode() throws Exception {
        Run run = run("kind: Ingress\n", "lint", "-o", "sarif", "-");
        assertThat(run.exit()).as("lint's own exit code").isEqualTo(1);
        assertThat(run.out()).isEqualTo("report on stdout\n");
        assertThat(run.err()).isEmpty();
        assertThat(args("java"))
                .containsExactly(
                        "-XX:+UseCompactObjectHeaders",
                        "-XX:AOTCache=/deployments/aot/lint.aot",
                        "-jar",
                        "/deployments/quarkus-run.jar",
                        "lint",
                        "-o",
                        "sarif",
                        "-");
        assertThat(Files.readString(dir.resolve("java.stdin"))).isEqualTo("kind: Ingress\n");
        assertThat(args("run-java.sh")).isNull();
    }

    @Test
    void theOtherCommandLineEntriesToo() throws Exception {
        for (String first : List.of("migrate", "--help", "--version")) {
            run("", first, "x");
            assertThat(args("java")).as(first).endsWith("/deployments/quarkus-run.jar", first, "x");
        }
    }

    @Test
    void theServerAndTheInitContainerGoThroughRunJava() throws Exception {
        Run server = run("");
        assertThat(server.exit()).isZero();
        assertThat(args("run-java.sh")).isEmpty();
        assertThat(args("java")).isNull();

        run("", "webhook-tls");
        assertThat(args("run-java.sh")).containsExactly("webhook-tls");
        assertThat(args("java")).isNull();
    }

    @Test
    void theImageUsesTheScriptAndTheLintCacheIsTrainedWithTheSameLayout() throws Exception {
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        assertThat(dockerfile)
                .contains("COPY --chown=185 src/main/docker/entrypoint.sh /deployments/entrypoint.sh")
                .contains("ENTRYPOINT [ \"/bin/sh\", \"/deployments/entrypoint.sh\" ]");
        Matcher training = Pattern.compile("JAVA_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(training.find()).isTrue();
        assertThat(Files.readString(SCRIPT)).contains("exec \"${WSROUTE_JAVA:-java}\" " + training.group(1) + " ");
    }
}
