package io.wsroute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package phase leaves a CycloneDX bill of materials of what ships (README "Security and failure model"): every
 * runtime dependency with its package URL, no test-only library, nothing unpinned.
 */
class SbomIT {

    @Test
    void billOfMaterialsListsWhatShipsAndNothingElse() throws Exception {
        Path bom = Path.of(System.getProperty("build.dir", "target"), "bom.json");
        assertThat(bom).as("written by cyclonedx-maven-plugin at package").exists();
        JsonNode json = new ObjectMapper().readTree(bom.toFile());
        assertThat(json.path("bomFormat").asText()).isEqualTo("CycloneDX");
        List<String> purls = new ArrayList<>();
        json.path("components").forEach(c -> purls.add(c.path("purl").asText()));
        assertThat(purls)
                .hasSizeGreaterThan(50)
                .anyMatch(p -> p.startsWith("pkg:maven/io.quarkus/quarkus-rest@"))
                .anyMatch(p -> p.startsWith("pkg:maven/io.quarkiverse.operatorsdk/quarkus-operator-sdk@"))
                .anyMatch(p -> p.startsWith("pkg:maven/org.yaml/snakeyaml@"))
                .noneMatch(p -> p.contains("/jqwik")
                        || p.contains("/assertj")
                        || p.contains("/kube-api-test")
                        || p.contains("/rest-assured"))
                .allMatch(p -> p.matches("pkg:maven/[^@]+@[0-9][^@]*") && !p.contains("SNAPSHOT"));
    }
}
