package io.wsroute.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.testing.Prerequisites;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark harnesses (hack/bench.sh, BENCHMARKS.md) compiling and runnable: the admission benchmark and the
 * lint benchmark at a tiny size against the packaged jar. Asserts only what must hold at any size (every request
 * answered 200, figures present), never a speed: CI machines are shared.
 */
class BenchSmokeIT {

    private static final Path JAR = WsrouteProcess.packagedJar();

    @Test
    void theAdmissionBenchmarkRunsAndEveryReviewIsAnswered() throws Exception {
        Prerequisites.require(Files.exists(JAR), "no packaged jar (run verify)");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AdmissionBench.Report report = AdmissionBench.run(
                JAR, List.of(), 50, Duration.ofSeconds(1), 2, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(report.startToServing()).isPositive();
        assertThat(report.idleRssKib()).isPositive();
        long floors = AdmissionBench.scenarios().stream()
                .filter(AdmissionBench.Scenario::floor)
                .count();
        assertThat(report.rows())
                .hasSize((int) (2 * (AdmissionBench.scenarios().size() + floors)))
                .allSatisfy(row -> {
                    assertThat(row.result().completed())
                            .as(row.scenario().name())
                            .isPositive();
                    assertThat(row.result().errors()).as(row.scenario().name()).isZero();
                    assertThat(row.result().p99())
                            .isGreaterThanOrEqualTo(row.result().p50());
                });
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("validate large ws", "mutate small ws", "p99.9")
                .containsPattern("mutate large ws +\\d+ req per CPU-s at saturation, floor POST large +\\d+: [0-9.]+x");
    }

    @Test
    void theFootprintBenchmarkStartsTheServerAsDeployed() throws Exception {
        Prerequisites.require(Files.exists(JAR), "no packaged jar (run verify)");

        FootprintBench.Sample sample = FootprintBench.sample(
                new FootprintBench.Variant("as deployed", Jdks.current(), FootprintBench.AS_DEPLOYED),
                JAR,
                Duration.ofMillis(100),
                new PrintStream(new ByteArrayOutputStream()));

        assertThat(sample.startToServing()).isPositive();
        assertThat(sample.idleRssKib()).isPositive();
    }

    @Test
    void theFootprintBenchmarkTrainsAnAotCacheAndStartsWithIt() throws Exception {
        // the image's packaging (aot-jar: Quarkus's entry point for a flat class path), as the image ships it
        Path imageJar = WsrouteProcess.packagedImageJar();
        Prerequisites.require(Files.exists(imageJar), "no packaged aot-jar build (run verify)");
        try (JarFile jar = new JarFile(imageJar.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.quarkus.bootstrap.runner.AotQuarkusEntryPoint");
        }
        Optional<Path> java25 = Jdks.jdk25();
        Prerequisites.require(
                java25.isPresent(),
                "no JDK 25 on this machine (WSROUTE_JDK25 or /usr/lib/jvm): the AOT cache cannot be proven");
        List<String> options = Stream.concat(FootprintBench.AS_DEPLOYED.stream(), FootprintBench.JAVA25.stream())
                .toList();
        Path caches = FootprintBench.trainAotCaches(java25.get(), imageJar, options, 2);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // -XX:AOTMode=on: the JVM refuses to start rather than silently ignore a cache it cannot use
        FootprintBench.Sample sample = FootprintBench.sample(
                new FootprintBench.Variant(
                        "java 25 + AOT cache",
                        java25.get(),
                        Stream.concat(
                                        options.stream(),
                                        Stream.of("-XX:AOTMode=on", "-XX:AOTCache=" + caches.resolve("wsroute.aot")))
                                .toList()),
                imageJar,
                Duration.ofMillis(100),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(Files.size(caches.resolve("wsroute.aot"))).isGreaterThan(1024 * 1024);
        assertThat(Files.size(caches.resolve("lint.aot"))).isGreaterThan(1024 * 1024);
        assertThat(sample.startToServing()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).containsPattern("Quarkus: started in [0-9.]+s");
    }

    @Test
    void theLintBenchmarkRunsOnAGeneratedManifest() throws Exception {
        Prerequisites.require(Files.exists(JAR), "no packaged jar (run verify)");
        Path manifest = LintBench.manifest(40);

        LintBench.Result result = LintBench.run(
                new FootprintBench.Variant("java 17", Jdks.current(), List.of()),
                JAR,
                manifest,
                40,
                new PrintStream(new ByteArrayOutputStream()));

        // one in four generated Ingresses is a WebSocket with a 60 s read timeout: an error finding, exit 1
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.findings()).isGreaterThanOrEqualTo(10);
    }
}
