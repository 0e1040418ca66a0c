package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** RFC 6902 JSON Patch that adds annotations to an object, the only change wsroute's mutation ever makes. */
final class AnnotationPatch {

    private AnnotationPatch() {
    }

    /**
     * @param hasAnnotations whether the object already has a {@code metadata.annotations} map: "add" on a missing
     *        parent fails, so then the whole map is added in one operation
     */
    static ArrayNode adding(Map<String, String> annotations, boolean hasAnnotations) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ArrayNode patch = json.arrayNode();
        if (annotations.isEmpty()) {
            return patch;
        }
        if (!hasAnnotations) {
            ObjectNode map = json.objectNode();
            annotations.forEach(map::put);
            patch.addObject().put("op", "add").put("path", "/metadata/annotations").set("value", map);
            return patch;
        }
        annotations.forEach((key, value) -> patch.addObject().put("op", "add")
                .put("path", "/metadata/annotations/" + escape(key)).put("value", value));
        return patch;
    }

    /** RFC 6901: "~" becomes "~0" and "/" becomes "~1", in that order. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    static boolean hasAnnotations(JsonNode object) {
        JsonNode annotations = object.path("metadata").path("annotations");
        return annotations.isObject();
    }
}
