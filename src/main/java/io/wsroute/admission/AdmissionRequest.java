package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The parts of an {@code admission.k8s.io/v1} AdmissionReview request wsroute uses, checked on the way in.
 *
 * @param object the object as it would be stored; null for DELETE and CONNECT
 */
public record AdmissionRequest(String uid, String operation, String namespace, String name, String kind,
        JsonNode object) {

    static final String API_VERSION = "admission.k8s.io/v1";
    static final String KIND = "AdmissionReview";

    /** Parses and checks a request body; every problem becomes a {@link BadAdmissionRequest} with the reason. */
    static AdmissionRequest parse(ObjectMapper mapper, String body, String expectedKind) {
        if (body == null || body.isBlank()) {
            throw new BadAdmissionRequest("empty body: expected an AdmissionReview");
        }
        JsonNode review;
        try {
            review = mapper.readTree(body);
        } catch (Exception e) {
            throw new BadAdmissionRequest("body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (review == null || !review.isObject()) {
            throw new BadAdmissionRequest("body is not a JSON object: expected an AdmissionReview");
        }
        if (!API_VERSION.equals(review.path("apiVersion").asText()) || !KIND.equals(review.path("kind").asText())) {
            throw new BadAdmissionRequest("expected apiVersion %s kind %s, got apiVersion %s kind %s".formatted(
                    API_VERSION, KIND, review.path("apiVersion").asText("(none)"), review.path("kind").asText("(none)")));
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
        JsonNode object = request.path("object");
        boolean needsObject = operation.equals("CREATE") || operation.equals("UPDATE");
        if (needsObject && !object.isObject()) {
            throw new BadAdmissionRequest("request.object is missing for operation " + operation);
        }
        String kind = needsObject ? object.path("kind").asText(null) : request.path("kind").path("kind").asText(null);
        if (needsObject && !expectedKind.equals(kind)) {
            throw new BadAdmissionRequest("request.object is a %s, this endpoint admits %s".formatted(kind, expectedKind));
        }
        return new AdmissionRequest(uid, operation, text(request, "namespace"), text(request, "name"), kind,
                object.isObject() ? object : null);
    }

    boolean isCreateOrUpdate() {
        return object != null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
