package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.cli.SourcePositions.Position;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a finding's field is in the source, as lint's YAML reader records it. */
class SourcePositionsTest {

    private static final String INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: chat
              annotations:
                nginx.org/a.b: "1"
                nginx.ingress.kubernetes.io/proxy-read-timeout: "60"
            spec:
              rules:
              - host: a.example.com
                http:
                  paths:
                  - path: /
                    backend: {service: {name: one, port: {number: 80}}}
                  - path: /ws
                    backend:
                      service:
                        name: two
                        port: {name: http}
            """;

    private static SourcePositions positions(String yaml) throws UnreadableInput {
        List<DocumentBuilder.Document> documents = new YamlDocuments(Limits.DEFAULT).read(new StringReader(yaml));
        return documents.get(0).positions();
    }

    @Test
    void aFieldIsFoundAtItsKeyAndAListItemAtItsDash() throws Exception {
        SourcePositions positions = positions(INGRESS);
        assertThat(positions.locate("metadata.annotations[\"nginx.org/a.b\"]")).contains(new Position(6, 5));
        assertThat(positions.locate("spec.rules[0]")).contains(new Position(10, 5));
        assertThat(positions.locate("spec.rules[0].http.paths[1].backend.service.port.name"))
                .contains(new Position(19, 20));
        assertThat(positions.locate("spec.rules[0].http.paths[0].backend.service.port.number"))
                .contains(new Position(14, 47));
        assertThat(positions.locate("")).contains(new Position(1, 1));
    }

    @Test
    void aFieldTheSourceLacksPointsAtTheNearestEnclosingOne() throws Exception {
        SourcePositions positions = positions(INGRESS);
        assertThat(positions.locate("metadata.annotations[\"nginx.org/missing\"]"))
                .contains(new Position(5, 3));
        assertThat(positions.locate("spec.rules[0].http.paths[7].backend")).contains(new Position(12, 7));
        assertThat(positions.locate("spec.rules[3]")).contains(new Position(9, 3));
        assertThat(positions.locate("ConfigMap ingress-nginx/c data[\"x\"]")).contains(new Position(1, 1));
    }

    @Test
    void theItemsOfAListKindAreLocatedWithinTheirItem() throws Exception {
        SourcePositions list = positions("""
                kind: List
                items:
                - kind: Service
                  metadata: {name: a}
                - kind: Service
                  metadata:
                    name: b
                """);
        assertThat(list.within("items", SourcePositions.index(1)).locate("metadata.name"))
                .contains(new Position(7, 5));
        assertThat(list.within("items", SourcePositions.index(0)).locate("spec.ports[0]"))
                .contains(new Position(3, 3));
        assertThat(list.within("items", SourcePositions.index(2)).locate("metadata"))
                .isEmpty();
    }

    @Test
    void aKeyThatLooksLikeAnIndexIsAKeyAndAnIndexNeedsAList() throws Exception {
        SourcePositions positions = positions("a:\n  \"[0]\": x\nb:\n- y\n");
        assertThat(positions.locate("a[0]")).contains(new Position(2, 3));
        assertThat(positions.locate("b[0]")).contains(new Position(4, 3));
        assertThat(positions.locate("b[1]")).contains(new Position(3, 1));
    }

    @Test
    void nothingIsRecordedBelowTheMaximumDepthNorInsideMergesAndAliases() throws Exception {
        StringBuilder deep = new StringBuilder();
        StringBuilder field = new StringBuilder("k0");
        for (int depth = 0; depth < SourcePositions.MAX_DEPTH + 3; depth++) {
            deep.append("  ".repeat(depth)).append("k").append(depth).append(":\n");
            if (depth > 0) {
                field.append(".k").append(depth);
            }
        }
        deep.append("  ".repeat(SourcePositions.MAX_DEPTH + 3)).append("v: 1\n");
        // the key at depth MAX_DEPTH is the deepest recorded (its line is MAX_DEPTH, 0-based)
        assertThat(positions(deep.toString()).locate(field + ".v"))
                .contains(new Position(SourcePositions.MAX_DEPTH, 2 * (SourcePositions.MAX_DEPTH - 1) + 1));
        SourcePositions merged = positions("base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\nalias: *b\n");
        assertThat(merged.locate("use.x")).contains(new Position(2, 1));
        assertThat(merged.locate("use.y")).contains(new Position(4, 3));
        assertThat(merged.locate("alias.x")).contains(new Position(5, 1));
    }

    @Test
    void twoReadingsOfTheSameTextAreEqualAndOfAnotherAreNot() throws Exception {
        assertThat(positions(INGRESS)).isEqualTo(positions(INGRESS)).hasSameHashCodeAs(positions(INGRESS));
        assertThat(positions(INGRESS))
                .isNotEqualTo(positions(INGRESS.replace("  name: chat\n", "  name: chat\n  labels: {}\n")));
        assertThat(positions(INGRESS)).isNotEqualTo(positions("\n" + INGRESS));
        assertThat(positions(INGRESS).toString()).contains("spec.rules.[0].host=Position[line=10, column=5]");
        assertThat(SourcePositions.NONE.locate("metadata")).isEmpty();
    }
}
