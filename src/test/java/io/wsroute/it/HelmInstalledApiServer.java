package io.wsroute.it;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.helm.RenderedChart;
import io.wsroute.webhook.WebhookTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real kube-apiserver with wsroute installed by {@code helm install} of helm/wsroute (default values: self-managed
 * TLS, leader election, RBAC). The chart's init container step (fill the chart's empty Secret with a CA and
 * serving certificate, write the files for the HTTPS listener, patch the caBundle into the chart's webhook
 * configurations) runs as the chart's ServiceAccount, then wsroute runs in-process as that ServiceAccount
 * (impersonated), so everything happens with the chart's RBAC only.
 *
 * One test-only change: this API server has no nodes, Services or cluster DNS, so it cannot reach wsroute through
 * the chart's Service. The webhook configurations are re-pointed from that Service to wsroute's URL on 127.0.0.1
 * (their caBundle left empty, as the chart leaves it), and 127.0.0.1 is added to the certificate's names.
 */
public class HelmInstalledApiServer implements QuarkusTestResourceLifecycleManager {

    static final String NAMESPACE = RenderedChart.NAMESPACE;
    static final String RELEASE = RenderedChart.RELEASE;
    static final String SERVICE_ACCOUNT = NAMESPACE + "/" + RELEASE;

    private static KubeAPIServer server;
    static String kubeconfigYaml;
    static Release release;
    static Path certificateDir;
    static Path kubeconfig;
    static String webhookUrl;

    @Override
    public Map<String, String> start() {
        try {
            server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                    .withOfflineMode(true)
                    .withApiServerVersion(RealApiServer.KUBE_VERSION)
                    .withUpdateKubeConfig(false)
                    .build());
            server.start();
            kubeconfigYaml = server.getKubeConfigYaml();
            Path dir = Files.createTempDirectory("wsroute-helm-it");
            kubeconfig = Files.writeString(dir.resolve("kubeconfig"), kubeconfigYaml);
            certificateDir = dir.resolve("tls");
            int webhookPort = RealApiServer.freePort();
            try (KubernetesClient client = admin()) {
                // README "Kubernetes 1.20": no kubernetes.io/metadata.name labels, so the excluded namespaces are
                // labelled wsroute.io/admission=off, as the chart's notes tell users of 1.20 to do.
                for (String namespace : new String[] {"kube-system", NAMESPACE}) {
                    client.resource(new NamespaceBuilder()
                                    .withNewMetadata()
                                    .withName(namespace)
                                    .addToLabels("wsroute.io/admission", "off")
                                    .endMetadata()
                                    .build())
                            .serverSideApply();
                }
                release = new Helm(RenderedChart.CHART)
                        .install()
                        .withName(RELEASE)
                        .withNamespace(NAMESPACE)
                        .withKubeConfig(kubeconfig)
                        .call();
                webhookUrl = "https://127.0.0.1:" + webhookPort;
                pointWebhooksAt(client, webhookUrl);
            }
            Map<String, String> properties = RealApiServer.clientProperties(kubeconfigYaml);
            properties.put(ServiceAccountImpersonation.PROPERTY, SERVICE_ACCOUNT);
            properties.put("quarkus.http.test-ssl-port", Integer.toString(webhookPort));
            // The files do not exist yet: wsroute writes them from the Secret before its HTTPS listener opens.
            properties.put("wsroute.tls.cert", certificateDir.resolve("tls.crt").toString());
            properties.put("wsroute.tls.key", certificateDir.resolve("tls.key").toString());
            // What the chart's Deployment sets (WSROUTE_TLS_SELF_MANAGED_*), plus the test's address.
            properties.put("wsroute.tls.self-managed.enabled", "true");
            properties.put("wsroute.tls.self-managed.namespace", NAMESPACE);
            properties.put("wsroute.tls.self-managed.secret", RELEASE + "-webhook-tls");
            properties.put("wsroute.tls.self-managed.service", RELEASE);
            properties.put("wsroute.tls.self-managed.webhook-configuration", RELEASE);
            properties.put("wsroute.tls.self-managed.hosts", "127.0.0.1");
            // The chart's init container (java -jar ... webhook-tls), as the ServiceAccount: it fills the Secret,
            // writes the files and sets the caBundles before wsroute's HTTPS listener opens.
            try (KubernetesClient client = asServiceAccount()) {
                new WebhookTls(client, config(properties), Clock.systemUTC()).ensureWithin(Duration.ofSeconds(30));
            }
            return properties;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot install the chart into the real API server: " + e.getMessage()
                            + " (are the binaries provisioned? run hack/kube-binaries.sh)",
                    e);
        }
    }

    /** Test-only: the chart's webhooks call wsroute by URL, since this API server cannot reach a Service. */
    static void pointWebhooksAt(KubernetesClient client, String baseUrl) {
        rewriteClientConfigs(
                client,
                c -> new WebhookClientConfig(
                        c.getCaBundle(), null, baseUrl + c.getService().getPath()));
    }

    /** Back to what the chart renders (a Service), keeping the caBundle wsroute set, as in a real cluster. */
    static void pointWebhooksAtService(KubernetesClient client) {
        rewriteClientConfigs(
                client,
                c -> new WebhookClientConfig(
                        c.getCaBundle(),
                        new ServiceReference(
                                RELEASE,
                                NAMESPACE,
                                c.getUrl().substring(c.getUrl().indexOf("/admission")),
                                443),
                        null));
    }

    private static void rewriteClientConfigs(KubernetesClient client, UnaryOperator<WebhookClientConfig> rewrite) {
        var admission = client.admissionRegistration().v1();
        admission.validatingWebhookConfigurations().withName(RELEASE).edit(configuration -> {
            configuration.getWebhooks().forEach(w -> w.setClientConfig(rewrite.apply(w.getClientConfig())));
            return configuration;
        });
        admission.mutatingWebhookConfigurations().withName(RELEASE).edit(configuration -> {
            configuration.getWebhooks().forEach(w -> w.setClientConfig(rewrite.apply(w.getClientConfig())));
            return configuration;
        });
    }

    private static WsrouteConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(WsrouteConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(properties)
                .build();
        return config.getConfigMapping(WsrouteConfig.class);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static KubernetesClient admin() {
        return new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(kubeconfigYaml))
                .build();
    }

    /** A client that is the chart's ServiceAccount, for trying what it may and may not do. */
    static KubernetesClient asServiceAccount() {
        Config config = Config.fromKubeconfig(kubeconfigYaml);
        ServiceAccountImpersonation.impersonate(config, SERVICE_ACCOUNT);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
