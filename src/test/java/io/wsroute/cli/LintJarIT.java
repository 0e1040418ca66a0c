package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * The packaged fast-jar, as users run it: {@code lint} must answer from WsrouteMain without booting Quarkus, and
 * anything else must start the server. Failsafe runs it after {@code package}; a {@code -Dtest} pattern can pull it
 * into surefire, before {@code package}, so without a jar at least as new as the classes it is skipped.
 */
class LintJarIT {

    private static final Path JAR = jar();

    @BeforeAll
    static void jarIsBuiltFromTheseClasses() throws IOException {
        Path mainClass = JAR.getParent().getParent().resolve("classes/io/wsroute/WsrouteMain.class");
        assumeTrue(
                Files.exists(JAR)
                        && Files.getLastModifiedTime(JAR).compareTo(Files.getLastModifiedTime(mainClass)) >= 0,
                "no packaged jar newer than the classes (run verify)");
    }

    private static Path jar() {
        try {
            // <build.dir>/test-classes -> <build.dir>/quarkus-app/quarkus-run.jar, whatever -Dbuild.dir says
            Path testClasses = Path.of(LintJarIT.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return testClasses.getParent().resolve("quarkus-app/quarkus-run.jar");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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

    @Test
    @Timeout(120)
    void anythingElseStartsTheServer() throws Exception {
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
