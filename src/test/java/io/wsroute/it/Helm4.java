package io.wsroute.it;

import io.wsroute.testing.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Helm 4 command line (v4.1.4, provisioned by hack/helm4.sh), run against one kubeconfig with its cache,
 * configuration and data in a private directory, so nothing is read from or written to the user's Helm setup.
 */
final class Helm4 {

    static final String VERSION = "v4.1.4";

    /** What a helm command printed and how it ended. */
    record Result(int exit, String out, String err) {
        Result succeeded() {
            if (exit != 0) {
                throw new AssertionError("helm exited " + exit + ": " + err + out);
            }
            return this;
        }
    }

    private final Path binary;
    private final Path kubeconfig;
    private final Path home;

    private Helm4(Path binary, Path kubeconfig, Path home) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    /** Helm 4 against this kubeconfig; fails the test under CI=true (skips elsewhere) when hack/helm4.sh left none. */
    static Helm4 against(Path kubeconfig) throws IOException {
        Optional<Path> binary = locate().filter(Files::isExecutable);
        Prerequisites.require(
                binary.isPresent(), "no Helm 4 binary (set WSROUTE_HELM4, or run hack/helm4.sh) for Helm4IT");
        return new Helm4(binary.get(), kubeconfig, Files.createTempDirectory("wsroute-helm4"));
    }

    private static Optional<Path> locate() {
        String configured = System.getenv("WSROUTE_HELM4");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String cache = Optional.ofNullable(System.getenv("XDG_CACHE_HOME"))
                .filter(c -> !c.isBlank())
                .orElse(Path.of(System.getProperty("user.home"), ".cache").toString());
        return Optional.of(Path.of(cache, "wsroute", "helm4", VERSION, "helm"));
    }

    Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("KUBECONFIG", kubeconfig.toString());
        environment.put("HELM_CACHE_HOME", home.resolve("cache").toString());
        environment.put("HELM_CONFIG_HOME", home.resolve("config").toString());
        environment.put("HELM_DATA_HOME", home.resolve("data").toString());
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("helm " + String.join(" ", arguments) + " did not finish in 3 minutes");
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
