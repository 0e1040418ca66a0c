package io.wsroute.it;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes in-process wsroute act as a ServiceAccount ("namespace/name" in it.impersonate.service-account, which only
 * {@link HelmInstalledApiServer} sets): every API request carries Impersonate-User and Impersonate-Group, so the API
 * server authorizes it with exactly the RBAC the chart grants that ServiceAccount. A no-op for every other test.
 */
@Singleton
public class ServiceAccountImpersonation implements KubernetesConfigCustomizer {

    static final String PROPERTY = "it.impersonate.service-account";

    @Override
    public void customize(Config config) {
        ConfigProvider.getConfig()
                .getOptionalValue(PROPERTY, String.class)
                .ifPresent(account -> impersonate(config, account));
    }

    static void impersonate(Config config, String namespaceAndName) {
        String[] parts = namespaceAndName.split("/", 2);
        config.setImpersonateUsername("system:serviceaccount:" + parts[0] + ":" + parts[1]);
        config.setImpersonateGroups(
                "system:serviceaccounts", "system:serviceaccounts:" + parts[0], "system:authenticated");
    }
}
