package io.wsroute.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Writes wsroute's CA bundle into the clientConfig.caBundle of its own two webhook configurations (RBAC allows
 * get and patch on those names only). A JSON patch per webhook that differs, guarded by a test of the webhook's
 * name so a concurrent change of the list cannot make it patch the wrong entry.
 */
final class WebhookCaBundles {

    private static final Logger LOG = Logger.getLogger(WebhookCaBundles.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookCaBundles() {}

    /** Returns how many webhooks were patched. */
    static int apply(KubernetesClient client, String name, String caBundleBase64) {
        var admission = client.admissionRegistration().v1();
        int patched = patch(
                admission.validatingWebhookConfigurations().withName(name),
                "ValidatingWebhookConfiguration",
                name,
                caBundleBase64,
                c -> c.getWebhooks().stream()
                        .map(w -> new Hook(w.getName(), w.getClientConfig()))
                        .toList());
        patched += patch(
                admission.mutatingWebhookConfigurations().withName(name),
                "MutatingWebhookConfiguration",
                name,
                caBundleBase64,
                c -> c.getWebhooks().stream()
                        .map(w -> new Hook(w.getName(), w.getClientConfig()))
                        .toList());
        return patched;
    }

    private record Hook(String name, WebhookClientConfig clientConfig) {}

    private static <T> int patch(
            Resource<T> resource,
            String kind,
            String name,
            String caBundle,
            java.util.function.Function<T, List<Hook>> hooks) {
        T configuration = resource.get();
        if (configuration == null) {
            LOG.warnf(
                    "%s %s not found: its caBundle cannot be set (is wsroute installed by its chart, and does "
                            + "wsroute.tls.self-managed.webhook-configuration name it?)",
                    kind, name);
            return 0;
        }
        List<Map<String, Object>> operations = new ArrayList<>();
        List<Hook> webhooks = hooks.apply(configuration);
        for (int i = 0; i < webhooks.size(); i++) {
            Hook hook = webhooks.get(i);
            if (hook.clientConfig() != null
                    && !Objects.equals(caBundle, hook.clientConfig().getCaBundle())) {
                String path = "/webhooks/" + i;
                operations.add(Map.of("op", "test", "path", path + "/name", "value", hook.name()));
                operations.add(Map.of("op", "add", "path", path + "/clientConfig/caBundle", "value", caBundle));
            }
        }
        if (operations.isEmpty()) {
            return 0;
        }
        try {
            resource.patch(PatchContext.of(PatchType.JSON), JSON.writeValueAsString(operations));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        LOG.infof("caBundle set on %d webhook(s) of %s %s", operations.size() / 2, kind, name);
        return operations.size() / 2;
    }
}
