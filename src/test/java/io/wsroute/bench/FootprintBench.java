package io.wsroute.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up to serving webhooks (process start to the first admitted review over HTTPS) and idle RSS, as deployed:
 * Java 17 (the image before) and Java 25 on the fast-jar, and Java 25 with the AOT cache that {@code
 * hack/aot-train.sh} trains on the aot-jar packaging (the image now), interleaved in one run, medians of three; then where each one's memory goes (NMT summary). No cluster
 * is reachable: wsroute serves from defaults. Run: {@code bash hack/bench.sh footprint}.
 */
public final class FootprintBench {

    /**
     * The container image's run-java.sh options under the chart's 512 MiB limit, with the collector the image and the
     * chart select (GC_CONTAINER_OPTIONS, jvm.gc), then the chart's JAVA_OPTS_APPEND (jvm.maxRamPercentage,
     * jvm.gcOptions), which come last and so win.
     */
    static final List<String> AS_DEPLOYED = List.of(
            "-XX:MaxRAM=512m",
            "-XX:MaxRAMPercentage=80",
            "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=20",
            "-XX:GCTimeRatio=4",
            "-XX:AdaptiveSizePolicyWeight=90",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
            "-XX:MaxRAMPercentage=50",
            "-XX:MinHeapFreeRatio=40",
            "-XX:MaxHeapFreeRatio=70",
            "-XX:TrimNativeHeapInterval=5000");

    /**
     * As deployed before SerialGC (the image's ParallelGC, the chart's sizing for it then), for
     * {@code -Dbench.baselineGc=parallel -Dbench.baselineJvm="..."}: {@code hack/bench.sh footprint} names it.
     */
    static final String PARALLEL_SIZING_BEFORE =
            "-XX:GCTimeRatio=99 -XX:MinHeapFreeRatio=0 -XX:MaxHeapFreeRatio=100 -XX:AdaptiveSizePolicyWeight=10";

    /**
     * {@code options} with the collector named ({@code serial} or {@code parallel}) in place of the one they select;
     * unchanged for "".
     */
    static List<String> withCollector(List<String> options, String collector) {
        if (collector.isBlank()) {
            return options;
        }
        String flag = switch (collector) {
            case "serial" -> "-XX:+UseSerialGC";
            case "parallel" -> "-XX:+UseParallelGC";
            default -> throw new IllegalArgumentException("bench.gc is serial or parallel, not " + collector);
        };
        return options.stream()
                .map(option -> option.startsWith("-XX:+Use") && option.endsWith("GC") ? flag : option)
                .toList();
    }

    /** What the Java 25 image and the chart add on Java 25 (values.yaml jvm.java25Options). */
    static final List<String> JAVA25 = List.of("-XX:+UseCompactObjectHeaders");

    /** A way to start the server; {@code jar} when it is another build than the packaged one (a baseline). */
    record Variant(String name, Path java, List<String> options, Optional<Path> jar) {
        Variant(String name, Path java, List<String> options) {
            this(name, java, options, Optional.empty());
        }

        Path jarOr(Path packaged) {
            return jar.orElse(packaged);
        }
    }

    record Sample(String how, Duration startToServing, long idleRssKib) {}

    private static final Pattern NMT_LINE =
            // JDK 25 adds fields after committed= on some lines (the AOT cache's "Shared class space": readonly=...)
            Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB(?:, [^)]*)?\\)", Pattern.MULTILINE);
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    private FootprintBench() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        Path jar = WsrouteProcess.packagedJar();
        System.out.printf("machine: %s%n", Machine.describe());
        List<Variant> variants = variants(jar, System.out);
        Map<Variant, List<Sample>> samples = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (Variant variant : variants) {
                samples.computeIfAbsent(variant, v -> new ArrayList<>())
                        .add(sample(variant, jar, Duration.ofSeconds(10), System.out));
            }
        }
        System.out.println();
        System.out.println("medians of " + runs + ":");
        samples.forEach((variant, list) -> System.out.printf(
                "%-30s start-up to serving %5d ms, idle RSS %6.1f MiB%n",
                variant.name(),
                median(list.stream().map(s -> s.startToServing().toMillis()).toList()),
                median(list.stream().map(Sample::idleRssKib).toList()) / 1024.0));
        System.out.println();
        for (Variant variant : variants) {
            System.out.println(variant.name() + ", committed after 10 s idle (NMT summary):");
            System.out.println(nativeMemory(variant, jar, Duration.ofSeconds(10)));
        }
    }

    /** Java 17 as deployed, and when the machine has a JDK 25, Java 25 without and with a freshly trained cache. */
    static List<Variant> variants(Path jar, PrintStream out) throws Exception {
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("java 17, as deployed", Jdks.current(), AS_DEPLOYED));
        Optional<Path> java25 = Jdks.jdk25();
        if (java25.isEmpty()) {
            out.println("no JDK 25 on this machine (WSROUTE_JDK25 or /usr/lib/jvm): Java 17 only");
            return variants;
        }
        List<String> options25 =
                Stream.concat(AS_DEPLOYED.stream(), JAVA25.stream()).toList();
        variants.add(new Variant("java 25, as deployed", java25.get(), options25));
        // the image ships the aot-jar packaging of the same build, whose classes the cache can hold (pom.xml)
        Path imageJar = WsrouteProcess.packagedImageJar();
        Path caches = trainAotCaches(java25.get(), imageJar, options25, 200);
        variants.add(new Variant(
                "java 25 + AOT cache, as deployed",
                java25.get(),
                Stream.concat(options25.stream(), Stream.of("-XX:AOTCache=" + caches.resolve("wsroute.aot")))
                        .toList(),
                Optional.of(imageJar)));
        baseline(java25.get(), options25).ifPresent(variants::add);
        return variants;
    }

    /**
     * {@code -Dbench.baseline=.../quarkus-app/quarkus-run.jar}: another build (e.g. the previous commit's), as
     * deployed on Java 25 with a cache trained for it, for a before/after in one run. Its deployment as it was:
     * {@code -Dbench.baselineGc=parallel|serial} and {@code -Dbench.baselineJvm="..."} (appended, so they win), and
     * {@code -Dbench.baselineProfiles=true} for a server cache with JEP 515's method profiles, as caches were trained
     * before {@code hack/aot-train.sh} left them out.
     */
    static Optional<Variant> baseline(Path java25, List<String> options25) throws Exception {
        String jar = System.getProperty("bench.baseline", "");
        if (jar.isBlank()) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>(withCollector(options25, System.getProperty("bench.baselineGc", "")));
        Stream.of(System.getProperty("bench.baselineJvm", "").split(" +"))
                .filter(option -> !option.isBlank())
                .forEach(options::add);
        Path caches = trainAotCaches(java25, Path.of(jar), options, 200, Boolean.getBoolean("bench.baselineProfiles"));
        options.add("-XX:AOTCache=" + caches.resolve("wsroute.aot"));
        return Optional.of(new Variant("baseline java 25 + AOT cache", java25, options, Optional.of(Path.of(jar))));
    }

    /** The caches as the image builds them, the server's without method profiles (the script's default). */
    static Path trainAotCaches(Path java, Path jar, List<String> options, int rounds) throws Exception {
        return trainAotCaches(java, jar, options, rounds, false);
    }

    /**
     * The caches as the image builds them: {@code hack/aot-train.sh} with the runtime's JVM options (a cache
     * trained with other object-layout options is refused at start); {@code serverProfiles} keeps JEP 515's method
     * profiles in the server cache (the script's SERVER_PROFILES).
     */
    static Path trainAotCaches(Path java, Path jar, List<String> options, int rounds, boolean serverProfiles)
            throws Exception {
        Path app = jar.getParent();
        // the training script of this checkout, also for a baseline build elsewhere
        Path repository = WsrouteProcess.packagedJar().getParent().getParent().getParent();
        Path out = app.getParent().resolve("aot-bench");
        Path log = Files.createTempFile("wsroute-aot-train", ".log");
        ProcessBuilder training = new ProcessBuilder(
                        "bash", repository.resolve("hack/aot-train.sh").toString(), out.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        training.environment().put("JAVA", java.toString());
        training.environment().put("APP", app.toString());
        training.environment().put("JAVA_OPTIONS", String.join(" ", options));
        training.environment().put("ROUNDS", Integer.toString(rounds));
        training.environment().put("SERVER_PROFILES", Boolean.toString(serverProfiles));
        training.environment().remove("KUBECONFIG");
        Process process = training.start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("AOT training failed: " + Files.readString(log));
        }
        return out;
    }

    static Sample sample(Variant variant, Path jar, Duration idle, PrintStream out) throws Exception {
        try (WsrouteProcess server = WsrouteProcess.start(variant.java(), variant.jarOr(jar), variant.options())) {
            String loadAtStart = Machine.load();
            Thread.sleep(idle.toMillis());
            Sample sample = new Sample(variant.name(), server.startToServing, server.rssKib());
            out.printf(
                    "%-30s start-up to serving webhooks %5d ms (Quarkus: started in %s) (load %s), RSS after %d s idle %.1f MiB (load %s)%n",
                    variant.name(),
                    sample.startToServing().toMillis(),
                    server.quarkusStartedIn(),
                    loadAtStart,
                    idle.toSeconds(),
                    sample.idleRssKib() / 1024.0,
                    Machine.load());
            return sample;
        }
    }

    /** The server's committed memory by NMT category after {@code idle}, largest first, in MiB. */
    static String nativeMemory(Variant variant, Path jar, Duration idle) throws Exception {
        List<String> options = Stream.concat(variant.options().stream(), Stream.of("-XX:NativeMemoryTracking=summary"))
                .toList();
        try (WsrouteProcess server = WsrouteProcess.start(variant.java(), variant.jarOr(jar), options)) {
            Thread.sleep(idle.toMillis());
            Path jcmd = variant.java().resolveSibling("jcmd");
            Process process = new ProcessBuilder(
                            jcmd.toString(), Long.toString(server.process.pid()), "VM.native_memory", "summary")
                    .redirectErrorStream(true)
                    .start();
            String summary = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            return summarise(summary, server.rssKib());
        }
    }

    static String summarise(String nmt, long rssKib) {
        StringBuilder lines = new StringBuilder();
        Matcher total = NMT_TOTAL.matcher(nmt);
        if (total.find()) {
            lines.append("  total committed %.1f MiB (RSS %.1f MiB)%n"
                    .formatted(Long.parseLong(total.group(2)) / 1024.0, rssKib / 1024.0));
        }
        Matcher m = NMT_LINE.matcher(nmt);
        List<Map.Entry<String, Long>> categories = new ArrayList<>();
        while (m.find()) {
            categories.add(Map.entry(m.group(1).trim(), Long.parseLong(m.group(3))));
        }
        categories.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        categories.stream()
                .filter(c -> c.getValue() >= 1024)
                .forEach(c -> lines.append("  %-28s %6.1f MiB%n".formatted(c.getKey(), c.getValue() / 1024.0)));
        return lines.toString();
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
