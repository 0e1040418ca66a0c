package io.wsroute.admission;

import static io.wsroute.admission.AdmissionReviews.MAPPER;
import static io.wsroute.admission.AdmissionReviews.answer;
import static io.wsroute.admission.AdmissionReviews.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsroute.config.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A null annotation value (YAML {@code key:} with nothing after it) is decoded by the API server as "", so wsroute
 * judges it as "". It once reached the ingress-nginx annotation table as a Java null and became the internal-error
 * fallback (found by AdmissionPropertiesTest).
 */
class NullStringValuesTest {

    private final AdmissionResource resource = AdmissionReviews.resource(
            PropertyFixtures.cluster(), TestConfigs.wsroute(Map.of("wsroute.admission.deadline", "60s")), MAPPER);

    @Test
    void aNullAnnotationIsJudgedAsAnEmptyOne() {
        String withNull = create(
                "u1",
                "apps",
                "nginx",
                "{\"wsroute.io/websocket\":\"true\",\"nginx.ingress.kubernetes.io/proxy-read-timeout\":null}");
        String withEmpty = create(
                "u1",
                "apps",
                "nginx",
                "{\"wsroute.io/websocket\":\"true\",\"nginx.ingress.kubernetes.io/proxy-read-timeout\":\"\"}");

        JsonNode nullAnswer = validate(withNull);

        assertThat(nullAnswer.path("warnings").toString()).doesNotContain("internal error");
        assertThat(nullAnswer).isEqualTo(validate(withEmpty));
        assertThat(nullAnswer.path("allowed").asBoolean()).isFalse();
    }

    @Test
    void aNullLabelOrOldObjectAnnotationDoesNotBreakAnUpdate() {
        JsonNode review = AdmissionReviews.json(create("u2", "apps", "nginx", "{\"wsroute.io/websocket\":null}"));
        var request = (com.fasterxml.jackson.databind.node.ObjectNode) review.path("request");
        ((com.fasterxml.jackson.databind.node.ObjectNode) request.path("object").path("metadata"))
                .putObject("labels")
                .putNull("team");
        request.put("operation", "UPDATE")
                .set("oldObject", request.path("object").deepCopy());

        JsonNode answer = validate(review.toString());

        assertThat(answer.path("allowed").isBoolean()).isTrue();
        assertThat(answer.path("warnings").toString()).doesNotContain("internal error");
    }

    private JsonNode validate(String body) {
        var response = answer(resource.validateIngress(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.getStatus()).isEqualTo(200);
        return ((JsonNode) response.getEntity()).path("response");
    }
}
