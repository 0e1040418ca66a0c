package io.wsroute.admission;

import static io.wsroute.admission.AdmissionReviews.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.fge.jsonpatch.JsonPatch;
import io.wsroute.config.TestConfigs;
import io.wsroute.nginx.NginxIncAnnotations;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Property-based: whatever arrives at the admission endpoints, the answer is a 400 with a one-line reason or a
 * well-formed AdmissionReview for the request's uid, whose patch applies to the object; never an exception that
 * would become a 500, never wsroute's internal-error fallback, never the deadline fallback. Bodies are random bytes,
 * random text, and the API server's own reviews with random parts replaced, removed, added or cut off.
 *
 * <p>Runs the resource the server runs, minus HTTP (AdmissionHostileHttpTest covers the transport).
 */
class AdmissionPropertiesTest {

    private final FixedClusterView cluster = PropertyFixtures.cluster();
    // A generous deadline: these properties are about answers, and a loaded CI machine must not turn a GC pause into
    // a failure (DecisionDeadlineTest covers the deadline).
    private final AdmissionResource resource = AdmissionReviews.resource(
            cluster, TestConfigs.wsroute(Map.of("wsroute.admission.deadline", "60s")), MAPPER);

    @Property
    void anyBytes(@ForAll @Size(max = 400) byte[] body) {
        answerIsWellFormed(body);
    }

    @Property
    void anyText(@ForAll @Size(max = 400) String body) {
        answerIsWellFormed(body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void reviewsWithPartsReplacedRemovedOrAdded(@ForAll("mutatedReviews") String body) {
        answerIsWellFormed(body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void reviewsCutShort(@ForAll("reviews") String body, @ForAll("fractions") double cut) {
        byte[] whole = body.getBytes(StandardCharsets.UTF_8);
        byte[] part = java.util.Arrays.copyOf(whole, (int) (whole.length * cut));
        assertThat(answerIsWellFormed(part)).as("a truncated review is a 400").isEqualTo(400);
    }

    @Property(tries = 500)
    void hostileAnnotationValues(
            @ForAll("hostileAnnotations") Map<String, String> annotations,
            @ForAll("ingressClasses") String ingressClass) {
        ObjectNode review = PropertyFixtures.review("create-unit-timeout.json");
        ObjectNode object = (ObjectNode) review.path("request").path("object");
        ((ObjectNode) object.path("spec")).put("ingressClassName", ingressClass);
        ObjectNode target = ((ObjectNode) object.path("metadata")).putObject("annotations");
        annotations.forEach(target::put);
        assertThat(answerIsWellFormed(review.toString().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(200);
    }

    /**
     * Long values of the shapes that make java.util.regex recurse once per repetition (a repeated group such as
     * {@code (\\.label)*}, {@code (\\$var)+}, {@code (1s)+}) or backtrack per split, on every annotation both
     * controllers read, on each controller's class: the answer is a verdict, never a stack overflow or a timeout.
     */
    @Example
    void longRepetitiveValuesOfEveryKnownAnnotation() {
        List<String> values = List.of(
                "1s".repeat(20_000),
                "1.5h".repeat(10_000),
                "$a".repeat(20_000),
                "${a}".repeat(10_000),
                "a.".repeat(20_000) + "-",
                "a-".repeat(20_000) + "a",
                "(".repeat(20_000),
                "(a|b)".repeat(5_000) + "*",
                "GET,".repeat(10_000) + "!",
                "\\a".repeat(20_000),
                "a".repeat(40_000) + "\"");
        List<String> failures = new ArrayList<>();
        for (String key : PropertyFixtures.ANNOTATION_KEYS) {
            String ingressClass = key.startsWith(NginxIncAnnotations.PREFIX) ? "f5" : "nginx";
            for (String value : values) {
                ObjectNode review = PropertyFixtures.review("create-unit-timeout.json");
                ObjectNode object = (ObjectNode) review.path("request").path("object");
                ((ObjectNode) object.path("spec")).put("ingressClassName", ingressClass);
                ((ObjectNode) object.path("metadata")).putObject("annotations").put(key, value);
                try {
                    assertThat(answerIsWellFormed(review.toString().getBytes(StandardCharsets.UTF_8)))
                            .isEqualTo(200);
                } catch (AssertionError e) {
                    failures.add("%s = %s... (%d characters): %s"
                            .formatted(key, value.substring(0, 12), value.length(), e.getMessage()));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Service names reach generated annotations (nginx.org/websocket-services, ssl-services) and the mutating
     * webhook sees them before the API server validates them.
     */
    @Property(tries = 500)
    void hostileServiceNames(
            @ForAll("serviceNames") List<String> names,
            @ForAll("ingressClasses") String ingressClass,
            @ForAll boolean marked) {
        ObjectNode review = PropertyFixtures.review("create-unit-timeout.json");
        ObjectNode object = (ObjectNode) review.path("request").path("object");
        ((ObjectNode) object.path("spec")).put("ingressClassName", ingressClass);
        ObjectNode annotations = ((ObjectNode) object.path("metadata")).putObject("annotations");
        if (marked) {
            annotations.put("wsroute.io/websocket", "true");
        }
        ArrayNode paths = (ArrayNode) object.at("/spec/rules/0/http/paths");
        ObjectNode template = (ObjectNode) paths.get(0);
        paths.removeAll();
        for (int i = 0; i < names.size(); i++) {
            ObjectNode path = template.deepCopy();
            path.put("path", "/p" + i);
            ((ObjectNode) path.at("/backend/service")).put("name", names.get(i));
            paths.add(path);
        }
        assertThat(answerIsWellFormed(review.toString().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(200);
    }

    @Provide
    Arbitrary<List<String>> serviceNames() {
        return Arbitraries.oneOf(Arbitraries.of("chat", "secure"), PropertyFixtures.shortHostileStrings())
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }

    /** The controller ConfigMap endpoint: hostile data, and the review around it broken at random. */
    @Property(tries = 500)
    void controllerConfigMaps(@ForAll("configMapReviews") String body) {
        assertThat(check(body.getBytes(StandardCharsets.UTF_8), resource::validateConfigMap, false))
                .isIn(200, 400);
    }

    @Provide
    Arbitrary<String> configMapReviews() {
        Arbitrary<Map<String, String>> data = Arbitraries.maps(
                        Arbitraries.of(PropertyFixtures.CONFIG_MAP_KEYS), PropertyFixtures.hostileStrings())
                .ofMaxSize(6);
        Arbitrary<Mutation> mutation = Combinators.combine(
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.of(Mutation.Op.values()),
                        jsonValues())
                .as(Mutation::new);
        return Combinators.combine(data, data, mutation.list().ofMaxSize(3)).as((now, before, mutations) -> {
            ObjectNode review = PropertyFixtures.controllerConfigMapUpdate(now, before);
            mutations.forEach(m -> m.apply(review));
            return review.toString();
        });
    }

    @Provide
    Arbitrary<String> reviews() {
        return Arbitraries.of(PropertyFixtures.FIXTURES)
                .map(f -> PropertyFixtures.review(f).toString());
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 0.999).ofScale(3);
    }

    @Provide
    Arbitrary<String> ingressClasses() {
        return Arbitraries.of("nginx", "f5", "traefik", "missing");
    }

    @Provide
    Arbitrary<Map<String, String>> hostileAnnotations() {
        return Arbitraries.maps(Arbitraries.of(PropertyFixtures.ANNOTATION_KEYS), PropertyFixtures.hostileStrings())
                .ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> mutatedReviews() {
        Arbitrary<Mutation> mutation = Combinators.combine(
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.of(Mutation.Op.values()),
                        jsonValues())
                .as(Mutation::new);
        return Combinators.combine(
                        Arbitraries.of(PropertyFixtures.FIXTURES),
                        mutation.list().ofMinSize(1).ofMaxSize(4))
                .as((name, mutations) -> {
                    ObjectNode review = PropertyFixtures.review(name);
                    mutations.forEach(m -> m.apply(review));
                    return review.toString();
                });
    }

    /** Any JSON value, leaves biased to what breaks parsers and nginx: odd numbers and hostile strings. */
    static Arbitrary<JsonNode> jsonValues() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        Arbitrary<JsonNode> leaves = Arbitraries.oneOf(
                PropertyFixtures.shortHostileStrings().map(TextNode::valueOf),
                Arbitraries.longs().map(LongNode::valueOf),
                Arbitraries.of(0.5, -1.0, 1e308, Double.MIN_VALUE).map(DoubleNode::valueOf),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance));
        Function<Arbitrary<JsonNode>, Arbitrary<JsonNode>> containers = inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(items -> {
                    ArrayNode array = json.arrayNode();
                    items.forEach(array::add);
                    return array;
                }),
                Arbitraries.maps(PropertyFixtures.shortHostileStrings(), inner)
                        .ofMaxSize(3)
                        .map(fields -> {
                            ObjectNode object = json.objectNode();
                            fields.forEach(object::set);
                            return object;
                        }));
        return Arbitraries.recursive(() -> leaves, containers, 0, 3);
    }

    /** One change at a node chosen by index among all containers of the review, and a field or element within. */
    record Mutation(int container, int child, Op op, JsonNode value) {

        enum Op {
            REPLACE,
            REMOVE,
            ADD_UNKNOWN_FIELD
        }

        void apply(ObjectNode review) {
            List<ContainerNode<?>> containers = new ArrayList<>();
            collect(review, containers);
            ContainerNode<?> node = containers.get(container % containers.size());
            if (node instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                if (op == Op.ADD_UNKNOWN_FIELD || names.isEmpty()) {
                    object.set("unknown-" + child, value);
                    return;
                }
                String name = names.get(child % names.size());
                if (op == Op.REMOVE) {
                    object.remove(name);
                } else {
                    object.set(name, value);
                }
            } else if (node instanceof ArrayNode array) {
                if (array.isEmpty() || op == Op.ADD_UNKNOWN_FIELD) {
                    array.add(value);
                } else if (op == Op.REMOVE) {
                    array.remove(child % array.size());
                } else {
                    array.set(child % array.size(), value);
                }
            }
        }

        private static void collect(JsonNode node, List<ContainerNode<?>> out) {
            if (node instanceof ContainerNode<?> container) {
                out.add(container);
                for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                    collect(it.next(), out);
                }
            }
        }
    }

    /**
     * Posts to both endpoints and checks the answer; returns its HTTP status. A {@link BadAdmissionRequest} thrown
     * before the decision is the server's 400 (its exception mapper).
     */
    private int answerIsWellFormed(byte[] body) {
        int validate = check(body, resource::validateIngress, false);
        int mutate = check(body, resource::mutateIngress, true);
        assertThat(mutate).as("both endpoints read a body alike").isEqualTo(validate);
        return validate;
    }

    private static int check(byte[] body, Function<byte[], CompletionStage<Response>> endpoint, boolean mutating) {
        Response response;
        try {
            response = CompletableFuture.supplyAsync(() -> endpoint.apply(body), AdmissionReviews.DECISIONS)
                    .thenCompose(answer -> answer)
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BadAdmissionRequest bad) {
                assertOneLine(bad.getMessage());
                return 400;
            }
            throw new AssertionError("would be a 5xx: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError("no answer within 10 s: " + e, e);
        }
        if (response.getStatus() == 400) {
            @SuppressWarnings("unchecked")
            Map<String, String> error = (Map<String, String>) response.getEntity();
            assertOneLine(error.get("error"));
            return 400;
        }
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode review = (JsonNode) response.getEntity();
        JsonNode request =
                AdmissionReviews.json(new String(body, StandardCharsets.UTF_8)).path("request");
        assertThat(response.getEntity()).as("an AdmissionReview").isInstanceOf(JsonNode.class);
        assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        JsonNode answer = review.path("response");
        assertThat(answer.path("uid").asText()).isEqualTo(request.path("uid").asText());
        assertThat(answer.path("allowed").isBoolean()).isTrue();
        if (!answer.path("allowed").asBoolean()) {
            assertThat(answer.path("status").path("code").asInt()).isEqualTo(403);
            assertThat(answer.path("status").path("message").asText()).isNotBlank();
        }
        answer.path("warnings")
                .forEach(w -> assertThat(w.asText())
                        .hasSizeLessThan(2100)
                        .doesNotContain("internal error")
                        .doesNotContain("deadline"));
        assertThat(answer.path("status").path("message").asText()).hasSizeLessThan(2100);
        if (answer.has("patch")) {
            assertThat(mutating).isTrue();
            assertThat(answer.path("patchType").asText()).isEqualTo("JSONPatch");
            try {
                JsonNode patch = MAPPER.readTree(
                        Base64.getDecoder().decode(answer.path("patch").asText()));
                JsonNode patched = JsonPatch.fromJson(patch).apply(request.path("object"));
                PropertyFixtures.onlySafeAnnotationsAdded(request.path("object"), patched);
            } catch (Exception e) {
                fail("patch does not apply to the object: " + e);
            }
        }
        return 200;
    }

    private static void assertOneLine(String message) {
        assertThat(message).isNotBlank().hasSizeLessThan(1000);
        assertThat(message.codePoints().noneMatch(Character::isISOControl))
                .as("no control characters: %s", message)
                .isTrue();
    }
}
