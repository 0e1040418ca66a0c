package io.wsroute.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code lint} of a generated multi-document manifest of N Ingresses (one in a hundred large, half WebSocket,
 * one in four with a problem to report), timed as users run it: a fresh {@code java -jar ... lint FILE}, JVM
 * start-up included. Run: {@code bash hack/bench.sh lint} (-Dbench.ingresses, default 10000).
 */
public final class LintBench {

    record Result(int ingresses, long bytes, Duration took, int exit, long findings) {}

    private LintBench() {}

    public static void main(String[] args) throws Exception {
        int ingresses = Integer.getInteger("bench.ingresses", 10_000);
        int runs = Integer.getInteger("bench.runs", 3);
        Path jar = WsrouteProcess.packagedJar();
        Path manifest = manifest(ingresses);
        System.out.printf("machine: %s%n", Machine.describe());
        List<FootprintBench.Variant> variants = variants(jar, System.out);
        for (int i = 0; i < runs; i++) {
            for (FootprintBench.Variant variant : variants) {
                run(variant, jar, manifest, ingresses, System.out);
            }
        }
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

    /** The flags README gives for big manifests: a run this short pays more for C2 than it gains. */
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
        long findings = Files.lines(report).filter(line -> line.contains("WS1")).count();
        Result result = new Result(ingresses, Files.size(manifest), took, process.exitValue(), findings);
        out.printf(
                "%-26s lint of %d Ingresses (%.1f MiB): %d ms wall, exit %d, %d finding lines, %.0f Ingresses/s (load %s)%n",
                variant.name(),
                ingresses,
                result.bytes() / 1048576.0,
                took.toMillis(),
                result.exit(),
                findings,
                ingresses / (took.toNanos() / 1e9),
                Machine.load());
        return result;
    }
}
