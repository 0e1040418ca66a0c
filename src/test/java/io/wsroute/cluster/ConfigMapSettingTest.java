package io.wsroute.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.wsroute.cluster.InformerClusterView.NamespacedName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The controllers' ConfigMap settings are checked on the start-up thread, before the caches are built on their own:
 * a bad value still stops the start with a message naming the setting.
 */
class ConfigMapSettingTest {

    private static final String KEY = "wsroute.controllers.ingress-nginx.config-map";

    @Test
    void namespaceSlashName() {
        assertThat(NamespacedName.parse(KEY, "ingress-nginx/ingress-nginx-controller"))
                .isEqualTo(new NamespacedName("ingress-nginx", "ingress-nginx-controller"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "controller", "/controller", "ingress-nginx/", "a/b/c", " /b"})
    void anythingElseIsRefusedWithTheSettingNamed(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NamespacedName.parse(KEY, value))
                .withMessage("%s must be namespace/name, got \"%s\"", KEY, value);
    }
}
