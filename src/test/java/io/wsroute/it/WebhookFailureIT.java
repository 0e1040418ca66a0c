package io.wsroute.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the cluster does when wsroute cannot answer, on a real kube-apiserver: wsroute down (connection refused) or
 * hung (connection accepted, no answer) under failurePolicy Fail and Ignore, with kube-system and wsroute's own
 * namespace always writable; and wsroute slow (a decision stuck past wsroute.admission.deadline), where wsroute
 * answers in time by itself instead of letting the API server's timeout and failurePolicy decide.
 * <p>
 * "Down" and "hung" are registrations pointing at a closed port and at a socket that never answers: to the API
 * server that is exactly a stopped or wedged wsroute. wsroute's own registrations are removed meanwhile.
 */
@QuarkusTest
@TestProfile(WebhookFailureIT.Slow.class)
@QuarkusTestResource(value = RealApiServer.class, restrictToAnnotatedClass = true)
class WebhookFailureIT {

    /** Decisions for Ingresses in namespace "slow" take 4 s (SlowClusterView); the deadline is 1 s. */
    public static class Slow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wsroute.admission.deadline", "1s");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SlowClusterView.class);
        }
    }

    private static KubernetesClient client;
    private static ServerSocket hung;
    private static final List<Socket> held = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        // No client-side retries: fabric8 retries server errors with backoff, which would hide what one write costs.
        client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(Config.fromKubeconfig(RealApiServer.kubeconfigYaml))
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build();
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
                .serverSideApply();
        for (String ns : List.of("apps", "slow", RealApiServer.WSROUTE_NAMESPACE)) {
            client.resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .withLabels(Map.of("kubernetes.io/metadata.name", ns))
                            .endMetadata()
                            .build())
                    .serverSideApply();
        }
        // 1.20 does not label namespaces by name (1.21+ does); the chart's selector relies on that label.
        client.namespaces()
                .withName("kube-system")
                .edit(ns -> new NamespaceBuilder(ns)
                        .editMetadata()
                        .addToLabels("kubernetes.io/metadata.name", "kube-system")
                        .endMetadata()
                        .build());
        for (String ns : List.of("apps", "slow", "kube-system", RealApiServer.WSROUTE_NAMESPACE)) {
            client.services()
                    .inNamespace(ns)
                    .resource(new ServiceBuilder()
                            .withNewMetadata()
                            .withName("chat")
                            .endMetadata()
                            .withNewSpec()
                            .addNewPort()
                            .withName("ws")
                            .withProtocol("TCP")
                            .withPort(8080)
                            .withAppProtocol("kubernetes.io/ws")
                            .endPort()
                            .endSpec()
                            .build())
                    .serverSideApply();
        }
        // A wedged wsroute: accepts connections and never says anything, not even a TLS handshake.
        hung = new ServerSocket(0);
        Thread acceptor = new Thread(
                () -> {
                    while (!hung.isClosed()) {
                        try {
                            held.add(hung.accept());
                        } catch (Exception closed) {
                            return;
                        }
                    }
                },
                "hung-webhook");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void close() throws Exception {
        hung.close();
        for (Socket socket : held) {
            socket.close();
        }
        client.close();
    }

    @AfterEach
    void restoreWsroute() {
        for (String name : List.of("down", "hung")) {
            client.admissionRegistration()
                    .v1()
                    .validatingWebhookConfigurations()
                    .withName(name + "-validating")
                    .delete();
            client.admissionRegistration()
                    .v1()
                    .mutatingWebhookConfigurations()
                    .withName(name + "-mutating")
                    .delete();
        }
        RealApiServer.registerWebhooks(
                client,
                "https://127.0.0.1:" + RealApiServer.webhookPort,
                RealApiServer.certificates.caBundleBase64,
                "wsroute");
        awaitWebhooks(2);
    }

    @Test
    void wsrouteDownWithFailRefusesIngressWritesOutsideTheExcludedNamespaces() {
        wsrouteReplacedBy("down", "https://127.0.0.1:1", "Fail", 5);
        assertThatThrownBy(() -> client.resource(ingress("apps", "down-fail")).create())
                .hasMessageContaining("failed calling webhook")
                .hasMessageContaining("connection refused");
        excludedNamespacesStayWritable("down-fail");
        // Everything else in the cluster is untouched by Ingress webhooks.
        ConfigMap other = client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withNamespace("apps")
                        .withName("down-fail")
                        .endMetadata()
                        .addToData("k", "v")
                        .build())
                .create();
        assertThat(other.getData()).containsEntry("k", "v");
    }

    @Test
    void wsrouteDownWithIgnoreStoresIngressesUnchecked() {
        wsrouteReplacedBy("down", "https://127.0.0.1:1", "Ignore", 5);
        Ingress stored = client.resource(ingress("apps", "down-ignore")).create();
        // Unchecked and unchanged: no wsroute annotations (up, wsroute would have added the timeouts).
        assertThat(stored.getMetadata().getAnnotations()).isNullOrEmpty();
        excludedNamespacesStayWritable("down-ignore");
    }

    @Test
    void wsrouteHungCostsTimeoutSecondsThenFailurePolicyDecides() {
        String url = "https://127.0.0.1:" + hung.getLocalPort();
        wsrouteReplacedBy("hung", url, "Fail", 2);
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.resource(ingress("apps", "hung-fail")).create())
                .hasMessageContaining("failed calling webhook");
        Duration failed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(failed).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(15));
        excludedNamespacesStayWritable("hung-fail");

        wsrouteReplacedBy("hung", url, "Ignore", 2);
        start = System.nanoTime();
        Ingress stored = client.resource(ingress("apps", "hung-ignore")).create();
        Duration admitted = Duration.ofNanos(System.nanoTime() - start);
        assertThat(stored.getMetadata().getAnnotations()).isNullOrEmpty();
        // Mutating and validating webhook each wait out their timeout.
        assertThat(admitted).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(15));
    }

    @Test
    void slowWsrouteAnswersAtItsOwnDeadlineBeforeTheApiServerGivesUp() throws Exception {
        // Registered as the chart does (failurePolicy Fail, timeoutSeconds 5). The decision takes 4 s, wsroute's
        // deadline is 1 s: the API server gets an answer after about 1 s per webhook, not a timeout.
        Ingress broken = ingress("slow", "unit-timeout");
        broken.getMetadata().setAnnotations(Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s"));
        String yaml = io.fabric8.kubernetes.client.utils.Serialization.asYaml(broken);
        long start = System.nanoTime();
        Process kubectl = new ProcessBuilder(
                        RealApiServer.kubectl(),
                        "--kubeconfig",
                        RealApiServer.kubeconfigFile.toString(),
                        "create",
                        "-f",
                        "-")
                .redirectErrorStream(true)
                .start();
        kubectl.getOutputStream().write(yaml.getBytes(StandardCharsets.UTF_8));
        kubectl.getOutputStream().close();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("could not check this Ingress within its deadline of 1000 ms")
                .contains("ingress.networking.k8s.io/unit-timeout created");
        // Two webhooks at about 1 s each, far below the 2 x 5 s the API server would otherwise wait.
        assertThat(took).as(output).isLessThan(Duration.ofSeconds(8));
        // In a namespace where wsroute is quick, the same Ingress is refused.
        Ingress quick = ingress("apps", "unit-timeout");
        quick.getMetadata().setAnnotations(Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s"));
        assertThatThrownBy(() -> client.resource(quick).create()).hasMessageContaining("WS101");
    }

    private static void excludedNamespacesStayWritable(String name) {
        for (String ns : List.of("kube-system", RealApiServer.WSROUTE_NAMESPACE)) {
            Ingress stored = client.resource(ingress(ns, name)).create();
            assertThat(stored.getMetadata().getAnnotations()).as(ns).isNullOrEmpty();
        }
    }

    /** wsroute's registrations removed, and ones for the failing endpoint put in their place. */
    private static void wsrouteReplacedBy(String name, String url, String failurePolicy, int timeoutSeconds) {
        client.admissionRegistration()
                .v1()
                .validatingWebhookConfigurations()
                .withName("wsroute-validating")
                .delete();
        client.admissionRegistration()
                .v1()
                .mutatingWebhookConfigurations()
                .withName("wsroute-mutating")
                .delete();
        RealApiServer.registerWebhooks(
                client, url, RealApiServer.certificates.caBundleBase64, name, failurePolicy, timeoutSeconds);
        awaitWebhooks(2);
    }

    /** The API server applies webhook configuration changes asynchronously; wait until it holds just these. */
    private static void awaitWebhooks(int count) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> client.admissionRegistration()
                                        .v1()
                                        .validatingWebhookConfigurations()
                                        .list()
                                        .getItems()
                                        .size()
                                + client.admissionRegistration()
                                        .v1()
                                        .mutatingWebhookConfigurations()
                                        .list()
                                        .getItems()
                                        .size()
                        == count);
        try {
            // The API server's webhook registry follows its informer; give it a moment beyond the list.
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Ingress ingress(String namespace, String name) {
        Map<String, String> none = new HashMap<>();
        return ClusterSeed.webSocketIngress(namespace, name, none);
    }
}
