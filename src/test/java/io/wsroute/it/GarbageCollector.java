package io.wsroute.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real kube-controller-manager running only its garbage collector against the test API server, so owner
 * references do what they do in a cluster. The binary comes from hack/kube-binaries.sh, beside kube-apiserver.
 */
final class GarbageCollector implements AutoCloseable {

    static final Path BINARY = Path.of(
            System.getProperty("user.home"),
            ".kubeapitest",
            "k8s",
            RealApiServer.KUBE_VERSION + "-linux-amd64",
            "kube-controller-manager");

    private final Process process;

    private GarbageCollector(Process process) {
        this.process = process;
    }

    static GarbageCollector start(Path kubeconfig) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: run hack/kube-binaries.sh");
        }
        Path log = Files.createTempFile("kube-controller-manager", ".log");
        Process process = new ProcessBuilder(List.of(
                        BINARY.toString(),
                        "--kubeconfig=" + kubeconfig,
                        "--controllers=garbagecollector",
                        "--leader-elect=false",
                        "--port=0",
                        "--secure-port=0"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new GarbageCollector(process);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
