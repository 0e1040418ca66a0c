package io.wsroute.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.fge.jsonpatch.JsonPatch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnotationPatchTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void escapesTildeBeforeSlash() {
        assertThat(AnnotationPatch.escape("nginx.org/websocket-services")).isEqualTo("nginx.org~1websocket-services");
        assertThat(AnnotationPatch.escape("a~b/c")).isEqualTo("a~0b~1c");
        // "~1" in a key is a tilde followed by 1, not a slash: escaping "/" first would turn it into "~01".
        assertThat(AnnotationPatch.escape("x/~1")).isEqualTo("x~1~01");
        assertThat(AnnotationPatch.escape("plain")).isEqualTo("plain");
    }

    @Test
    void addsEachKeyWhenTheAnnotationsMapExistsAndKeepsTheOthers() throws Exception {
        JsonNode object = json("""
                {"metadata":{"name":"chat","annotations":{"team":"web","a~b/c":"user"}}}""");
        Map<String, String> add = new LinkedHashMap<>();
        add.put("nginx.org/websocket-services", "chat");
        add.put("x/~1", "tricky");
        ArrayNode patch = AnnotationPatch.adding(object, add);

        assertThat(patch).hasSize(2);
        assertThat(patch.get(0).path("op").asText()).isEqualTo("add");
        assertThat(patch.get(0).path("path").asText()).isEqualTo("/metadata/annotations/nginx.org~1websocket-services");
        assertThat(apply(patch, object).path("metadata").path("annotations")).isEqualTo(json("""
                {"team":"web","a~b/c":"user","nginx.org/websocket-services":"chat","x/~1":"tricky"}"""));
    }

    @Test
    void addsTheWholeMapWhenThereAreNoAnnotations() throws Exception {
        JsonNode object = json("""
                {"metadata":{"name":"chat","labels":{"app":"chat"}}}""");
        ArrayNode patch =
                AnnotationPatch.adding(object, Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600"));

        assertThat(patch).hasSize(1);
        assertThat(patch.get(0).path("path").asText()).isEqualTo("/metadata/annotations");
        JsonNode patched = apply(patch, object);
        assertThat(patched.path("metadata").path("annotations")).isEqualTo(json("""
                {"nginx.ingress.kubernetes.io/proxy-read-timeout":"3600"}"""));
        assertThat(patched.path("metadata").path("labels").path("app").asText()).isEqualTo("chat");
    }

    @Test
    void replacesAnExplicitNullAnnotationsMap() throws Exception {
        JsonNode object = json("""
                {"metadata":{"name":"chat","annotations":null}}""");
        JsonNode patched = apply(AnnotationPatch.adding(object, Map.of("k", "v")), object);
        assertThat(patched.path("metadata").path("annotations")).isEqualTo(json("{\"k\":\"v\"}"));
    }

    @Test
    void addsMetadataWhenTheObjectHasNone() throws Exception {
        JsonNode object = json("{\"kind\":\"Ingress\"}");
        JsonNode patched = apply(AnnotationPatch.adding(object, Map.of("k", "v")), object);
        assertThat(patched.path("metadata").path("annotations")).isEqualTo(json("{\"k\":\"v\"}"));
    }

    @Test
    void nothingToAddIsAnEmptyPatch() {
        assertThat(AnnotationPatch.adding(json("{\"metadata\":{}}"), Map.of())).isEmpty();
    }

    private static JsonNode apply(ArrayNode patch, JsonNode object) throws Exception {
        return JsonPatch.fromJson(patch).apply(object);
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
