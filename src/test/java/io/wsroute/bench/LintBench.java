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
        Path manifest = manifest(ingresses);
        System.out.printf("machine: %s%n", Machine.describe());
        for (int i = 0; i < runs; i++) {
            run(WsrouteProcess.packagedJar(), manifest, ingresses, System.out);
        }
    }

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

    static Result run(Path jar, Path manifest, int ingresses, PrintStream out) throws Exception {
        Path report = Files.createTempFile("wsroute-lint-bench", ".out");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                jar.toString(),
                "lint",
                manifest.toString()));
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
                "lint of %d Ingresses (%.1f MiB): %d ms wall, exit %d, %d finding lines, %.0f Ingresses/s (load %s)%n",
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
