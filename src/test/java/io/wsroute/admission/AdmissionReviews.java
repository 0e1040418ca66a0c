package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** AdmissionReview request bodies shaped as the API server sends them. */
final class AdmissionReviews {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private AdmissionReviews() {
    }

    static String fixture(String name) {
        try (InputStream in = AdmissionReviews.class.getResourceAsStream("/admission/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CREATE review for an Ingress in {@code namespace} with the given annotations, class and backend service. */
    static String create(String uid, String namespace, String ingressClass, String annotationsJson) {
        try {
            ObjectNode review = (ObjectNode) MAPPER.readTree(fixture("create-unit-timeout.json"));
            ObjectNode request = (ObjectNode) review.get("request");
            request.put("uid", uid).put("namespace", namespace);
            ObjectNode object = (ObjectNode) request.get("object");
            ObjectNode metadata = (ObjectNode) object.get("metadata");
            metadata.put("namespace", namespace);
            if (annotationsJson == null) {
                metadata.remove("annotations");
            } else {
                metadata.set("annotations", MAPPER.readTree(annotationsJson));
            }
            ((ObjectNode) object.get("spec")).put("ingressClassName", ingressClass);
            return review.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
