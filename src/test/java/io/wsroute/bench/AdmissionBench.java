package io.wsroute.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Admission latency and throughput of the packaged server over HTTPS on loopback, beside the framework's floor
 * (GET /q/health/live on the same HTTPS port: TLS, routing, a JSON answer, no body and no rules). Each scenario runs
 * at a fixed rate, then at saturation; the server's own CPU time (/proc) gives requests per CPU-second, i.e. per
 * core, whatever else the machine runs. Also reports start-up to serving and RSS (the footprint benchmark).
 *
 * <p>Run: {@code bash hack/bench.sh admission} (sizes: -Dbench.seconds, -Dbench.rate, -Dbench.connections; one
 * scenario: -Dbench.only=NAME; server JVM options, e.g. a JFR recording: -Dbench.serverJvm=...; the server pinned to
 * CPUs: -Dbench.serverCpus=0; as deployed with another collector: -Dbench.gc=serial|parallel).
 */
public final class AdmissionBench {

    record Scenario(String name, String path, byte[] body) {
        boolean floor() {
            return name.startsWith("floor");
        }

        boolean large() {
            return name.contains("large");
        }
    }

    /** wsroute.admission.benchmark-floor: reads the body, answers a fixed review, nothing of wsroute's. */
    static final String FLOOR = "/admission/floor";

    record Row(Scenario scenario, String load, LoadGenerator.Result result, double serverCpuSeconds) {
        double perCore() {
            return serverCpuSeconds <= 0 ? Double.NaN : result.completed() / serverCpuSeconds;
        }
    }

    record Report(Duration startToServing, long idleRssKib, long rssAfterKib, List<Row> rows) {}

    private AdmissionBench() {}

    public static void main(String[] args) throws Exception {
        Duration seconds = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
        int rate = Integer.getInteger("bench.rate", 1000);
        int connections = Integer.getInteger("bench.connections", 16);
        // -Dbench.gc=parallel|serial: the as-deployed options with that collector instead of the image's
        List<String> jvm = new ArrayList<>(
                Boolean.getBoolean("bench.asDeployed")
                        ? FootprintBench.withCollector(FootprintBench.AS_DEPLOYED, System.getProperty("bench.gc", ""))
                        : List.of());
        // e.g. -Dbench.serverJvm=-XX:StartFlightRecording=filename=/tmp/admission.jfr,settings=profile
        jvm.addAll(List.of(System.getProperty("bench.serverJvm", "").split(" +")).stream()
                .filter(option -> !option.isBlank())
                .toList());
        // -Dbench.baseline=JAR: another build measured first, the same way, in the same run
        String baseline = System.getProperty("bench.baseline", "");
        if (!baseline.isBlank()) {
            System.out.printf("%n=== baseline %s%n", baseline);
            run(Path.of(baseline), jvm, rate, seconds, connections, System.out);
            System.out.printf("%n=== this build %s%n", WsrouteProcess.packagedJar());
        }
        run(WsrouteProcess.packagedJar(), jvm, rate, seconds, connections, System.out);
    }

    /** Floors first: the floor a review is compared with reads a body of the same size (its name ends alike). */
    static List<Scenario> scenarios() {
        return List.of(
                new Scenario("floor GET /q/health/live", "/q/health/live", null),
                new Scenario("floor POST small", FLOOR, AdmissionBodies.review(false, true)),
                new Scenario("floor POST large", FLOOR, AdmissionBodies.review(true, true)),
                new Scenario("validate small ws", "/admission/ingress/validate", AdmissionBodies.review(false, true)),
                new Scenario(
                        "validate small plain", "/admission/ingress/validate", AdmissionBodies.review(false, false)),
                new Scenario("validate large ws", "/admission/ingress/validate", AdmissionBodies.review(true, true)),
                new Scenario(
                        "validate large plain", "/admission/ingress/validate", AdmissionBodies.review(true, false)),
                new Scenario("mutate small ws", "/admission/ingress/mutate", AdmissionBodies.review(false, true)),
                new Scenario("mutate large ws", "/admission/ingress/mutate", AdmissionBodies.review(true, true)));
    }

    static Report run(Path jar, List<String> jvm, int rate, Duration seconds, int connections, PrintStream out)
            throws Exception {
        out.printf("machine: %s; server JVM options: %s%n", Machine.describe(), jvm);
        // -Dbench.java25=true: the image's runtime, Java 25 with its options (no AOT cache: that changes start-up only)
        Path java = Jdks.current();
        List<String> options = jvm;
        if (Boolean.getBoolean("bench.java25")) {
            java = Jdks.jdk25().orElseThrow(() -> new IllegalStateException("bench.java25: no JDK 25 here"));
            options = new ArrayList<>(jvm);
            options.addAll(FootprintBench.JAVA25);
        }
        out.printf("server java: %s %s%n", java, options);
        try (WsrouteProcess server = WsrouteProcess.start(java, jar, options)) {
            out.printf(
                    "start-up to first admitted review over HTTPS: %d ms (load %s)%n",
                    server.startToServing.toMillis(), Machine.load());
            Thread.sleep(Math.min(5000, seconds.toMillis()));
            long idleRss = server.rssKib();
            out.printf("RSS idle after start: %.1f MiB (load %s)%n", idleRss / 1024.0, Machine.load());
            List<Row> rows = new ArrayList<>();
            try (LoadGenerator load = new LoadGenerator(server.httpsPort, connections)) {
                List<Scenario> selected = scenarios().stream()
                        .filter(scenario -> scenario.name().contains(System.getProperty("bench.only", "")))
                        .toList();
                // Warm-up of every scenario before any is measured: they share TLS, HTTP and JSON code, so measuring
                // each right after its own warm-up would flatter the later ones (seen: 2x between first and last).
                for (Scenario scenario : selected) {
                    load.saturate(
                            scenario.path(),
                            scenario.body(),
                            connections,
                            seconds.dividedBy(3).plusMillis(300));
                }
                List<Scenario> measured = new ArrayList<>(selected);
                if (selected.stream().anyMatch(scenario -> !scenario.floor())) {
                    // the floors again at the end: what drift there was during the run
                    selected.stream().filter(Scenario::floor).forEach(measured::add);
                }
                for (Scenario scenario : measured) {
                    double cpu = server.cpuSeconds();
                    double[] handlerBefore = handlerBuckets(server, scenario);
                    LoadGenerator.Result fixed = load.fixedRate(scenario.path(), scenario.body(), rate, seconds);
                    rows.add(new Row(scenario, rate + "/s", fixed, server.cpuSeconds() - cpu));
                    print(out, rows.get(rows.size() - 1));
                    printHandlerTime(out, scenario, handlerBefore, handlerBuckets(server, scenario));
                    cpu = server.cpuSeconds();
                    LoadGenerator.Result saturated =
                            load.saturate(scenario.path(), scenario.body(), connections, seconds);
                    rows.add(
                            new Row(scenario, "saturation(" + connections + ")", saturated, server.cpuSeconds() - cpu));
                    print(out, rows.get(rows.size() - 1));
                }
            }
            printRatios(out, rows);
            long rssAfter = server.rssKib();
            out.printf("RSS after the run: %.1f MiB%n", rssAfter / 1024.0);
            return new Report(server.startToServing, idleRss, rssAfter, rows);
        }
    }

    /**
     * Server CPU per request at saturation over the floor's that reads a body of the same size (the lower of its
     * two measurements, first and last: the other carries JIT drift). The target is 1.5.
     */
    static void printRatios(PrintStream out, List<Row> rows) {
        List<Row> saturated =
                rows.stream().filter(row -> row.load().startsWith("saturation")).toList();
        for (Row row : saturated) {
            if (row.scenario().floor()) {
                continue;
            }
            saturated.stream()
                    .filter(f -> f.scenario().floor()
                            && f.scenario().path().equals(FLOOR)
                            && f.scenario().large() == row.scenario().large())
                    .mapToDouble(Row::perCore)
                    .max()
                    .ifPresent(floorPerCore -> out.printf(
                            "%-26s %6.0f req per CPU-s at saturation, floor POST %-5s %6.0f: %.2fx the floor's CPU per request%n",
                            row.scenario().name(),
                            row.perCore(),
                            row.scenario().large() ? "large" : "small",
                            floorPerCore,
                            floorPerCore / row.perCore()));
        }
    }

    /**
     * wsroute's own handler time for the scenario's endpoint (wsroute_admission_duration_seconds, from parse to
     * rendered answer, what the "handler p99" is about): count, at most 1 ms, at most 2 ms. Null for the floors.
     */
    static double[] handlerBuckets(WsrouteProcess server, Scenario scenario) throws Exception {
        if (!scenario.path().startsWith("/admission/ingress/")) {
            return null;
        }
        String endpoint = "endpoint=\"" + scenario.path().substring("/admission/".length()) + "\"";
        double[] buckets = new double[3];
        for (String line : server.metrics().split("\n")) {
            if (!line.startsWith("wsroute_admission_duration_seconds") || !line.contains(endpoint)) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("wsroute_admission_duration_seconds_count")) {
                buckets[0] = value;
            } else if (line.contains("le=\"0.001\"")) {
                buckets[1] = value;
            } else if (line.contains("le=\"0.002\"")) {
                buckets[2] = value;
            }
        }
        return buckets;
    }

    private static void printHandlerTime(PrintStream out, Scenario scenario, double[] before, double[] after) {
        if (before == null || after[0] <= before[0]) {
            return;
        }
        double count = after[0] - before[0];
        out.printf(
                "%-26s %-16s handler (wsroute_admission_duration_seconds): %.0f requests, %.2f%% within 1 ms, %.2f%% within 2 ms%n",
                scenario.name(), "", count, 100 * (after[1] - before[1]) / count, 100 * (after[2] - before[2]) / count);
    }

    private static void print(PrintStream out, Row row) {
        LoadGenerator.Result r = row.result();
        out.printf(
                "%-26s %-16s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %7.2f ms  errors %d  "
                        + "server CPU %.2f s = %6.0f req per CPU-s  (load %s)%n",
                row.scenario().name(),
                row.load(),
                r.perSecond(),
                r.p50() / 1000.0,
                r.p99() / 1000.0,
                r.p999() / 1000.0,
                r.max() / 1000.0,
                r.errors(),
                row.serverCpuSeconds(),
                row.perCore(),
                Machine.load());
    }
}
