package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an {@code admission.k8s.io/v1} AdmissionReview request wsroute uses, checked on the way in.
 *
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param kind the object's kind ({@code Ingress}); for DELETE and CONNECT the kind the request names
 * @param object the object as it would be stored; null for DELETE and CONNECT, which wsroute always allows
 * @param dryRun the API server will not persist the object; wsroute has no side effects, so only the log says so
 * @param oldObject on UPDATE, the object as stored before the change (what an update is judged against); null
 *        otherwise, and when it is not an object of the endpoint's kind (then the update is judged on its own)
 */
public record AdmissionRequest(
        String uid,
        String operation,
        String namespace,
        String name,
        String kind,
        JsonNode object,
        boolean dryRun,
        JsonNode oldObject) {

    static final String API_VERSION = "admission.k8s.io/v1";
    static final String KIND = "AdmissionReview";
    private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");

    /**
     * Parses and checks a request body; every problem becomes a {@link BadAdmissionRequest} with the reason.
     *
     * @param expectedApiVersion apiVersion the object must have, e.g. {@code networking.k8s.io/v1}: the webhook
     *        configuration asks for that version (matchPolicy Equivalent converts others to it)
     * @param expectedKind kind the object must have, e.g. {@code Ingress}
     */
    static AdmissionRequest parse(ObjectMapper mapper, byte[] body, String expectedApiVersion, String expectedKind) {
        if (body == null || isBlank(body)) {
            throw new BadAdmissionRequest("empty body: expected an AdmissionReview");
        }
        JsonNode review;
        try {
            int invalid = StrictUtf8.firstInvalid(body);
            if (invalid >= 0) {
                throw new BadAdmissionRequest("body is not UTF-8 JSON: invalid byte sequence at offset " + invalid
                        + " (the API server sends UTF-8 JSON, without byte order mark)");
            }
            // Jackson's stream constraints bound nesting depth (1000), string and number lengths, so no body can
            // exhaust the stack.
            review = mapper.readTree(body);
        } catch (BadAdmissionRequest e) {
            throw e;
        } catch (Exception e) {
            throw new BadAdmissionRequest("body is not valid JSON: " + Shown.of(firstLine(e.getMessage()), 300));
        }
        if (review == null || !review.isObject()) {
            throw new BadAdmissionRequest("body is not a JSON object: expected an AdmissionReview");
        }
        if (!API_VERSION.equals(review.path("apiVersion").asText())
                || !KIND.equals(review.path("kind").asText())) {
            throw new BadAdmissionRequest("expected apiVersion %s kind %s, got apiVersion %s kind %s"
                    .formatted(API_VERSION, KIND, Shown.field(review, "apiVersion"), Shown.field(review, "kind")));
        }
        JsonNode request = review.path("request");
        if (!request.isObject()) {
            throw new BadAdmissionRequest("AdmissionReview has no request");
        }
        String uid = text(request, "uid");
        if (uid == null || uid.isBlank()) {
            throw new BadAdmissionRequest("request.uid is missing");
        }
        String operation = text(request, "operation");
        if (operation == null) {
            throw new BadAdmissionRequest("request.operation is missing");
        }
        if (!OPERATIONS.contains(operation)) {
            throw new BadAdmissionRequest("request.operation %s is not one of %s"
                    .formatted(Shown.of(operation), "CREATE, UPDATE, DELETE, CONNECT"));
        }
        boolean dryRun = request.path("dryRun").asBoolean(false);
        if (!operation.equals("CREATE") && !operation.equals("UPDATE")) {
            // DELETE carries oldObject only, CONNECT an options object: neither has anything to check.
            return new AdmissionRequest(
                    uid,
                    operation,
                    text(request, "namespace"),
                    text(request, "name"),
                    request.path("kind").path("kind").asText(null),
                    null,
                    dryRun,
                    null);
        }
        JsonNode object = request.path("object");
        if (!object.isObject()) {
            throw new BadAdmissionRequest("request.object is missing for operation " + operation);
        }
        String kind = object.path("kind").asText(null);
        String apiVersion = object.path("apiVersion").asText(null);
        if (!expectedKind.equals(kind)) {
            throw new BadAdmissionRequest("request.object is a %s, this endpoint admits %s %s"
                    .formatted(
                            kind == null ? "object without kind" : Shown.of(kind), expectedApiVersion, expectedKind));
        }
        if (!expectedApiVersion.equals(apiVersion)) {
            throw new BadAdmissionRequest(
                    "request.object has apiVersion %s, this endpoint admits %s %s (register the webhook for %s)"
                            .formatted(Shown.of(apiVersion), expectedApiVersion, expectedKind, expectedApiVersion));
        }
        JsonNode old = request.path("oldObject");
        boolean oldUsable = operation.equals("UPDATE")
                && old.isObject()
                && expectedKind.equals(old.path("kind").asText(null))
                && expectedApiVersion.equals(old.path("apiVersion").asText(null));
        return new AdmissionRequest(
                uid,
                operation,
                text(request, "namespace"),
                text(request, "name"),
                kind,
                object,
                dryRun,
                oldUsable ? old : null);
    }

    /** The object bound to {@code type}; one that does not bind is a bad request that says why (shortened). */
    <T> T objectAs(ObjectMapper mapper, Class<T> type) {
        try {
            return mapper.treeToValue(asDecoded(object), type);
        } catch (Exception e) {
            String reason = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new BadAdmissionRequest(
                    "request.object is not a valid %s: %s".formatted(type.getSimpleName(), Shown.of(reason, 300)));
        }
    }

    /** The stored object before an UPDATE, bound to {@code type}; empty when there is none or it does not bind. */
    <T> java.util.Optional<T> oldObjectAs(ObjectMapper mapper, Class<T> type) {
        if (oldObject == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(mapper.treeToValue(asDecoded(oldObject), type));
        } catch (Exception e) {
            return java.util.Optional.empty(); // the new object is still judged on its own
        }
    }

    /**
     * The object with null values of its string maps (annotations, labels, ConfigMap data) read as "", as the API
     * server's decoder stores them; the API server never sends such a null, but a null must not reach the rules.
     */
    private static JsonNode asDecoded(JsonNode object) {
        JsonNode copy = object.deepCopy();
        for (JsonNode map : List.of(
                copy.path("metadata").path("annotations"), copy.path("metadata").path("labels"), copy.path("data"))) {
            if (map instanceof ObjectNode fields) {
                fields.properties().stream()
                        .filter(field -> field.getValue().isNull())
                        .map(Map.Entry::getKey)
                        .toList()
                        .forEach(key -> fields.put(key, ""));
            }
        }
        return copy;
    }

    /** True for CREATE and UPDATE, the operations with an object to check. */
    boolean hasObject() {
        return object != null;
    }

    /**
     * namespace/name for logs and messages; the name may be a generateName prefix on CREATE. Anyone who reaches the
     * port can send any name, so it is shortened and stripped of control characters (no forged log lines).
     */
    String displayName() {
        return Shown.of(rawDisplayName());
    }

    private String rawDisplayName() {
        String shown = name;
        if (shown == null && object != null) {
            JsonNode meta = object.path("metadata");
            shown = meta.path("name").asText(null);
            if (shown == null) {
                shown = meta.path("generateName").asText("") + "*";
            }
        }
        return (namespace == null ? "" : namespace + "/") + (shown == null ? "?" : shown);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
