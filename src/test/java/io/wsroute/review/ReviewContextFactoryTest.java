package io.wsroute.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.admission.FixedClusterView;
import io.wsroute.cluster.LiveControllers;
import io.wsroute.config.AdmissionMode;
import io.wsroute.config.TestConfigs;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.review.ReviewContextFactory.ReviewContext;
import io.wsroute.testing.TestIngresses;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the admission mode and the controller profile of one Ingress are decided, without HTTP or a cluster. */
class ReviewContextFactoryTest {

    private final FixedClusterView cluster = new FixedClusterView()
            .withClass("nginx", "k8s.io/ingress-nginx")
            .withClass("f5", "nginx.org/ingress-controller")
            .withClass("traefik", "traefik.io/ingress-controller")
            .withConfigMap(ControllerFlavor.INGRESS_NGINX, Map.of());

    @Test
    void withoutANamespaceLabelTheConfiguredModeApplies() {
        assertThat(context(TestConfigs.defaults(), "apps").mode()).isEqualTo(AdmissionMode.ENFORCE);
        assertThat(context(warn(), "apps").mode()).isEqualTo(AdmissionMode.WARN);
        cluster.withNamespace("apps", Map.of("team", "web"));
        assertThat(context(warn(), "apps").mode()).isEqualTo(AdmissionMode.WARN);
    }

    @Test
    void theNamespaceLabelOverridesTheConfiguredMode() {
        cluster.withNamespace("strict", Map.of("wsroute.io/admission", "enforce"))
                .withNamespace("relaxed", Map.of("wsroute.io/admission", "warn"));
        assertThat(context(warn(), "strict").mode()).isEqualTo(AdmissionMode.ENFORCE);
        assertThat(context(TestConfigs.defaults(), "relaxed").mode()).isEqualTo(AdmissionMode.WARN);
        assertThat(context(TestConfigs.defaults(), "relaxed").notes()).isEmpty();
    }

    @Test
    void offSkipsEverything() {
        cluster.withNamespace("legacy", Map.of("wsroute.io/admission", "off"));
        ReviewContext context = context(TestConfigs.defaults(), "legacy");
        assertThat(context.mode()).isEqualTo(AdmissionMode.OFF);
        assertThat(context.review()).isEmpty();
        assertThat(context.notes()).isEmpty();
    }

    @Test
    void anInvalidLabelFallsBackToTheConfiguredModeAndSaysWhichLabel() {
        cluster.withNamespace("typo", Map.of("wsroute.io/admission", "of"));
        ReviewContext context = context(warn(), "typo");
        assertThat(context.mode()).isEqualTo(AdmissionMode.WARN);
        assertThat(context.notes())
                .singleElement()
                .asString()
                .contains("wsroute.io/admission=of")
                .contains("using warn");
        assertThat(context.review()).isPresent();
    }

    @Test
    void theControllerConfigMapMakesTheProfile() {
        cluster.withConfigMap(ControllerFlavor.INGRESS_NGINX, Map.of("proxy-read-timeout", "3600"));
        ReviewContext context = context(TestConfigs.defaults(), "apps");
        assertThat(context.notes()).isEmpty();
        assertThat(context.review().orElseThrow().profile().proxyReadTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(context.review().orElseThrow().profile().source())
                .contains("ingress-nginx/ingress-nginx-controller");
    }

    @Test
    void aMissingConfigMapMeansDefaultsAndAWarning() {
        ReviewContext context = context(TestConfigs.defaults(), "apps", ingress("f5"));
        assertThat(context.review().orElseThrow().profile().fromDefaults()).isTrue();
        assertThat(context.notes())
                .singleElement()
                .asString()
                .contains("controller ConfigMap nginx-ingress/nginx-ingress not found; assumed nginx-inc defaults");
    }

    @Test
    void f5SnippetsFollowTheConfiguredFlag() {
        WsrouteConfig enabled = TestConfigs.wsroute(Map.of("wsroute.controllers.nginx-inc.snippets-enabled", "true"));
        assertThat(context(enabled, "apps", ingress("f5"))
                        .review()
                        .orElseThrow()
                        .profile()
                        .snippetsAllowed())
                .isTrue();
        assertThat(context(TestConfigs.defaults(), "apps", ingress("f5"))
                        .review()
                        .orElseThrow()
                        .profile()
                        .snippetsAllowed())
                .isFalse();
    }

    @Test
    void anUnknownClassIsServedByTheDefaultControllerWithAWarning() {
        WsrouteConfig f5 = TestConfigs.wsroute(Map.of("wsroute.admission.default-controller", "nginx-inc"));
        ReviewContext context = context(f5, "apps", ingress("gone"));
        assertThat(context.review().orElseThrow().profile().flavor()).isEqualTo(ControllerFlavor.NGINX_INC);
        assertThat(context.notes()).anyMatch(n -> n.contains("IngressClass gone not found; assumed nginx-inc"));
    }

    @Test
    void otherControllersAreLeftAlone() {
        assertThat(context(TestConfigs.defaults(), "apps", ingress("traefik")).review())
                .isEmpty();
    }

    @Test
    void beforeTheCachesFillTheWarningSaysSo() {
        cluster.unsynced();
        assertThat(context(TestConfigs.defaults(), "apps").notes())
                .anyMatch(n -> n.contains("cluster caches not loaded yet"));
    }

    private ReviewContext context(WsrouteConfig config, String namespace) {
        return context(config, namespace, ingress("nginx"));
    }

    private ReviewContext context(WsrouteConfig config, String namespace, Ingress ingress) {
        return new ReviewContextFactory(cluster, new LiveControllers(cluster, config), config)
                .contextFor(ingress, namespace);
    }

    private static WsrouteConfig warn() {
        return TestConfigs.wsroute(Map.of("wsroute.admission.mode", "warn"));
    }

    private static Ingress ingress(String ingressClass) {
        return TestIngresses.toChat(
                "apps", "chat", ingressClass, "chat.example.com", "/ws", Map.of("wsroute.io/websocket", "true"));
    }
}
