package io.wsroute.admission;

import static io.wsroute.admission.AdmissionReviews.MAPPER;
import static io.wsroute.admission.AdmissionReviews.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatch;
import io.wsroute.config.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The moment of the switch: an UPDATE that changes an Ingress's class from ingress-nginx's to the F5 controller's
 * is mutated and judged with the stored Ingress (oldObject) in view.
 */
class ClassSwitchAdmissionTest {

    private final AdmissionResource resource = AdmissionReviews.resource(
            PropertyFixtures.cluster(), TestConfigs.wsroute(Map.of("wsroute.admission.deadline", "60s")), MAPPER);

    /** An UPDATE of apps/chat from class nginx to class f5; both objects carry {@code annotations}. */
    private static ObjectNode classSwitch(Map<String, String> annotations) {
        ObjectNode review = PropertyFixtures.review("create-unit-timeout.json");
        ObjectNode request = (ObjectNode) review.get("request");
        ObjectNode stored = (ObjectNode) request.get("object").deepCopy();
        ObjectNode storedAnnotations = ((ObjectNode) stored.get("metadata")).putObject("annotations");
        annotations.forEach(storedAnnotations::put);
        ((ObjectNode) stored.get("spec")).put("ingressClassName", "nginx");
        ObjectNode updated = stored.deepCopy();
        ((ObjectNode) updated.get("spec")).put("ingressClassName", "f5");
        request.put("operation", "UPDATE").set("oldObject", stored);
        request.set("object", updated);
        return review;
    }

    private static final Map<String, String> WEBSOCKET_ON_INGRESS_NGINX = Map.of(
            "nginx.ingress.kubernetes.io/proxy-read-timeout", "3600",
            "nginx.ingress.kubernetes.io/proxy-send-timeout", "3600",
            "nginx.ingress.kubernetes.io/configuration-snippet", "more_set_headers \"X-Frame: DENY\";");

    @Test
    void theMutatingWebhookWritesTheF5FormsAndTheSwitchedIngressIsAdmittedWithItsLosses() throws Exception {
        ObjectNode review = classSwitch(WEBSOCKET_ON_INGRESS_NGINX);

        JsonNode mutated = response(resource.mutateIngress(bytes(review)));
        JsonNode patch =
                MAPPER.readTree(Base64.getDecoder().decode(mutated.path("patch").asText()));
        JsonNode patched = JsonPatch.fromJson(patch).apply(review.at("/request/object"));

        assertThat(patched.at("/metadata/annotations"))
                .isEqualTo(MAPPER.valueToTree(Map.of(
                        "nginx.ingress.kubernetes.io/proxy-read-timeout", "3600",
                        "nginx.ingress.kubernetes.io/proxy-send-timeout", "3600",
                        "nginx.ingress.kubernetes.io/configuration-snippet", "more_set_headers \"X-Frame: DENY\";",
                        "nginx.org/websocket-services", "chat",
                        "nginx.org/proxy-read-timeout", "3600s",
                        "nginx.org/proxy-send-timeout", "3600s")));

        ((ObjectNode) review.get("request")).set("object", patched);
        JsonNode validated = response(resource.validateIngress(bytes(review)));
        assertThat(validated.path("allowed").asBoolean())
                .as(validated.toString())
                .isTrue();
        assertThat(validated.path("warnings").toString())
                .contains("moving this Ingress from ingress-nginx to the F5 NGINX Ingress Controller: no equivalent: "
                        + "nginx.ingress.kubernetes.io/configuration-snippet");
    }

    @Test
    void aNaiveSwitchWithoutTheMutatingWebhookIsRefusedNamingWebsocketServices() {
        JsonNode validated = response(resource.validateIngress(bytes(classSwitch(WEBSOCKET_ON_INGRESS_NGINX))));

        assertThat(validated.path("allowed").asBoolean()).isFalse();
        assertThat(validated.at("/status/message").asText()).contains("nginx.org/websocket-services");
    }

    @Test
    void anUpdateThatKeepsTheClassIsNotASwitch() {
        ObjectNode review = classSwitch(WEBSOCKET_ON_INGRESS_NGINX);
        ((ObjectNode) review.at("/request/object/spec")).put("ingressClassName", "nginx");

        JsonNode validated = response(resource.validateIngress(bytes(review)));

        assertThat(validated.path("warnings").toString()).doesNotContain("moving this Ingress");
    }

    private static byte[] bytes(JsonNode review) {
        return review.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode response(java.util.concurrent.CompletionStage<jakarta.ws.rs.core.Response> answer) {
        var response = answer(answer);
        assertThat(response.getStatus()).isEqualTo(200);
        return ((JsonNode) response.getEntity()).path("response");
    }
}
