package io.wsroute.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Start-up to serving webhooks (process start to the first admitted review over HTTPS) and idle RSS of the JVM
 * build, started both as {@code java -jar} on this machine and with the JVM settings the container image and chart
 * give it (512 MiB limit, MaxRAMPercentage 75, the image's ParallelGC settings). No cluster is reachable: wsroute
 * serves from defaults. Run: {@code bash hack/bench.sh footprint}.
 */
public final class FootprintBench {

    /** The container image's run-java.sh defaults (ubi9 openjdk-17-runtime) and the chart's memory limit. */
    /**
     * The container image's run-java.sh options under the chart's 512 MiB limit, then the chart's JAVA_OPTS_APPEND
     * (jvm.maxRamPercentage, jvm.gcOptions), which come last and so win.
     */
    static final List<String> AS_DEPLOYED = List.of(
            "-XX:MaxRAM=512m",
            "-XX:MaxRAMPercentage=80",
            "-XX:+UseParallelGC",
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=20",
            "-XX:GCTimeRatio=4",
            "-XX:AdaptiveSizePolicyWeight=90",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
            "-XX:MaxRAMPercentage=75",
            "-XX:GCTimeRatio=99",
            "-XX:MinHeapFreeRatio=0",
            "-XX:MaxHeapFreeRatio=100",
            "-XX:AdaptiveSizePolicyWeight=10");

    record Sample(String how, Duration startToServing, long idleRssKib) {}

    private FootprintBench() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        System.out.printf("machine: %s%n", Machine.describe());
        Path archive = trainedClassArchive(WsrouteProcess.packagedJar());
        List<String> withArchive = List.of("-XX:SharedArchiveFile=" + archive);
        for (int i = 0; i < runs; i++) {
            sample(WsrouteProcess.packagedJar(), "java -jar", List.of(), Duration.ofSeconds(10), System.out);
            sample(WsrouteProcess.packagedJar(), "as deployed", AS_DEPLOYED, Duration.ofSeconds(10), System.out);
            sample(WsrouteProcess.packagedJar(), "AppCDS", withArchive, Duration.ofSeconds(10), System.out);
        }
    }

    /**
     * A dynamic class-data archive (JDK 13+, JEP 350) of everything a start loads: the server started once with
     * -XX:ArchiveClassesAtExit, stopped (SIGTERM) once it serves. Quarkus's own AppCDS build option stops before
     * the runtime start-up, which is where most classes load here, and made no measurable difference.
     */
    static Path trainedClassArchive(Path jar) throws Exception {
        Path archive = Files.createTempDirectory("wsroute-cds").resolve("wsroute.jsa");
        try (WsrouteProcess training = WsrouteProcess.start(jar, List.of("-XX:ArchiveClassesAtExit=" + archive))) {
            Thread.sleep(2000);
        }
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the training run wrote no class archive");
        }
        return archive;
    }

    static Sample sample(Path jar, String how, List<String> jvmOptions, Duration idle, PrintStream out)
            throws Exception {
        try (WsrouteProcess server = WsrouteProcess.start(jar, jvmOptions)) {
            String loadAtStart = Machine.load();
            Thread.sleep(idle.toMillis());
            Sample sample = new Sample(how, server.startToServing, server.rssKib());
            out.printf(
                    "%-12s start-up to serving webhooks %5d ms (Quarkus: started in %s) (load %s), RSS after %d s idle %.1f MiB (load %s)%n",
                    how,
                    sample.startToServing().toMillis(),
                    server.quarkusStartedIn(),
                    loadAtStart,
                    idle.toSeconds(),
                    sample.idleRssKib() / 1024.0,
                    Machine.load());
            return sample;
        }
    }
}
