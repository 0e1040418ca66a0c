package io.wsroute.admission;

import static io.wsroute.admission.AdmissionReviews.MAPPER;
import static io.wsroute.admission.AdmissionReviews.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsroute.config.TestConfigs;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The short path for the route reconciler's own Ingress writes: which reviews take it, and that every other one is
 * judged in full. The Ingress in these reviews breaks WS101 (a "3600s" timeout on ingress-nginx), so the full path
 * denies it and the short path, which does not look at it, allows it: each case says which path it took.
 */
class ReconcilerWritesTest {

    private static final String SELF = AdmissionReviews.OWN_IDENTITY.username().orElseThrow();
    private static final String INGRESS = "networking.k8s.io/v1 Ingress";

    private final FixedClusterView cluster =
            new FixedClusterView().withClass("nginx", "k8s.io/ingress-nginx").withNamespace("apps", Map.of());

    @Test
    void theReconcilersOwnApplyOfAnIngressItsRouteControlsIsAllowedUnjudged() {
        String body = ownApply(review -> {});
        JsonNode validated = validate(body);
        assertThat(validated.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(validated.path("allowed").asBoolean()).isTrue();
        assertThat(validated.has("warnings")).isFalse();
        JsonNode mutated = mutate(body);
        assertThat(mutated.path("allowed").asBoolean()).isTrue();
        assertThat(mutated.has("patch")).isFalse();
        assertThat(mutated.has("patchType")).isFalse();
        assertThat(validate(ownApply(review -> request(review).put("operation", "UPDATE")))
                        .path("allowed")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void theShortPathCountsAsItsOwnVerdict() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AdmissionResource resource = AdmissionReviews.resource(cluster, TestConfigs.defaults(), MAPPER, registry);
        AdmissionReviews.answer(resource.validateIngress(bytes(ownApply(review -> {}))));
        AdmissionReviews.answer(resource.validateIngress(
                bytes(ownApply(review -> userInfo(review).put("username", "alice")))));
        assertThat(registry.get(AdmissionMetrics.REQUESTS)
                        .tags("endpoint", "ingress/validate", "verdict", AdmissionMetrics.OWN_WRITE)
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get(AdmissionMetrics.REQUESTS)
                        .tags("endpoint", "ingress/validate", "verdict", AdmissionMetrics.DENIED)
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void anIngressControllerWritingStatusDoesNotTakeTheShortPathAway() {
        String body = ownApply(review -> managedFields(review)
                .addObject()
                .put("manager", "nginx-ingress-controller")
                .put("operation", "Update")
                .putObject("fieldsV1")
                .putObject("f:status")
                .putObject("f:loadBalancer"));
        assertThat(validate(body).path("allowed").asBoolean()).isTrue();
    }

    @Test
    void anotherUsersWriteIsJudgedInFull() {
        JsonNode answer = validate(ownApply(review -> userInfo(review).put("username", "alice")));
        assertDeniedInFull(answer);
        // without timeouts the full path's mutation adds them (ingress-nginx's 60 s default is below the minimum)
        Consumer<ObjectNode> noTimeouts =
                review -> metadata(review).putObject("annotations").put("wsroute.io/websocket", "true");
        assertThat(mutate(ownApply(noTimeouts.andThen(review -> userInfo(review).put("username", "alice"))))
                        .path("patch")
                        .asText())
                .isNotEmpty();
        assertThat(mutate(ownApply(noTimeouts)).has("patch")).isFalse();
    }

    @Test
    void aUsersUpdateOfAnOwnedIngressIsJudgedInFull() {
        String body = ownApply(review -> {
            request(review).put("operation", "UPDATE");
            userInfo(review).put("username", "system:serviceaccount:apps:deployer");
            managedFields(review)
                    .addObject()
                    .put("manager", "kubectl-edit")
                    .put("operation", "Update")
                    .putObject("fieldsV1")
                    .putObject("f:metadata")
                    .putObject("f:annotations");
        });
        assertDeniedInFull(validate(body));
    }

    @Test
    void theSameUserWritingAnIngressNoRouteControlsIsJudgedInFull() {
        assertDeniedInFull(validate(ownApply(review -> metadata(review).remove("ownerReferences"))));
        // an owner reference to a route that does not claim control
        assertDeniedInFull(validate(ownApply(review -> ownerReference(review).put("controller", false))));
    }

    @Test
    void anIngressControlledByAnotherKindIsJudgedInFull() {
        assertDeniedInFull(validate(ownApply(
                review -> ownerReference(review).put("apiVersion", "apps/v1").put("kind", "Deployment"))));
        assertDeniedInFull(validate(ownApply(review -> ownerReference(review).put("apiVersion", "example.com/v1"))));
    }

    @Test
    void aDryRunIsJudgedInFull() {
        assertDeniedInFull(validate(ownApply(review -> request(review).put("dryRun", true))));
    }

    @Test
    void fieldsOfAnotherManagerOrOfAnotherOperationAreJudgedInFull() {
        // a user's annotation on the owned Ingress, written with wsroute's manager name but not by an apply
        assertDeniedInFull(validate(ownApply(review -> managedFields(review)
                .addObject()
                .put("manager", "wsroute")
                .put("operation", "Update")
                .putObject("fieldsV1")
                .putObject("f:metadata"))));
        assertDeniedInFull(validate(ownApply(review -> managedFields(review)
                .addObject()
                .put("manager", "helm")
                .put("operation", "Apply")
                .putObject("fieldsV1")
                .<ObjectNode>set("f:spec", MAPPER.createObjectNode())
                .putObject("f:status"))));
        // no managedFields at all: nothing says whose the fields are
        assertDeniedInFull(validate(ownApply(review -> metadata(review).remove("managedFields"))));
    }

    @Test
    void withoutAnIdentityEveryReviewIsJudgedInFull() {
        AdmissionResource unknown = AdmissionReviews.resource(
                cluster,
                TestConfigs.defaults(),
                MAPPER,
                new ReconcilerWrites(() -> new OwnIdentity(Optional.empty(), "unknown")));
        assertDeniedInFull(entity(AdmissionReviews.answer(unknown.validateIngress(bytes(ownApply(review -> {})))))
                .path("response"));
    }

    @Test
    void bodiesTheFullPathRefusesAreStillRefused() {
        String own = ownApply(review -> {});
        // trailing content: the full path reads the first value, so the review is judged, not waved through
        assertDeniedInFull(validate(own + " {}"));
        String wrongReview = ownApply(review -> review.put("apiVersion", "admission.k8s.io/v1beta1"));
        // the server maps BadAdmissionRequest to 400 (AdmissionResource.badRequest)
        assertThatThrownBy(() -> resource().validateIngress(bytes(wrongReview)))
                .isInstanceOf(BadAdmissionRequest.class)
                .hasMessageContaining("admission.k8s.io/v1beta1");
        byte[] invalidUtf8 = bytes(own);
        invalidUtf8[own.indexOf("\"chat\"") + 1] = (byte) 0xC0; // an overlong encoding's first byte
        assertThatThrownBy(() -> resource().mutateIngress(invalidUtf8))
                .isInstanceOf(BadAdmissionRequest.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void factsOfAFieldOfAnUnexpectedTypeAreNotRead() {
        JsonFactory json = new JsonFactory();
        assertThat(OwnWriteFacts.read(
                        json, SELF, bytes(ownApply(review -> request(review).put("dryRun", "false")))))
                .isEmpty();
        assertThat(OwnWriteFacts.read(
                        json, SELF, bytes(ownApply(review -> userInfo(review).put("username", 7)))))
                .isEmpty();
        String own = ownApply(review -> {});
        assertThat(OwnWriteFacts.read(json, SELF, bytes(own.substring(0, own.length() / 2))))
                .isEmpty();
        // another user's review is not read past its username
        assertThat(OwnWriteFacts.read(json, "system:serviceaccount:other:wsroute", bytes(own)))
                .isEmpty();
        OwnWriteFacts facts = OwnWriteFacts.read(json, SELF, bytes(own)).orElseThrow();
        assertThat(facts.username()).isEqualTo(SELF);
        assertThat(facts.routeController()).isTrue();
        assertThat(facts.fieldOwners()).containsExactly(new OwnWriteFacts.FieldOwner("wsroute", "Apply", false));
        assertThat(ReconcilerWrites.isOwnWrite(facts, SELF, INGRESS)).isTrue();
        assertThat(ReconcilerWrites.isOwnWrite(facts, "system:serviceaccount:other:wsroute", INGRESS))
                .isFalse();
        assertThat(ReconcilerWrites.isOwnWrite(facts, SELF, "gateway.networking.k8s.io/v1 HTTPRoute"))
                .isFalse();
    }

    @Test
    void theAnswerEchoesAnyUidAsValidJson() throws IOException {
        JsonNode answer = MAPPER.readTree(ReconcilerWrites.allowed("a\"b\\c\n\u00e9"));
        assertThat(answer.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(answer.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(answer.path("response").path("uid").asText()).isEqualTo("a\"b\\c\n\u00e9");
        assertThat(answer.path("response").path("allowed").asBoolean()).isTrue();
        assertThat(answer.path("response").size()).isEqualTo(2);
    }

    private static void assertDeniedInFull(JsonNode response) {
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText()).contains("WS101 error:");
    }

    /**
     * wsroute's server-side apply of a route's Ingress as the API server reviews it: wsroute's user, a controller
     * owner reference to a WebSocketRoute, managedFields with wsroute's Apply entry alone; then {@code change}.
     */
    static String ownApply(Consumer<ObjectNode> change) {
        try {
            ObjectNode review = (ObjectNode) MAPPER.readTree(fixture("create-unit-timeout.json"));
            userInfo(review).put("username", SELF);
            ObjectNode metadata = metadata(review);
            metadata.putArray("ownerReferences")
                    .addObject()
                    .put("apiVersion", "wsroute.io/v1alpha1")
                    .put("kind", "WebSocketRoute")
                    .put("name", "chat")
                    .put("uid", "0b5c5a4e-1111-4c8e-9d2a-3e0f6a1b2c3d")
                    .put("controller", true)
                    .put("blockOwnerDeletion", true);
            ObjectNode applied = metadata.putArray("managedFields")
                    .addObject()
                    .put("manager", "wsroute")
                    .put("operation", "Apply")
                    .put("apiVersion", "networking.k8s.io/v1")
                    .put("fieldsType", "FieldsV1");
            applied.putObject("fieldsV1").putObject("f:metadata").putObject("f:annotations");
            ((ObjectNode) applied.get("fieldsV1")).putObject("f:spec");
            change.accept(review);
            return review.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode request(ObjectNode review) {
        return (ObjectNode) review.get("request");
    }

    private static ObjectNode userInfo(ObjectNode review) {
        return (ObjectNode) request(review).get("userInfo");
    }

    private static ObjectNode metadata(ObjectNode review) {
        return (ObjectNode) request(review).get("object").get("metadata");
    }

    private static ArrayNode managedFields(ObjectNode review) {
        return (ArrayNode) metadata(review).get("managedFields");
    }

    private static ObjectNode ownerReference(ObjectNode review) {
        return (ObjectNode) metadata(review).get("ownerReferences").get(0);
    }

    private JsonNode validate(String body) {
        return entity(AdmissionReviews.answer(resource().validateIngress(bytes(body))))
                .path("response");
    }

    private JsonNode mutate(String body) {
        return entity(AdmissionReviews.answer(resource().mutateIngress(bytes(body))))
                .path("response");
    }

    private AdmissionResource resource() {
        return AdmissionReviews.resource(cluster, TestConfigs.defaults(), MAPPER);
    }

    /** The review an answer carries: a tree on the full path, bytes written ahead on the short path. */
    static JsonNode entity(Response response) {
        assertThat(response.getStatus()).isEqualTo(200);
        Object entity = response.getEntity();
        try {
            return entity instanceof byte[] written ? MAPPER.readTree(written) : (JsonNode) entity;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
