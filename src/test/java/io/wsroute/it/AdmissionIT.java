package io.wsroute.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * wsroute in-process against a real kube-apiserver: every assertion is on what the API server answers or stores,
 * so a case only passes if the API server really called the webhook.
 */
@QuarkusTest
@QuarkusTestResource(value = RealApiServer.class, restrictToAnnotatedClass = true)
class AdmissionIT {

    private static KubernetesClient client;

    @BeforeAll
    static void seed() {
        client = RealApiServer.client();
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
        client.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("f5")
                        .endMetadata()
                        .withNewSpec()
                        .withController("nginx.org/ingress-controller")
                        .endSpec()
                        .build())
                .serverSideApply();
        namespace("apps", null);
        namespace("relaxed", "warn");
        namespace("legacy", "off");
        namespace(RealApiServer.WSROUTE_NAMESPACE, null);
        // Kubernetes 1.21+ labels every namespace with kubernetes.io/metadata.name; 1.20 does not, so do it here.
        client.namespaces()
                .withName("kube-system")
                .edit(ns -> new NamespaceBuilder(ns)
                        .editMetadata()
                        .addToLabels("kubernetes.io/metadata.name", "kube-system")
                        .endMetadata()
                        .build());
        for (String ns : List.of("apps", "relaxed", "legacy", "kube-system", RealApiServer.WSROUTE_NAMESPACE)) {
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
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void brokenWebSocketIngressIsRefusedNamingRuleAndFix() {
        Ingress broken =
                ingress("apps", "unit-timeout", Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s"));
        assertThatThrownBy(() -> client.resource(broken).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("admission webhook \"ingress.validate.wsroute.io\" denied the request")
                .hasMessageContaining("WS101")
                .hasMessageContaining("set nginx.ingress.kubernetes.io/proxy-read-timeout: \"3600\"");
        assertThat(client.network()
                        .v1()
                        .ingresses()
                        .inNamespace("apps")
                        .withName("unit-timeout")
                        .get())
                .isNull();
    }

    @Test
    void webSocketIngressIsStoredWithTheMissingAnnotations() {
        Ingress stored =
                client.resource(ingress("apps", "needs-timeouts", Map.of())).create();
        assertThat(stored.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
    }

    @Test
    void nonWebSocketIngressIsStoredUnchanged() {
        Ingress plain = ingress("apps", "plain", Map.of("team", "web"));
        plain.getSpec()
                .getRules()
                .get(0)
                .getHttp()
                .getPaths()
                .get(0)
                .getBackend()
                .getService()
                .setName("api");
        Ingress stored = client.resource(plain).create();
        assertThat(stored.getMetadata().getAnnotations()).isEqualTo(Map.of("team", "web"));
    }

    @Test
    void offNamespaceIsLeftAlone() {
        Ingress stored = client.resource(ingress(
                        "legacy", "unit-timeout", Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s")))
                .create();
        assertThat(stored.getMetadata().getAnnotations())
                .isEqualTo(Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s"));
    }

    @Test
    void warnNamespaceAdmitsAndTheClientSeesTheWarnings() throws Exception {
        String yaml = io.fabric8.kubernetes.client.utils.Serialization.asYaml(
                ingress("relaxed", "unit-timeout", Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s")));
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
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.exitValue()).as(output).isZero();
        assertThat(output).contains("Warning: WS101 error").contains("ingress.networking.k8s.io/unit-timeout created");
    }

    @Test
    void anIngressBrokenBeforeTakesLabelChangesButNoNewError() {
        namespace("brownfield", "off");
        client.services()
                .inNamespace("brownfield")
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
        Ingress old = client.resource(ingress(
                        "brownfield", "predates", Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s")))
                .create();
        namespace("brownfield", null); // now enforced; wait until wsroute's namespace cache says so
        await().atMost(java.time.Duration.ofSeconds(60))
                .untilAsserted(() -> assertThatThrownBy(() -> client.resource(ingress(
                                        "brownfield",
                                        "probe-" + System.nanoTime(),
                                        Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s")))
                                .create())
                        .isInstanceOf(KubernetesClientException.class));

        Ingress labelled = client.network()
                .v1()
                .ingresses()
                .inNamespace("brownfield")
                .withName(old.getMetadata().getName())
                .edit(i -> {
                    i.getMetadata().setLabels(Map.of("team", "chat"));
                    return i;
                });
        assertThat(labelled.getMetadata().getLabels()).containsEntry("team", "chat");

        assertThatThrownBy(() -> client.network()
                        .v1()
                        .ingresses()
                        .inNamespace("brownfield")
                        .withName(old.getMetadata().getName())
                        .edit(i -> {
                            i.getMetadata()
                                    .getAnnotations()
                                    .put("nginx.ingress.kubernetes.io/proxy-http-version", "1.0");
                            return i;
                        }))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("WS105")
                .hasMessageNotContaining("WS101 error: ");
    }

    @Test
    void acceptedWarningsAreNotSentToTheClient() throws Exception {
        String withoutAccept = kubectlCreate(
                ingress("apps", "pings-often", Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "60")));
        assertThat(withoutAccept).contains("Warning: WS103 warning");
        String accepted = kubectlCreate(ingress(
                "apps",
                "pings-often-accepted",
                Map.of(
                        "nginx.ingress.kubernetes.io/proxy-read-timeout",
                        "60",
                        "wsroute.io/accept",
                        "WS103",
                        "wsroute.io/accept-reason",
                        "clients ping every 20 s")));
        assertThat(accepted).contains("created").doesNotContain("WS103 warning");
        String error = kubectlCreateFails(ingress(
                "apps",
                "error-accepted",
                Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s", "wsroute.io/accept", "WS101")));
        assertThat(error).contains("denied the request").contains("WS101");
    }

    private static String kubectl(Ingress ingress) throws Exception {
        String yaml = io.fabric8.kubernetes.client.utils.Serialization.asYaml(ingress);
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
        return kubectl.exitValue() + "\n" + new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String kubectlCreate(Ingress ingress) throws Exception {
        String output = kubectl(ingress);
        assertThat(output).as(output).startsWith("0\n");
        return output;
    }

    private static String kubectlCreateFails(Ingress ingress) throws Exception {
        String output = kubectl(ingress);
        assertThat(output).as(output).doesNotStartWith("0\n");
        return output;
    }

    @Test
    void excludedNamespacesStayWritableWhenWsrouteIsDown() {
        // A second registration pointing at a port nothing listens on stands in for wsroute being down.
        RealApiServer.registerWebhooks(
                client, "https://127.0.0.1:1", RealApiServer.certificates.caBundleBase64, "wsroute-down");
        try {
            for (String ns : List.of("kube-system", RealApiServer.WSROUTE_NAMESPACE)) {
                Ingress stored =
                        client.resource(ingress(ns, "while-down", Map.of())).create();
                assertThat(stored.getMetadata().getAnnotations()).as(ns).isNullOrEmpty();
            }
            assertThatThrownBy(() -> client.resource(ingress("apps", "while-down", Map.of()))
                            .create())
                    .hasMessageContaining("failed calling webhook");
        } finally {
            client.admissionRegistration()
                    .v1()
                    .validatingWebhookConfigurations()
                    .withName("wsroute-down-validating")
                    .delete();
            client.admissionRegistration()
                    .v1()
                    .mutatingWebhookConfigurations()
                    .withName("wsroute-down-mutating")
                    .delete();
        }
    }

    @Test
    void switchingTheClassToTheF5ControllerKeepsWebSocketWorking() {
        java.util.concurrent.atomic.AtomicInteger attempt = new java.util.concurrent.atomic.AtomicInteger();
        // Each attempt is a fresh Ingress: an attempt that reached wsroute before its cache knew class f5 was stored
        // unmutated, and updating it again would not be a switch.
        await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            String name = "switch-" + attempt.incrementAndGet();
            client.resource(ingress(
                            "apps",
                            name,
                            Map.of(
                                    "nginx.ingress.kubernetes.io/proxy-read-timeout", "3600",
                                    "nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")))
                    .create();
            Ingress switched = client.network()
                    .v1()
                    .ingresses()
                    .inNamespace("apps")
                    .withName(name)
                    .edit(i -> {
                        i.getSpec().setIngressClassName("f5");
                        i.getMetadata().getAnnotations().remove("nginx.ingress.kubernetes.io/proxy-send-timeout");
                        return i;
                    });
            assertThat(switched.getSpec().getIngressClassName()).isEqualTo("f5");
            assertThat(switched.getMetadata().getAnnotations())
                    .containsEntry("nginx.org/websocket-services", "chat")
                    .containsEntry("nginx.org/proxy-read-timeout", "3600s")
                    .containsEntry("nginx.org/proxy-send-timeout", "3600s");
        });
    }

    private static void namespace(String name, String mode) {
        Map<String, String> labels = new java.util.HashMap<>(Map.of("kubernetes.io/metadata.name", name));
        if (mode != null) {
            labels.put("wsroute.io/admission", mode);
        }
        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(labels)
                        .endMetadata()
                        .build())
                .serverSideApply();
    }

    private static Ingress ingress(String namespace, String name, Map<String, String> annotations) {
        return ClusterSeed.webSocketIngress(namespace, name, annotations);
    }
}
