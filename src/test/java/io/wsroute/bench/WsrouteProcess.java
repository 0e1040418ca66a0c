package io.wsroute.bench;

import io.wsroute.it.BuildOutput;
import io.wsroute.it.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The packaged JVM build ({@code target/quarkus-app/quarkus-run.jar}) started as users start it, with a serving
 * certificate and no reachable cluster (the API server URL points at a closed port): wsroute then serves its webhooks
 * from defaults, as it must while the API server is down. Its log (INFO, one line per decision, as deployed) goes
 * to a file. Measures the time from process start to the first
 * admitted review over HTTPS, and reads the process's RSS and CPU time from /proc.
 */
final class WsrouteProcess implements AutoCloseable {

    final Process process;
    final int httpsPort;
    final int httpPort;
    final Duration startToServing;
    private final Path log;
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+s)");

    private WsrouteProcess(Process process, int httpsPort, int httpPort, Duration startToServing, Path log) {
        this.process = process;
        this.httpsPort = httpsPort;
        this.httpPort = httpPort;
        this.startToServing = startToServing;
        this.log = log;
    }

    /** Quarkus's own start-up time from its log ("started in 2.561s"), or "?" when not logged. */
    String quarkusStartedIn() throws IOException {
        Matcher m = STARTED_IN.matcher(Files.readString(log));
        return m.find() ? m.group(1) : "?";
    }

    static WsrouteProcess start(Path jar, List<String> jvmOptions) throws Exception {
        return start(Jdks.current(), jar, jvmOptions);
    }

    /** Started with the given {@code java} (the benchmarks compare JDKs), not the one running the benchmark. */
    static WsrouteProcess start(Path java, Path jar, List<String> jvmOptions) throws Exception {
        Path dir = Files.createTempDirectory("wsroute-bench");
        TestCertificates certificates = TestCertificates.create(dir);
        int httpPort = freePort();
        int httpsPort = freePort();
        int closed = freePort();
        List<String> command = new ArrayList<>(pinned(java));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.http.ssl-port=" + httpsPort,
                "-Dwsroute.tls.cert=" + certificates.certFile,
                "-Dwsroute.tls.key=" + certificates.keyFile,
                "-Dquarkus.kubernetes-client.api-server-url=https://127.0.0.1:" + closed,
                "-Dwsroute.admission.benchmark-floor=true",
                "-jar",
                jar.toString()));
        HttpClient client = trustingClient();
        byte[] body = AdmissionBodies.review(false, true);
        HttpRequest probe = HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + httpsPort + "/admission/ingress/validate"))
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("wsroute.log").toFile())
                .start();
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> response = client.send(probe, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"allowed\"")) {
                    return new WsrouteProcess(
                            process,
                            httpsPort,
                            httpPort,
                            Duration.ofNanos(System.nanoTime() - start),
                            dir.resolve("wsroute.log"));
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "wsroute did not serve webhooks within 60 s; log: " + Files.readString(dir.resolve("wsroute.log")));
    }

    /**
     * {@code java}, pinned to the CPUs {@code -Dbench.serverCpus} names (e.g. {@code 0}) with taskset when set: the
     * chart's one-CPU limit, approximated outside a container.
     */
    static List<String> pinned(Path java) {
        String cpus = System.getProperty("bench.serverCpus", "");
        return cpus.isBlank() ? List.of(java.toString()) : List.of("taskset", "-c", cpus, java.toString());
    }

    /** The server's Prometheus metrics (plain HTTP, as the chart's ServiceMonitor scrapes them). */
    String metrics() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics"))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Resident set size in KiB (VmRSS). */
    long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    /** User plus system CPU time of the server process, in seconds. */
    double cpuSeconds() throws IOException {
        return Machine.cpuSeconds(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static HttpClient trustingClient() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                new SecureRandom());
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        return HttpClient.newBuilder()
                .sslContext(context)
                .sslParameters(parameters)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Path packagedJar() {
        return BuildOutput.packagedJar();
    }

    /** The same build packaged as the image ships it (aot-jar: every jar on the JVM's class path; pom.xml). */
    static Path packagedImageJar() {
        return BuildOutput.directory().resolve("quarkus-aot-app/quarkus-run.jar");
    }
}
