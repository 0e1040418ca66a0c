package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * RFC 6902 JSON Patch that adds annotations to an object, the only change wsroute's mutation ever makes. The API
 * server applies it to the object exactly as the webhook received it, so the shape of that object decides the
 * operations: "add" needs an existing parent.
 */
final class AnnotationPatch {

    private AnnotationPatch() {}

    /**
     * @param object the object the patch will be applied to
     * @param annotations keys to add; callers only pass keys the object does not carry, so nothing is replaced
     */
    static ArrayNode adding(JsonNode object, Map<String, String> annotations) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ArrayNode patch = json.arrayNode();
        if (annotations.isEmpty()) {
            return patch;
        }
        JsonNode metadata = object.path("metadata");
        if (!metadata.isObject()) {
            ObjectNode value = json.objectNode();
            annotations.forEach(value.putObject("annotations")::put);
            patch.addObject().put("op", "add").put("path", "/metadata").set("value", value);
            return patch;
        }
        if (!metadata.path("annotations").isObject()) {
            // Missing (or null): add the whole map in one operation.
            ObjectNode value = json.objectNode();
            annotations.forEach(value::put);
            patch.addObject()
                    .put("op", "add")
                    .put("path", "/metadata/annotations")
                    .set("value", value);
            return patch;
        }
        annotations.forEach((key, value) -> patch.addObject()
                .put("op", "add")
                .put("path", "/metadata/annotations/" + escape(key))
                .put("value", value));
        return patch;
    }

    /** RFC 6901 reference token: "~" becomes "~0" and "/" becomes "~1", in that order. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
