package io.wsroute.admission;

import static io.wsroute.admission.AdmissionReviews.create;
import static io.wsroute.admission.AdmissionReviews.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatch;
import io.wsroute.config.TestConfigs;
import io.wsroute.config.WsrouteConfig;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook decisions end to end through {@link AdmissionResource}, on a fixed cluster view instead of informers. */
class IngressAdmissionTest {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final FixedClusterView cluster = new FixedClusterView()
            .withClass("nginx", "k8s.io/ingress-nginx")
            .withNamespace("apps", Map.of())
            .withNamespace("relaxed", Map.of("wsroute.io/admission", "warn"));

    @Test
    void enforceDeniesNamingRuleFieldMessageAndFix() {
        JsonNode response = validate(TestConfigs.defaults(), fixture("create-unit-timeout.json"));
        assertThat(response.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(response.path("status").path("message").asText())
                .startsWith("wsroute denied Ingress apps/chat: it would break WebSocket traffic.")
                .contains("WS101 error:")
                .contains("metadata.annotations[\"nginx.ingress.kubernetes.io/proxy-read-timeout\"]")
                .contains("Fix: set nginx.ingress.kubernetes.io/proxy-read-timeout: \"3600\"");
    }

    @Test
    void warnModeAdmitsAndMarksTheErrorsItDidNotEnforce() {
        JsonNode response = validate(
                TestConfigs.wsroute(Map.of("wsroute.admission.mode", "warn")), fixture("create-unit-timeout.json"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("status")).isFalse();
        assertThat(texts(response.path("warnings")))
                .anySatisfy(w -> assertThat(w)
                        .startsWith("WS101 error (not enforced: warn mode): ")
                        .contains("Fix: set"));
    }

    @Test
    void aWarnLabelAdmitsInAnEnforcingCluster() {
        JsonNode response = validate(
                TestConfigs.defaults(),
                create(
                        "u1",
                        "relaxed",
                        "nginx",
                        "{\"wsroute.io/websocket\":\"true\",\"nginx.ingress.kubernetes.io/proxy-read-timeout\":\"3600s\"}"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString()).contains("WS101 error (not enforced: warn mode)");
    }

    @Test
    void updateIsJudgedOnTheNewObject() {
        assertThat(validate(TestConfigs.defaults(), fixture("update-fixes-timeout.json"))
                        .path("allowed")
                        .asBoolean())
                .isTrue();
        JsonNode broken = validate(TestConfigs.defaults(), fixture("update-breaks-timeout.json"));
        assertThat(broken.path("allowed").asBoolean()).isFalse();
        assertThat(broken.path("status").path("message").asText()).contains("WS101");
    }

    /** The stored Ingress already had WS101; the update only adds a label. */
    private static String labelOnlyUpdateOfABrokenIngress(String extraAnnotation) {
        ObjectNode review = (ObjectNode) AdmissionReviews.json(fixture("update-breaks-timeout.json"));
        ObjectNode request = (ObjectNode) review.get("request");
        ObjectNode old = request.get("object").deepCopy();
        request.set("oldObject", old);
        ObjectNode object = (ObjectNode) request.get("object");
        ((ObjectNode) object.get("metadata")).putObject("labels").put("team", "chat");
        if (extraAnnotation != null) {
            ((ObjectNode) object.get("metadata").get("annotations"))
                    .put("nginx.ingress.kubernetes.io/proxy-http-version", extraAnnotation);
        }
        return review.toString();
    }

    @Test
    void anUpdateIsJudgedByTheErrorsItIntroduces() {
        JsonNode labelled = validate(TestConfigs.defaults(), labelOnlyUpdateOfABrokenIngress(null));
        assertThat(labelled.path("allowed").asBoolean()).as(labelled.toString()).isTrue();
        assertThat(texts(labelled.path("warnings")))
                .anyMatch(w ->
                        w.startsWith("WS101 error (not enforced: the Ingress already had it before this update): "));

        JsonNode worse = validate(TestConfigs.defaults(), labelOnlyUpdateOfABrokenIngress("1.0"));
        assertThat(worse.path("allowed").asBoolean()).isFalse();
        String denial = worse.path("status").path("message").asText();
        assertThat(denial).contains("WS105").doesNotContain("WS101");
        assertThat(texts(worse.path("warnings")))
                .as("the old error is still said")
                .anyMatch(w -> w.startsWith("WS101 error (not enforced: the Ingress already had it"));
    }

    @Test
    void existingViolationsDenyRestoresJudgingTheNewObjectAlone() {
        JsonNode strict = validate(
                TestConfigs.wsroute(Map.of("wsroute.admission.existing-violations", "deny")),
                labelOnlyUpdateOfABrokenIngress(null));
        assertThat(strict.path("allowed").asBoolean()).isFalse();
        assertThat(strict.path("status").path("message").asText()).contains("WS101");
    }

    @Test
    void anUnusableOldObjectMeansTheUpdateIsJudgedOnItsOwn() {
        for (String old : java.util.List.of(
                "\"not an object\"",
                "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\"}",
                "{\"apiVersion\": \"networking.k8s.io/v1\", \"kind\": \"Ingress\", \"spec\": {\"rules\": [null]}}",
                "{\"apiVersion\": \"networking.k8s.io/v1\", \"kind\": \"Ingress\", \"spec\": {\"rules\": 7}}")) {
            ObjectNode review = (ObjectNode) AdmissionReviews.json(labelOnlyUpdateOfABrokenIngress(null));
            ((ObjectNode) review.get("request")).set("oldObject", AdmissionReviews.json(old));
            JsonNode response = validate(TestConfigs.defaults(), review.toString());
            assertThat(response.path("allowed").asBoolean()).as(old).isFalse();
            assertThat(response.path("status").path("message").asText()).contains("WS101");
        }
    }

    @Test
    void anIngressBeingDeletedCanLoseItsFinalizers() {
        String body = fixture("update-finalizer-removal.json");
        assertThat(validate(TestConfigs.defaults(), body).path("allowed").asBoolean())
                .isTrue();
        assertThat(mutate(TestConfigs.defaults(), body).has("patch")).isFalse();
    }

    @Test
    void deleteIsAllowedUnchecked() {
        JsonNode response = validate(TestConfigs.defaults(), fixture("delete.json"));
        assertThat(response.path("uid").asText()).isEqualTo("e0c7c5a0-0b5e-4f0d-8a4e-6f1d3c2b1a04");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
        // Even if a client put an object into a DELETE review, nothing is evaluated.
        String withObject = fixture("delete.json")
                .replace(
                        "\"object\": null",
                        "\"object\": "
                                + AdmissionReviews.json(fixture("create-unit-timeout.json"))
                                        .path("request")
                                        .path("object"));
        assertThat(validate(TestConfigs.defaults(), withObject).path("allowed").asBoolean())
                .isTrue();
    }

    @Test
    void connectIsAllowed() {
        String body = fixture("delete.json").replace("\"DELETE\"", "\"CONNECT\"");
        assertThat(validate(TestConfigs.defaults(), body).path("allowed").asBoolean())
                .isTrue();
    }

    @Test
    void dryRunGetsTheSameAnswer() {
        JsonNode dry = validate(TestConfigs.defaults(), fixture("create-dry-run.json"));
        JsonNode wet = validate(TestConfigs.defaults(), fixture("create-unit-timeout.json"));
        assertThat(dry.path("allowed")).isEqualTo(wet.path("allowed"));
        assertThat(dry.path("status")).isEqualTo(wet.path("status"));
    }

    @Test
    void mutationAddsOnlyWhatIsMissingAndIsIdempotent() throws Exception {
        String body = create(
                "u-m",
                "apps",
                "nginx",
                "{\"wsroute.io/websocket\":\"true\"," + "\"nginx.ingress.kubernetes.io/proxy-read-timeout\":\"7200\"}");
        JsonNode response = mutate(TestConfigs.defaults(), body);
        assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
        JsonNode patch = MAPPER.readTree(
                Base64.getDecoder().decode(response.path("patch").asText()));
        JsonNode object = AdmissionReviews.json(body).path("request").path("object");
        JsonNode patched = JsonPatch.fromJson(patch).apply(object);
        JsonNode annotations = patched.path("metadata").path("annotations");
        assertThat(annotations
                        .path("nginx.ingress.kubernetes.io/proxy-read-timeout")
                        .asText())
                .isEqualTo("7200");
        assertThat(annotations
                        .path("nginx.ingress.kubernetes.io/proxy-send-timeout")
                        .asText())
                .isEqualTo("3600");
        assertThat(texts(response.path("warnings")))
                .contains("wsroute added nginx.ingress.kubernetes.io/proxy-send-timeout: \"3600\"");

        JsonNode again = mutate(TestConfigs.defaults(), body.replace(object.toString(), patched.toString()));
        assertThat(again.has("patch")).isFalse();
        assertThat(again.has("patchType")).isFalse();
    }

    @Test
    void aBugInWsrouteAdmitsWithAWarningInsteadOfFailing() {
        cluster.failure = new IllegalStateException("boom");
        Response response =
                answer(resource(TestConfigs.defaults()).validateIngress(bytes(fixture("create-unit-timeout.json"))));
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode review = (JsonNode) response.getEntity();
        assertThat(review.path("response").path("allowed").asBoolean()).isTrue();
        assertThat(review.path("response").path("warnings").toString()).contains("internal error");
        Response mutated =
                answer(resource(TestConfigs.defaults()).mutateIngress(bytes(fixture("create-unit-timeout.json"))));
        assertThat(((JsonNode) mutated.getEntity()).path("response").has("patch"))
                .isFalse();
    }

    @Test
    void theReviewIsShapedAsTheApiServerExpects() {
        Response response =
                answer(resource(TestConfigs.defaults()).validateIngress(bytes(fixture("create-unit-timeout.json"))));
        JsonNode review = (JsonNode) response.getEntity();
        assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(review.has("request")).isFalse();
        assertThat(review.path("response").path("status").path("reason").asText())
                .isEqualTo("Forbidden");
    }

    private JsonNode validate(WsrouteConfig config, String body) {
        return ((JsonNode) answer(resource(config).validateIngress(bytes(body))).getEntity()).path("response");
    }

    private JsonNode mutate(WsrouteConfig config, String body) {
        return ((JsonNode) answer(resource(config).mutateIngress(bytes(body))).getEntity()).path("response");
    }

    private AdmissionResource resource(WsrouteConfig config) {
        return AdmissionReviews.resource(cluster, config, MAPPER);
    }

    private static Response answer(java.util.concurrent.CompletionStage<Response> response) {
        return AdmissionReviews.answer(response);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
