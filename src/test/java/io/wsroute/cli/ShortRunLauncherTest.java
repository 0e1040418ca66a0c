package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.cli.ShortRunLauncher.ThisJvm;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When lint starts itself again in a short-run JVM, and with what command (LintJarIT runs it for real). */
class ShortRunLauncherTest {

    private static final String JAVA = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java";
    private static final String HOTSPOT = "OpenJDK 64-Bit Server VM";
    private static final long LARGE = ShortRunJit.LARGE_INPUT_BYTES;
    private static final List<String> LINT_ARGS = List.of("-o", "sarif", "big.yaml");

    private static ThisJvm readmeCommand() {
        return jvm(List.of("-jar", "target/quarkus-app/quarkus-run.jar", "lint", "-o", "sarif", "big.yaml"));
    }

    private static ThisJvm jvm(List<String> arguments) {
        return new ThisJvm(Optional.of(JAVA), Optional.of(arguments), HOTSPOT, Map.of("PATH", "/usr/bin"));
    }

    private static final ShortRunClassPath FAST_JAR = new ShortRunClassPath(
            List.of(Path.of("/app/quarkus-app/app/wsroute.jar"), Path.of("/app/quarkus-app/lib/main/a.jar")),
            Optional.of(Path.of("/app/quarkus-app/lint-short-run.jsa")));

    @Test
    void readmesCommandOnALargeInputRunsAgainWithTheShortRunFlagsFromTheFastJarsClassPathAndArchive() {
        List<String> seen = new ArrayList<>();
        assertThat(ShortRunLauncher.command(readmeCommand(), LINT_ARGS, LARGE, jar -> {
                    seen.add(jar);
                    return Optional.of(FAST_JAR);
                }))
                .contains(List.of(
                        JAVA,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-XX:SharedArchiveFile=/app/quarkus-app/lint-short-run.jsa",
                        "-Xshare:auto",
                        "-Xlog:cds*=off",
                        "-cp",
                        "/app/quarkus-app/app/wsroute.jar" + File.pathSeparator + "/app/quarkus-app/lib/main/a.jar",
                        "io.wsroute.WsrouteMain",
                        "lint",
                        "-o",
                        "sarif",
                        "big.yaml"));
        assertThat(seen).containsExactly("target/quarkus-app/quarkus-run.jar");
        // no archive (not built, or deleted): the class path alone
        assertThat(ShortRunLauncher.command(
                        readmeCommand(),
                        LINT_ARGS,
                        LARGE,
                        jar -> Optional.of(new ShortRunClassPath(FAST_JAR.jars(), Optional.empty()))))
                .hasValueSatisfying(command -> assertThat(command)
                        .noneMatch(argument -> argument.contains("SharedArchiveFile"))
                        .containsSequence("-XX:+UseSerialGC", "-cp"));
    }

    @Test
    void anotherJarRunsAsItIs() {
        assertThat(ShortRunLauncher.command(readmeCommand(), LINT_ARGS, LARGE, jar -> Optional.empty()))
                .contains(List.of(
                        JAVA,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-jar",
                        "target/quarkus-app/quarkus-run.jar",
                        "lint",
                        "-o",
                        "sarif",
                        "big.yaml"));
        assertThat(ShortRunLauncher.command(
                        jvm(List.of("-jar", "wsroute-cli.jar", "lint", "-")),
                        List.of("-"),
                        LARGE,
                        ShortRunClassPath::of))
                .hasValueSatisfying(command -> assertThat(command).endsWith("-jar", "wsroute-cli.jar", "lint", "-"));
    }

    @Test
    void aSmallInputRunsHere() {
        assertThat(ShortRunLauncher.command(readmeCommand(), LINT_ARGS, LARGE - 1))
                .isEmpty();
    }

    @Test
    void aJvmStartedWithOptionsOfItsOwnIsLeftAsItIs() {
        // the image's entrypoint, a user's heap or collector
        for (List<String> arguments : List.of(
                List.of("-XX:+UseCompactObjectHeaders", "-XX:AOTCache=/deployments/aot/lint.aot", "-jar", "q.jar"),
                List.of("-Xmx1g", "-jar", "q.jar", "lint", "-o", "sarif", "big.yaml"),
                List.of("-cp", "q.jar", "io.wsroute.WsrouteMain", "lint", "-o", "sarif", "big.yaml"))) {
            assertThat(ShortRunLauncher.command(jvm(arguments), LINT_ARGS, LARGE))
                    .as("%s", arguments)
                    .isEmpty();
        }
        for (String variable : ShortRunLauncher.OPTION_VARIABLES) {
            ThisJvm withOptions = new ThisJvm(
                    Optional.of(JAVA), readmeCommand().arguments(), HOTSPOT, Map.of(variable, "-XX:+UseG1GC"));
            assertThat(ShortRunLauncher.command(withOptions, LINT_ARGS, LARGE))
                    .as(variable)
                    .isEmpty();
        }
    }

    @Test
    void theShortRunJvmItselfAndJvmsThatDoNotSayWhatTheyRunRunHere() {
        ThisJvm started = new ThisJvm(
                Optional.of(JAVA), readmeCommand().arguments(), HOTSPOT, Map.of(ShortRunLauncher.STARTED, "1"));
        assertThat(ShortRunLauncher.command(started, LINT_ARGS, LARGE)).isEmpty();
        ThisJvm openJ9 = new ThisJvm(Optional.of(JAVA), readmeCommand().arguments(), "Eclipse OpenJ9 VM", Map.of());
        assertThat(ShortRunLauncher.command(openJ9, LINT_ARGS, LARGE)).isEmpty();
        ThisJvm noCommand = new ThisJvm(Optional.empty(), readmeCommand().arguments(), HOTSPOT, Map.of());
        assertThat(ShortRunLauncher.command(noCommand, LINT_ARGS, LARGE)).isEmpty();
        ThisJvm noArguments = new ThisJvm(Optional.of(JAVA), Optional.empty(), HOTSPOT, Map.of());
        assertThat(ShortRunLauncher.command(noArguments, LINT_ARGS, LARGE)).isEmpty();
        // what the OS shows differs from what main was given (an argument it could not decode)
        assertThat(ShortRunLauncher.command(readmeCommand(), List.of("-o", "sarif", "b\uFFFDg.yaml"), LARGE))
                .isEmpty();
    }

    @Test
    void thisTestJvmIsNotTheShortRunOne() {
        assertThat(ShortRunLauncher.isShortRunJvm()).isFalse();
        assertThat(ShortRunLauncher.command(ThisJvm.current(), LINT_ARGS, LARGE))
                .as("surefire's JVM is not started as java -jar ... lint")
                .isEmpty();
    }
}
