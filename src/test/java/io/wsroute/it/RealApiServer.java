package io.wsroute.it;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a real kube-apiserver and etcd (fabric8 kube-api-test, offline, binaries from hack/kube-binaries.sh),
 * points wsroute's client at it, serves wsroute's webhooks over HTTPS on 127.0.0.1 with a test CA, and registers
 * them in the API server with clientConfig.url, as a cluster would with a Service.
 */
public class RealApiServer implements QuarkusTestResourceLifecycleManager {

    /** wsroute's own namespace, which the webhooks must never cover. */
    static final String WSROUTE_NAMESPACE = "wsroute-system";

    public static final String KUBE_VERSION = "1.20.2";

    private static KubeAPIServer server;
    static String kubeconfigYaml;
    static Path kubeconfigFile;
    static int webhookPort;
    static TestCertificates certificates;

    @Override
    public Map<String, String> start() {
        try {
            server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                    .withOfflineMode(true)
                    .withApiServerVersion(KUBE_VERSION)
                    .withUpdateKubeConfig(false)
                    .build());
            server.start();
            kubeconfigYaml = server.getKubeConfigYaml();
            Path dir = Files.createTempDirectory("wsroute-it");
            kubeconfigFile = Files.writeString(dir.resolve("kubeconfig"), kubeconfigYaml);
            certificates = TestCertificates.create(dir);
            webhookPort = freePort();
            try (KubernetesClient client = client()) {
                installCrd(client);
                registerWebhooks(client, "https://127.0.0.1:" + webhookPort, certificates.caBundleBase64, "wsroute");
            }
            Map<String, String> properties = clientProperties(kubeconfigYaml);
            properties.put("quarkus.http.test-ssl-port", Integer.toString(webhookPort));
            properties.put("wsroute.tls.cert", certificates.certFile.toString());
            properties.put("wsroute.tls.key", certificates.keyFile.toString());
            return properties;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot start the real API server tier: " + e.getMessage()
                            + " (are the binaries provisioned? run hack/kube-binaries.sh)",
                    e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The committed CRDs (crds/: routes and audit reports), as the chart installs them, established before wsroute starts. */
    public static void installCrd(KubernetesClient client) throws Exception {
        for (String file : List.of("websocketroutes.wsroute.io-v1.yml", "websocketauditreports.wsroute.io-v1.yml")) {
            try (var in = Files.newInputStream(Path.of("crds", file))) {
                var crd = client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .load(in)
                        .item();
                applyEstablished(client, crd);
            }
        }
    }

    /** Applies a CRD and waits until the API server serves it (Established). */
    public static void applyEstablished(
            KubernetesClient client, io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition crd) {
        client.resource(crd).serverSideApply();
        client.resource(crd)
                .waitUntilCondition(
                        c -> c.getStatus() != null
                                && c.getStatus().getConditions() != null
                                && c.getStatus().getConditions().stream()
                                        .anyMatch(cond -> "Established".equals(cond.getType())
                                                && "True".equals(cond.getStatus())),
                        30,
                        java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The kubectl that hack/kube-binaries.sh provisions beside the API server. */
    static String kubectl() {
        return Path.of(System.getProperty("user.home"), ".kubeapitest", "k8s", KUBE_VERSION + "-linux-amd64", "kubectl")
                .toString();
    }

    static KubernetesClient client() {
        return new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(kubeconfigYaml))
                .build();
    }

    /**
     * The webhook configurations the chart installs, with a URL instead of a Service: namespaces kube-system and
     * wsroute's own are always excluded, so the cluster stays usable when wsroute is down.
     */
    public static void registerWebhooks(KubernetesClient client, String baseUrl, String caBundle, String name) {
        registerWebhooks(client, baseUrl, caBundle, name, "Fail", 5);
    }

    /** As above, with the API server's failurePolicy and timeoutSeconds chosen. */
    static void registerWebhooks(
            KubernetesClient client,
            String baseUrl,
            String caBundle,
            String name,
            String failurePolicy,
            int timeoutSeconds) {
        LabelSelector namespaces = new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("kubernetes.io/metadata.name")
                .withOperator("NotIn")
                .withValues("kube-system", WSROUTE_NAMESPACE)
                .endMatchExpression()
                .build();
        RuleWithOperations ingresses = new RuleWithOperationsBuilder()
                .withApiGroups("networking.k8s.io")
                .withApiVersions("v1")
                .withResources("ingresses")
                .withOperations("CREATE", "UPDATE")
                .build();
        ValidatingWebhookConfiguration validating = new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(name + "-validating")
                .endMetadata()
                .addNewWebhook()
                .withName("ingress.validate.wsroute.io")
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withFailurePolicy(failurePolicy)
                .withTimeoutSeconds(timeoutSeconds)
                .withNamespaceSelector(namespaces)
                .withRules(ingresses)
                .withNewClientConfig()
                .withUrl(baseUrl + "/admission/ingress/validate")
                .withCaBundle(caBundle)
                .endClientConfig()
                .endWebhook()
                .build();
        MutatingWebhookConfiguration mutating = new MutatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(name + "-mutating")
                .endMetadata()
                .addNewWebhook()
                .withName("ingress.mutate.wsroute.io")
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withFailurePolicy(failurePolicy)
                .withReinvocationPolicy("IfNeeded")
                .withTimeoutSeconds(timeoutSeconds)
                .withNamespaceSelector(namespaces)
                .withRules(ingresses)
                .withNewClientConfig()
                .withUrl(baseUrl + "/admission/ingress/mutate")
                .withCaBundle(caBundle)
                .endClientConfig()
                .endWebhook()
                .build();
        client.resource(validating).serverSideApply();
        client.resource(mutating).serverSideApply();
    }

    /** wsroute's Kubernetes client settings for the API server a kubeconfig describes. */
    public static Map<String, String> clientProperties(String kubeconfigYaml) {
        Config config = Config.fromKubeconfig(kubeconfigYaml);
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.kubernetes-client.api-server-url", config.getMasterUrl());
        // kube-api-test writes either inline data or file paths into its kubeconfig; pass on whichever is set.
        putIfSet(properties, "quarkus.kubernetes-client.ca-cert-data", config.getCaCertData());
        putIfSet(properties, "quarkus.kubernetes-client.ca-cert-file", config.getCaCertFile());
        putIfSet(properties, "quarkus.kubernetes-client.client-cert-data", config.getClientCertData());
        putIfSet(properties, "quarkus.kubernetes-client.client-cert-file", config.getClientCertFile());
        putIfSet(properties, "quarkus.kubernetes-client.client-key-data", config.getClientKeyData());
        putIfSet(properties, "quarkus.kubernetes-client.client-key-file", config.getClientKeyFile());
        putIfSet(properties, "quarkus.kubernetes-client.client-key-algo", config.getClientKeyAlgo());
        return properties;
    }

    private static void putIfSet(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
