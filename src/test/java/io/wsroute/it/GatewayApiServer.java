package io.wsroute.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real API server of {@link RealApiServer} with Gateway API turned on in wsroute and its webhooks registered
 * as the chart does with {@code webhooks.gatewayApi.enabled=true}. With the init argument {@code crds=true} the
 * Gateway API CRDs (standard channel: GatewayClass, Gateway, HTTPRoute, BackendTLSPolicy) and NGINX Gateway
 * Fabric's ProxySettingsPolicy CRD are installed before wsroute starts; with {@code crds=false} they are not, as in a
 * cluster without Gateway API. The CRDs are the upstream ones (src/test/resources/crds/gateway-api, written by
 * hack/gateway-api-crds.py).
 */
public class GatewayApiServer extends RealApiServer {

    private static final Path CRDS = Path.of("src/test/resources/crds/gateway-api");

    private boolean crds = true;
    private final Map<String, String> extraProperties = new java.util.HashMap<>();

    /** {@code crds}: install the CRDs or not; arguments named {@code wsroute.*} are passed on as configuration. */
    @Override
    public void init(Map<String, String> initArgs) {
        crds = !"false".equals(initArgs.get("crds"));
        initArgs.forEach((key, value) -> {
            if (key.startsWith("wsroute.")) {
                extraProperties.put(key, value);
            }
        });
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = super.start();
        try (KubernetesClient client = client()) {
            if (crds) {
                installGatewayApiCrds();
            }
            registerGatewayWebhooks(client, "https://127.0.0.1:" + webhookPort, certificates.caBundleBase64);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up Gateway API on the real API server: " + e.getMessage(), e);
        }
        properties.put("wsroute.gateway-api.enabled", "true");
        properties.putAll(extraProperties);
        return properties;
    }

    /**
     * kubectl, not the typed client: fabric8's CRD model turns the upstream schemas' {@code default: ""} into null,
     * which the API server rightly refuses.
     */
    private static void installGatewayApiCrds() throws Exception {
        run(kubectl(), "--kubeconfig", kubeconfigFile.toString(), "create", "--validate=false", "-f", CRDS.toString());
        run(
                kubectl(),
                "--kubeconfig",
                kubeconfigFile.toString(),
                "wait",
                "--for",
                "condition=established",
                "--timeout=60s",
                "-f",
                CRDS.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
    }

    /** The chart's Gateway API webhooks (templates/webhooks.yaml, webhooks.gatewayApi), with a URL for the Service. */
    static void registerGatewayWebhooks(KubernetesClient client, String baseUrl, String caBundle) {
        var namespaces = new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("kubernetes.io/metadata.name")
                .withOperator("NotIn")
                .withValues("kube-system", WSROUTE_NAMESPACE)
                .endMatchExpression()
                .build();
        RuleWithOperations routes = rule("gateway.networking.k8s.io", "httproutes");
        RuleWithOperations policies = rule("gateway.nginx.org", "proxysettingspolicies");
        HasMetadata validating = new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName("wsroute-gateway-validating")
                .endMetadata()
                .withWebhooks(
                        webhook("httproute.validate.wsroute.io", baseUrl + "/admission/httproute/validate", caBundle)
                                .withNamespaceSelector(namespaces)
                                .withRules(routes)
                                .build(),
                        webhook(
                                        "proxysettingspolicy.validate.wsroute.io",
                                        baseUrl + "/admission/proxysettingspolicy/validate",
                                        caBundle)
                                .withNamespaceSelector(namespaces)
                                .withRules(policies)
                                .build())
                .build();
        HasMetadata mutating = new MutatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName("wsroute-gateway-mutating")
                .endMetadata()
                .addNewWebhook()
                .withName("httproute.mutate.wsroute.io")
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withFailurePolicy("Fail")
                .withReinvocationPolicy("Never")
                .withTimeoutSeconds(5)
                .withNamespaceSelector(namespaces)
                .withRules(routes)
                .withNewClientConfig()
                .withUrl(baseUrl + "/admission/httproute/mutate")
                .withCaBundle(caBundle)
                .endClientConfig()
                .endWebhook()
                .build();
        client.resource(validating).serverSideApply();
        client.resource(mutating).serverSideApply();
    }

    private static ValidatingWebhookBuilder webhook(String name, String url, String caBundle) {
        return new ValidatingWebhookBuilder()
                .withName(name)
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withFailurePolicy("Fail")
                .withTimeoutSeconds(5)
                .withNewClientConfig()
                .withUrl(url)
                .withCaBundle(caBundle)
                .endClientConfig();
    }

    private static RuleWithOperations rule(String group, String resource) {
        return new RuleWithOperationsBuilder()
                .withApiGroups(group)
                .withApiVersions("*")
                .withResources(resource)
                .withOperations("CREATE", "UPDATE")
                .build();
    }
}
