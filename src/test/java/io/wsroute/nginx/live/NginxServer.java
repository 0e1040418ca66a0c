package io.wsroute.nginx.live;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nginx on loopback, in a prefix directory of its own: its own pid file, error log and temp paths, no
 * access to /etc/nginx or /var/log/nginx, so it runs as any user and beside any system nginx. One per test class:
 * it starts in a few milliseconds and {@link #reload(String)} swaps configurations without a restart.
 */
public final class NginxServer implements AutoCloseable {

    private static final String GENERATION_HOST = "generation.wsroute.invalid";

    private final Path binary;
    private final Path prefix;
    private final int port;
    private final int tlsPort;
    private final SelfSignedCertificate certificate;
    private Process process;
    /** Bumped by every configuration written, and served by it, so a reload can wait until it is in force. */
    private int generation;

    /** Main-context directives (e.g. a controller's worker_shutdown_timeout), the same for every configuration. */
    private final String mainDirectives;

    private NginxServer(
            Path binary, Path prefix, int port, int tlsPort, SelfSignedCertificate certificate, String mainDirectives) {
        this.mainDirectives = mainDirectives;
        this.binary = binary;
        this.prefix = prefix;
        this.port = port;
        this.tlsPort = tlsPort;
        this.certificate = certificate;
    }

    /**
     * Starts nginx with the given http-context configuration. The text may use {@code $PORT} and {@code $TLS_PORT}
     * (replaced by the random loopback ports), {@code $CERT}/{@code $KEY} (a self-signed certificate for
     * localhost) and {@code $PREFIX} (nginx's own directory, for unix sockets). Skips the calling test when there is no nginx.
     */
    public static NginxServer start(String httpConfig) throws IOException, InterruptedException {
        return start("", httpConfig);
    }

    /** As {@link #start(String)}, with main-context directives that every later configuration keeps. */
    public static NginxServer start(String mainDirectives, String httpConfig) throws IOException, InterruptedException {
        Path binary = NginxBinary.require();
        Path prefix = Files.createTempDirectory("wsroute-nginx-");
        for (String dir : List.of("logs", "tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi")) {
            Files.createDirectories(prefix.resolve(dir));
        }
        SelfSignedCertificate certificate = SelfSignedCertificate.create(prefix);
        int[] ports = freePorts(2);
        NginxServer server = new NginxServer(binary, prefix, ports[0], ports[1], certificate, mainDirectives);
        server.launch(httpConfig);
        return server;
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public SelfSignedCertificate certificate() {
        return certificate;
    }

    /** Replaces the configuration (nginx -s reload) and waits until the new workers serve it. */
    public void reload(String httpConfig) throws IOException, InterruptedException {
        reload(httpConfig, true);
    }

    /**
     * Replaces the configuration and waits only until the new configuration answers: the old worker may still be
     * serving the connections it holds, as it does after a controller's reload until worker_shutdown_timeout.
     */
    public void reloadLeavingOldWorkers(String httpConfig) throws IOException, InterruptedException {
        reload(httpConfig, false);
    }

    private void reload(String httpConfig, boolean oldWorkersGone) throws IOException, InterruptedException {
        String error = check(httpConfig);
        if (error != null) {
            throw new IllegalStateException("nginx refuses the configuration: " + error);
        }
        writeConfig(httpConfig);
        run("-s", "reload");
        // The master starts new workers and retires old ones; on a loaded machine that takes a while, and until
        // then the old configuration answers.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        // The new configuration answers, and the old worker (one: worker_processes 1) has gone, so it can no longer
        // take a connection from the shared listening socket.
        while (!serves(generation)
                || oldWorkersGone && process.toHandle().children().count() > 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nginx did not take the new configuration within 20 s: " + errorLog());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Runs {@code nginx -t} on a configuration (as a controller would before reloading): null when it is valid,
     * otherwise nginx's complaint.
     */
    public String check(String httpConfig) throws IOException, InterruptedException {
        return check(mainDirectives, httpConfig);
    }

    /** As {@link #check(String)}, with other main-context directives than this server's. */
    public String check(String mainDirectives, String httpConfig) throws IOException, InterruptedException {
        Path candidate = prefix.resolve("candidate.conf");
        Files.writeString(candidate, mainConfig(mainDirectives, httpConfig));
        Process test = new ProcessBuilder(
                        binary.toString(),
                        "-t",
                        "-q",
                        "-p",
                        prefix + "/",
                        "-c",
                        candidate.toString(),
                        "-e",
                        prefix.resolve("logs/test.log").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return test.waitFor() == 0 ? null : output.strip();
    }

    /** The error log so far, for assertion messages ("upstream timed out ... while proxying upgraded connection"). */
    public String errorLog() {
        try {
            return Files.readString(prefix.resolve("logs/error.log"));
        } catch (IOException e) {
            return "(no error log: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: nginx's fast shutdown
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(prefix)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private void launch(String httpConfig) throws IOException, InterruptedException {
        String error = check(httpConfig);
        if (error != null) {
            throw new IllegalStateException("nginx refuses the configuration: " + error);
        }
        writeConfig(httpConfig);
        process = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .start();
        // nginx outlives a JVM that dies without closing it; the hook covers exits that skip @AfterAll.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "nginx did not start: " + errorLog() + Files.readString(prefix.resolve("logs/stdout.log")));
            }
            Thread.sleep(20);
        }
    }

    private List<String> command() {
        return List.of(
                binary.toString(),
                "-p",
                prefix + "/",
                "-c",
                prefix.resolve("nginx.conf").toString(),
                "-e",
                prefix.resolve("logs/error.log").toString());
    }

    private void run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(command());
        command.addAll(List.of(args));
        Process signal = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(signal.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (signal.waitFor() != 0) {
            throw new IllegalStateException("nginx " + String.join(" ", args) + " failed: " + output);
        }
    }

    private void writeConfig(String httpConfig) throws IOException {
        generation++;
        Files.writeString(prefix.resolve("nginx.conf"), mainConfig(mainDirectives, httpConfig));
    }

    /** True when the configuration of that generation answers (its marker server, see {@link #mainConfig}). */
    private boolean serves(int wanted) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream()
                    .write("GET / HTTP/1.0\r\nHost: %s\r\n\r\n"
                            .formatted(GENERATION_HOST)
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return answer.endsWith("generation " + wanted);
        } catch (IOException e) {
            return false;
        }
    }

    private String mainConfig(String mainDirectives, String httpConfig) {
        // As root, nginx would switch its workers to "nobody", who cannot write the temp paths: keep the same user.
        String user = "root".equals(System.getProperty("user.name")) ? "user root root;\n" : "";
        return user
                + """
                daemon off;
                worker_processes 1;
                %6$s
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log info;
                events { worker_connections 512; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    server {
                        listen 127.0.0.1:%3$d;
                        server_name %4$s;
                        location / { return 200 "generation %5$d"; }
                    }
                %2$s
                }
                """.formatted(
                        prefix,
                        httpConfig
                                .replace("$PREFIX", prefix.toString())
                                .replace("$PORT", Integer.toString(port))
                                .replace("$TLS_PORT", Integer.toString(tlsPort))
                                .replace("$CERT", certificate.certificate().toString())
                                .replace("$KEY", certificate.key().toString()),
                        port,
                        GENERATION_HOST,
                        generation,
                        mainDirectives);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Distinct free loopback ports: all are held open until every one is picked, since two pickings one after the
     * other may be handed the same port (seen: nginx refusing "a duplicate listen").
     */
    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
