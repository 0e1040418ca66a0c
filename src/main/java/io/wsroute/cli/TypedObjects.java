package io.wsroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.cli.ManifestReader.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Manifests as fabric8 objects, checked the way the API server would check what matters to lint. */
final class TypedObjects {

    private static final ObjectMapper MAPPER = Serialization.jsonMapper();

    private TypedObjects() {}

    /**
     * The typed object. Annotation and label values must be strings: the API server refuses {@code 3600} or
     * {@code true} unquoted, while Jackson would quietly turn them into "3600" and "true".
     */
    static <T extends HasMetadata> T convert(Manifest manifest, Class<T> type) throws UnreadableInput {
        JsonNode object = manifest.object();
        String what = "%s: %s %s"
                .formatted(
                        manifest.source(),
                        object.path("kind").asText(),
                        object.path("metadata").path("name").asText("(unnamed)"));
        requireStrings(object.path("metadata").path("annotations"), "metadata.annotations", what);
        requireStrings(object.path("metadata").path("labels"), "metadata.labels", what);
        T typed;
        try {
            typed = MAPPER.treeToValue(object, type);
        } catch (Exception e) {
            String reason = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new UnreadableInput(what + " is not valid: " + reason);
        }
        if (typed.getMetadata() == null || blank(typed.getMetadata().getName())) {
            // kubectl create accepts generateName; the prefix is the best name findings can show
            if (typed.getMetadata() == null || blank(typed.getMetadata().getGenerateName())) {
                throw new UnreadableInput(what + " has no metadata.name");
            }
            typed.getMetadata().setName(typed.getMetadata().getGenerateName());
        }
        return typed;
    }

    /**
     * Values of a string map, such as annotations or ConfigMap data, must be strings; null reads as "" (as the
     * API server decodes it), which is written back into the tree so the typed object sees "".
     */
    static void requireStrings(JsonNode map, String field, String what) throws UnreadableInput {
        if (map.isMissingNode() || map.isNull()) {
            return;
        }
        if (!map.isObject()) {
            throw new UnreadableInput("%s: %s must be a map of strings".formatted(what, field));
        }
        List<String> nulls = new ArrayList<>();
        for (var entry : map.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                nulls.add(entry.getKey());
            } else if (!value.isTextual()) {
                throw new UnreadableInput("%s: %s[\"%s\"] is %s, not a string; the API server refuses it.%s"
                        .formatted(
                                what,
                                field,
                                entry.getKey(),
                                describe(value),
                                value.isValueNode() ? " Quote it: \"" + value.asText() + "\"" : ""));
            }
        }
        nulls.forEach(key -> ((ObjectNode) map).set(key, TextNode.valueOf("")));
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "a map";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
