package io.wsroute.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code lint} of a generated multi-document manifest of N Ingresses (one in a hundred large, half WebSocket,
 * one in four with a problem to report), timed as users run it: a fresh {@code java -jar ... lint FILE}, JVM
 * start-up included. Each variant runs {@code bench.runs} times (default 3), interleaved, and the median wall time
 * and CPU (user+sys of the lint process) close the report, with the load average beside every figure.
 * {@code -Dbench.baseline=JAR} adds another build's {@code quarkus-run.jar} on the default Java, measured in the
 * same rounds. Run: {@code bash hack/bench.sh lint} (-Dbench.ingresses, default 10000).
 */
public final class LintBench {

    record Result(int ingresses, long bytes, Duration took, double cpuSeconds, int exit, long findings) {}

    /** A variant on a jar: this build's, or the baseline's. */
    private record Case(FootprintBench.Variant variant, Path jar) {}

    private LintBench() {}

    public static void main(String[] args) throws Exception {
        int ingresses = Integer.getInteger("bench.ingresses", 10_000);
        int runs = Integer.getInteger("bench.runs", 3);
        Path jar = WsrouteProcess.packagedJar();
        Path manifest = manifest(ingresses);
        System.out.printf("machine: %s%n", Machine.describe());
        List<Case> cases = new ArrayList<>();
        String baseline = System.getProperty("bench.baseline", "");
        if (!baseline.isBlank()) {
            cases.add(new Case(
                    new FootprintBench.Variant("baseline java 17", Jdks.current(), List.of()), Path.of(baseline)));
        }
        for (FootprintBench.Variant variant : variants(jar, System.out)) {
            cases.add(new Case(variant, jar));
        }
        Map<Case, List<Result>> results = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (Case c : cases) {
                results.computeIfAbsent(c, k -> new ArrayList<>())
                        .add(run(c.variant(), c.jar(), manifest, ingresses, System.out));
            }
        }
        System.out.printf("medians of %d runs (load now %s):%n", runs, Machine.load());
        results.forEach((c, list) -> System.out.printf(
                "%-26s %d ms wall, %.2f s CPU (user+sys)%n",
                c.variant().name(),
                median(list.stream().map(r -> (double) r.took().toMillis()).toList())
                        .longValue(),
                median(list.stream().map(Result::cpuSeconds).toList())));
    }

    static Double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Java 17 plain and with the short-run flags, and with a JDK 25 the lint AOT cache (README "lint"). */
    static List<FootprintBench.Variant> variants(Path jar, PrintStream out) throws Exception {
        List<FootprintBench.Variant> variants = new ArrayList<>();
        variants.add(new FootprintBench.Variant("java 17", Jdks.current(), List.of()));
        variants.add(new FootprintBench.Variant("java 17 C1 SerialGC", Jdks.current(), SHORT_RUN));
        var java25 = Jdks.jdk25();
        if (java25.isEmpty()) {
            out.println("no JDK 25 on this machine: Java 17 only");
            return variants;
        }
        Path caches = FootprintBench.trainAotCaches(java25.get(), jar, FootprintBench.JAVA25, 2);
        variants.add(new FootprintBench.Variant("java 25", java25.get(), FootprintBench.JAVA25));
        List<String> cached = new ArrayList<>(FootprintBench.JAVA25);
        cached.add("-XX:AOTCache=" + caches.resolve("lint.aot"));
        variants.add(new FootprintBench.Variant("java 25 + lint AOT cache", java25.get(), cached));
        return variants;
    }

    /** C1 only from the start (lint switches to it itself once running) and SerialGC, for comparison. */
    static final List<String> SHORT_RUN = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    static Path manifest(int ingresses) throws Exception {
        Path file = Files.createTempFile("wsroute-lint-bench", ".yaml");
        ObjectMapper json = new ObjectMapper();
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Yaml yaml = new Yaml(options);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < ingresses; i++) {
                var ingress = AdmissionBodies.ingress("app-" + i, "ns-" + (i % 50), i % 100 == 0, i % 2 == 0);
                if (i % 4 == 0) {
                    // a WebSocket Ingress with the 60 s default read timeout: a finding to report
                    ((ObjectNode) ingress.get("metadata").get("annotations"))
                            .put("wsroute.io/websocket", "true")
                            .put("nginx.ingress.kubernetes.io/proxy-read-timeout", "60");
                }
                out.write("---\n");
                out.write(yaml.dump(json.convertValue(ingress, java.util.Map.class)));
            }
        }
        return file;
    }

    static Result run(FootprintBench.Variant variant, Path jar, Path manifest, int ingresses, PrintStream out)
            throws Exception {
        Path report = Files.createTempFile("wsroute-lint-bench", ".out");
        List<String> command = new ArrayList<>();
        command.add(variant.java().toString());
        command.addAll(variant.options());
        command.addAll(List.of("-jar", jar.toString(), "lint", manifest.toString()));
        double cpuBefore = Machine.childrenCpuSeconds();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(report.toFile())
                .start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("lint did not finish in 300 s");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        double cpu = Machine.childrenCpuSeconds() - cpuBefore;
        long findings;
        try (var lines = Files.lines(report)) {
            findings = lines.filter(line -> line.contains("WS1")).count();
        }
        Files.deleteIfExists(report);
        Result result = new Result(ingresses, Files.size(manifest), took, cpu, process.exitValue(), findings);
        out.printf(
                "%-26s lint of %d Ingresses (%.1f MiB): %d ms wall, %.2f s CPU, exit %d, %d finding lines, %.0f Ingresses/s (load %s)%n",
                variant.name(),
                ingresses,
                result.bytes() / 1048576.0,
                took.toMillis(),
                cpu,
                result.exit(),
                findings,
                ingresses / (took.toNanos() / 1e9),
                Machine.load());
        return result;
    }
}
