package io.wsroute.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wsroute.route.api.WebSocketRoute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two wsroute processes (the packaged jar, prod profile, leader election on) against one real API server: only
 * the Lease holder reconciles; kill it and the other takes the Lease and reconciles what was created meanwhile,
 * within the Lease duration (15 s, the operator SDK's default) plus its own start.
 */
class LeaderFailoverIT {

    private static final String NAMESPACE = "wsroute-system";
    private static final String LEASE = "wsroute-leader";
    private static KubeAPIServer server;
    private static KubernetesClient client;
    private static final Map<String, Process> replicas = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(RealApiServer.KUBE_VERSION)
                .withUpdateKubeConfig(false)
                .build());
        server.start();
        Path dir = Files.createTempDirectory("wsroute-failover");
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), server.getKubeConfigYaml());
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml()))
                .build();
        RealApiServer.installCrd(client);
        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .create();
        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("apps")
                        .endMetadata()
                        .build())
                .create();
        client.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("nginx")
                        .endMetadata()
                        .withNewSpec()
                        .withController("k8s.io/ingress-nginx")
                        .endSpec()
                        .build())
                .create();
        client.resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("chat")
                        .withNamespace("apps")
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withName("ws")
                        .withProtocol("TCP")
                        .withPort(8080)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        for (String name : List.of("replica-a", "replica-b")) {
            replicas.put(name, replica(name, kubeconfig, dir));
        }
    }

    private static Process replica(String identity, Path kubeconfig, Path dir) throws Exception {
        Path jar = BuildOutput.packagedJar();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(identity + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("HOSTNAME", identity); // the Lease holder identity, as a pod name would be
        env.put("WSROUTE_LEADER_ELECTION_NAMESPACE", NAMESPACE);
        env.put("WSROUTE_PROBE_MODE", "off");
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        return builder.start();
    }

    @AfterAll
    static void stop() {
        replicas.values().forEach(Process::destroyForcibly);
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void whenTheLeaderDiesTheOtherReplicaTakesOverAndReconcilesWhatArrivedMeanwhile() {
        String leader = await().atMost(Duration.ofSeconds(90))
                .until(LeaderFailoverIT::holder, Optional::isPresent)
                .get();
        assertThat(replicas).containsKey(leader);
        create("before");
        awaitReady("before", Duration.ofSeconds(60));

        replicas.get(leader).destroyForcibly();
        create("after");

        // Lease duration 15 s, retry period 2 s: the standby holds the Lease well within 30 s of the kill.
        String successor = await().atMost(Duration.ofSeconds(30))
                .until(LeaderFailoverIT::holder, h -> h.isPresent() && !h.get().equals(leader))
                .get();
        assertThat(successor).isIn(replicas.keySet()).isNotEqualTo(leader);
        awaitReady("after", Duration.ofSeconds(60));
        awaitReady("before", Duration.ofSeconds(5));
    }

    private static Optional<String> holder() {
        Lease lease = client.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        return Optional.ofNullable(lease)
                .map(l -> l.getSpec().getHolderIdentity())
                .filter(h -> !h.isEmpty());
    }

    private static void create(String name) {
        client.resource(ClusterSeed.webSocketRoute("apps", name, name + ".example.com", "chat", "nginx"))
                .create();
    }

    private static void awaitReady(String name, Duration within) {
        await().atMost(within).untilAsserted(() -> {
            WebSocketRoute route = client.resources(WebSocketRoute.class)
                    .inNamespace("apps")
                    .withName(name)
                    .get();
            assertThat(route.getStatus()).isNotNull();
            assertThat(route.getStatus().condition("Ready"))
                    .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            assertThat(client.network()
                            .v1()
                            .ingresses()
                            .inNamespace("apps")
                            .withName(name)
                            .get())
                    .isNotNull();
        });
    }
}
