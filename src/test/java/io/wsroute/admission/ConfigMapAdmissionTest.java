package io.wsroute.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.config.TestConfigs;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.testing.TestIngresses;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /admission/configmap/validate on a fixed cluster view. */
class ConfigMapAdmissionTest {

    private static final String CONTROLLER_NAMESPACE = "ingress-nginx";
    private static final String CONTROLLER_CONFIG_MAP = "ingress-nginx-controller";
    private static final Map<String, String> SNIPPETS_ON = Map.of(
            "allow-snippet-annotations",
            "true",
            "annotations-risk-level",
            "Critical",
            "proxy-read-timeout",
            "3600",
            "proxy-send-timeout",
            "3600");

    private final FixedClusterView cluster = new FixedClusterView()
            .withClass("nginx", "k8s.io/ingress-nginx")
            .withNamespace("apps", Map.of())
            .withNamespace(CONTROLLER_NAMESPACE, Map.of())
            .withConfigMap(ControllerFlavor.INGRESS_NGINX, SNIPPETS_ON);

    private static Ingress webSocketIngress(String name, Map<String, String> annotations) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("wsroute.io/websocket", "true"));
        all.putAll(annotations);
        return TestIngresses.toChat("apps", name, "nginx", name + ".example.com", "/ws", all);
    }

    private JsonNode validate(String namespace, String name, Map<String, String> data) {
        ObjectNode review = AdmissionReviews.MAPPER
                .createObjectNode()
                .put("apiVersion", "admission.k8s.io/v1")
                .put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request")
                .put("uid", "cm-1")
                .put("operation", "UPDATE")
                .put("namespace", namespace)
                .put("name", name);
        ObjectNode object = request.putObject("object").put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("namespace", namespace).put("name", name);
        ObjectNode dataNode = object.putObject("data");
        data.forEach(dataNode::put);
        Response response = AdmissionReviews.answer(
                AdmissionReviews.resource(cluster, TestConfigs.defaults(), AdmissionReviews.MAPPER)
                        .validateConfigMap(review.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(response.getStatus()).isEqualTo(200);
        return ((JsonNode) response.getEntity()).path("response");
    }

    @Test
    void turningSnippetsOffUnderAnIngressThatUsesOneIsDeniedNamingTheIngressAndRule() {
        cluster.ingresses.add(webSocketIngress(
                "snippety",
                Map.of("nginx.ingress.kubernetes.io/configuration-snippet", "more_set_headers \"X-Chat: 1\";\n")));
        cluster.ingresses.add(webSocketIngress("plain", Map.of()));

        JsonNode response = validate(
                CONTROLLER_NAMESPACE,
                CONTROLLER_CONFIG_MAP,
                Map.of(
                        "allow-snippet-annotations",
                        "false",
                        "proxy-read-timeout",
                        "3600",
                        "proxy-send-timeout",
                        "3600"));

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .startsWith("wsroute denied ConfigMap ingress-nginx/ingress-nginx-controller")
                .contains("WS112")
                .contains("apps/snippety")
                .doesNotContain("apps/plain");
    }

    @Test
    void inWarnModeTheSameChangeIsAllowedWithTheFindingsAsWarnings() {
        cluster.withNamespace(CONTROLLER_NAMESPACE, Map.of("wsroute.io/admission", "warn"));
        cluster.ingresses.add(webSocketIngress(
                "snippety",
                Map.of("nginx.ingress.kubernetes.io/configuration-snippet", "more_set_headers \"X-Chat: 1\";\n")));

        JsonNode response = validate(CONTROLLER_NAMESPACE, CONTROLLER_CONFIG_MAP, Map.of());

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString())
                .contains("not enforced: warn mode")
                .contains("WS112");
    }

    @Test
    void loweringTheGlobalTimeoutWarnsAboutIngressesThatRelyOnIt() {
        cluster.ingresses.add(webSocketIngress("relies", Map.of()));
        cluster.ingresses.add(webSocketIngress(
                "own-timeouts",
                Map.of(
                        "nginx.ingress.kubernetes.io/proxy-read-timeout",
                        "3600",
                        "nginx.ingress.kubernetes.io/proxy-send-timeout",
                        "3600")));

        JsonNode response = validate(
                CONTROLLER_NAMESPACE,
                CONTROLLER_CONFIG_MAP,
                Map.of(
                        "allow-snippet-annotations",
                        "true",
                        "annotations-risk-level",
                        "Critical",
                        "proxy-read-timeout",
                        "60",
                        "proxy-send-timeout",
                        "3600"));

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString())
                .contains("WS103")
                .contains("apps/relies")
                .doesNotContain("apps/own-timeouts");
    }

    @Test
    void aChangeThatBreaksNothingAndOtherConfigMapsAreAllowedSilently() {
        cluster.ingresses.add(webSocketIngress("plain", Map.of()));

        JsonNode same = validate(CONTROLLER_NAMESPACE, CONTROLLER_CONFIG_MAP, SNIPPETS_ON);
        JsonNode unrelated = validate("apps", "settings", Map.of("allow-snippet-annotations", "false"));

        assertThat(same.path("allowed").asBoolean()).isTrue();
        assertThat(same.path("warnings").isMissingNode()
                        || same.path("warnings").isEmpty())
                .isTrue();
        assertThat(unrelated.path("allowed").asBoolean()).isTrue();
        assertThat(unrelated.path("warnings").isMissingNode()
                        || unrelated.path("warnings").isEmpty())
                .isTrue();
    }

    @Test
    void anIngressSentToTheConfigMapEndpointIsABadRequest() {
        // Over HTTP the exception mapper turns this into a 400 with the reason (AdmissionResourceTest).
        assertThatThrownBy(() -> AdmissionReviews.resource(cluster, TestConfigs.defaults(), AdmissionReviews.MAPPER)
                        .validateConfigMap(AdmissionReviews.fixture("create-unit-timeout.json")
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadAdmissionRequest.class)
                .hasMessageContaining("this endpoint admits v1 ConfigMap");
    }
}
