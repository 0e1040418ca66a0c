package io.wsroute.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.wsroute.admission.FixedClusterView;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The live controller profile: parsed from the ConfigMap once per resourceVersion, not on every admission. */
class LiveControllersTest {

    private ConfigMap current;

    private final FixedClusterView cluster = new FixedClusterView() {
        @Override
        public Optional<ConfigMap> controllerConfigMap(ControllerFlavor flavor) {
            return flavor == ControllerFlavor.INGRESS_NGINX ? Optional.ofNullable(current) : Optional.empty();
        }
    };

    private final LiveControllers controllers = new LiveControllers(
            cluster,
            new SmallRyeConfigBuilder()
                    .withMapping(WsrouteConfig.class)
                    .withConverter(Duration.class, 100, new DurationConverter())
                    .build()
                    .getConfigMapping(WsrouteConfig.class));

    private static ConfigMap configMap(String uid, String resourceVersion, String readTimeout) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace("ingress-nginx")
                .withName("ingress-nginx-controller")
                .withUid(uid)
                .withResourceVersion(resourceVersion)
                .endMetadata()
                .addToData("proxy-read-timeout", readTimeout)
                .build();
    }

    private ControllerProfile profile() {
        List<String> notes = new ArrayList<>();
        ControllerProfile profile = controllers.profile(ControllerFlavor.INGRESS_NGINX, notes);
        assertThat(notes).isEmpty();
        return profile;
    }

    @Test
    void theSameResourceVersionIsParsedOnceAndANewOneAgain() {
        current = configMap("uid-1", "100", "3600");
        ControllerProfile first = profile();
        assertThat(first.proxyReadTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(profile())
                .as("same resourceVersion: the profile already parsed")
                .isSameAs(first);

        current = configMap("uid-1", "101", "120");
        ControllerProfile changed = profile();
        assertThat(changed).isNotSameAs(first);
        assertThat(changed.proxyReadTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(profile()).isSameAs(changed);
    }

    @Test
    void aConfigMapRecreatedWithAnEqualResourceVersionIsParsedAgain() {
        current = configMap("uid-1", "100", "3600");
        ControllerProfile first = profile();
        current = configMap("uid-2", "100", "120");
        assertThat(profile().proxyReadTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(first.proxyReadTimeout()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void withoutAResourceVersionEveryCallParses() {
        current = configMap("uid-1", null, "3600");
        ControllerProfile first = profile();
        ControllerProfile second = profile();
        assertThat(second).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void aMissingConfigMapStillGivesTheDefaultsWithANote() {
        current = null;
        List<String> notes = new ArrayList<>();
        ControllerProfile profile = controllers.profile(ControllerFlavor.INGRESS_NGINX, notes);
        assertThat(profile.fromDefaults()).isTrue();
        assertThat(notes).singleElement().asString().contains("not found; assumed ingress-nginx defaults");
    }
}
