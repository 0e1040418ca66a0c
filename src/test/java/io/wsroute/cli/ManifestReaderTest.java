package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsroute.cli.ManifestReader.Manifest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading manifests as kubectl reads them, and refusing hostile input within the limits. */
class ManifestReaderTest {

    private static final String TREE = "src/test/resources/lint/tree";

    private final ManifestReader reader = new ManifestReader(Limits.DEFAULT);

    private static List<Manifest> read(ManifestReader reader, String text) throws UnreadableInput {
        return reader.read(List.of("-"), stdin(text));
    }

    private List<Manifest> read(String text) throws UnreadableInput {
        return read(reader, text);
    }

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(ManifestReader reader, String text) {
        try {
            read(reader, text);
        } catch (UnreadableInput e) {
            return e.getMessage();
        }
        throw new AssertionError("read without complaint: " + text);
    }

    private String refusal(String text) {
        return refusal(reader, text);
    }

    @Test
    void multipleDocumentsAndNestedListsBecomeOneManifestPerObject() throws Exception {
        List<Manifest> manifests = read("""
                ---
                kind: Service
                metadata: {name: one}
                ---
                # an empty document is nothing
                ---
                kind: List
                items:
                - {kind: Service, metadata: {name: two}}
                - kind: ServiceList
                  items:
                  - {kind: Service, metadata: {name: three}}
                """);
        assertThat(manifests)
                .extracting(m -> m.object().path("metadata").path("name").asText())
                .containsExactly("one", "two", "three");
        assertThat(manifests).extracting(Manifest::document).containsExactly(1, 3, 3);
        assertThat(manifests).extracting(Manifest::source).containsOnly(ManifestReader.STDIN);
    }

    @Test
    void scalarsResolveAsKubectlResolvesThem() throws Exception {
        JsonNode object = read("""
                port: 8080
                big: 4294967296
                octal: 0755
                ratio: 0.5
                on: yes
                quoted: "3600"
                empty:
                timestamp: 2024-01-01
                """).get(0).object();
        assertThat(object.get("port").isInt()).isTrue();
        assertThat(object.get("big").isLong()).isTrue();
        assertThat(object.get("octal").intValue()).isEqualTo(0755);
        assertThat(object.get("ratio").doubleValue()).isEqualTo(0.5);
        assertThat(object.get("on").booleanValue()).isTrue();
        assertThat(object.get("quoted").textValue()).isEqualTo("3600");
        assertThat(object.get("empty").isNull()).isTrue();
        assertThat(object.get("timestamp").textValue()).isEqualTo("2024-01-01");
    }

    @Test
    void aScalarSeenBeforeResolvesTheSameAndQuotingStillMakesItText() throws Exception {
        // plain scalars' types are remembered between documents (YamlDocuments), quoted ones are never looked up
        List<Manifest> manifests = read("""
                a: yes
                b: "yes"
                c: 8080
                ---
                a: "yes"
                b: yes
                c: '8080'
                d: 8080
                """);
        JsonNode first = manifests.get(0).object();
        JsonNode second = manifests.get(1).object();
        assertThat(first.get("a").isBoolean()).isTrue();
        assertThat(first.get("b").isTextual()).isTrue();
        assertThat(first.get("c").isInt()).isTrue();
        assertThat(second.get("a").isTextual()).isTrue();
        assertThat(second.get("b").isBoolean()).isTrue();
        assertThat(second.get("c").isTextual()).isTrue();
        assertThat(second.get("d").isInt()).isTrue();
    }

    @Test
    void aliasesAndMergeKeysExpand() throws Exception {
        JsonNode object = read("""
                common: &common
                  nginx.ingress.kubernetes.io/proxy-read-timeout: "3600"
                  nginx.ingress.kubernetes.io/proxy-send-timeout: "3600"
                metadata:
                  annotations:
                    <<: *common
                    nginx.ingress.kubernetes.io/proxy-send-timeout: "7200"
                  name: &name chat
                copy: *name
                """).get(0).object();
        JsonNode annotations = object.path("metadata").path("annotations");
        assertThat(annotations
                        .path("nginx.ingress.kubernetes.io/proxy-read-timeout")
                        .asText())
                .isEqualTo("3600");
        assertThat(annotations
                        .path("nginx.ingress.kubernetes.io/proxy-send-timeout")
                        .asText())
                .isEqualTo("7200");
        assertThat(object.path("copy").asText()).isEqualTo("chat");
    }

    @Test
    void jsonIndentedWithTabsIsRead() throws Exception {
        List<Manifest> manifests = reader.read(List.of(TREE + "/b/service.json"), InputStream.nullInputStream());
        assertThat(manifests)
                .singleElement()
                .extracting(m -> m.object().path("kind").asText())
                .isEqualTo("Service");
    }

    @Test
    void aJsonStreamIsOneManifestPerValue() throws Exception {
        List<Manifest> manifests = read("""
                {"kind": "Service", "metadata": {"name": "a"}}
                {"kind": "Service", "metadata": {"name": "b"}}
                """);
        assertThat(manifests).extracting(Manifest::document).containsExactly(1, 2);
    }

    @Test
    void utf16WithByteOrderMarkIsRead() throws Exception {
        byte[] utf16 = "kind: Service\n".getBytes(StandardCharsets.UTF_16); // Java writes a BOM
        assertThat(reader.read(List.of("-"), new ByteArrayInputStream(utf16))).hasSize(1);
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThat(refusal("kind: Ingress\nmetadata: [unclosed\n"))
                .startsWith("<stdin>: line 3, column 1: not valid YAML:");
        assertThat(refusal("{\"kind\": \"Ingress\",}")).startsWith("<stdin>: line 1, column 20: not valid JSON:");
        assertThat(refusal("a: 1\na: 2\n")).isEqualTo("<stdin>: line 2, column 1: duplicate key \"a\"");
        assertThat(refusal("a: *nowhere\n")).contains("alias *nowhere has no anchor &nowhere before it");
    }

    @Test
    void malformedUtf8IsRefused() {
        byte[] latin1 = "kind: Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> reader.read(List.of("-"), new ByteArrayInputStream(latin1)))
                .hasMessage("<stdin>: not valid UTF-8, and no byte order mark says UTF-16 or UTF-32");
    }

    @Test
    void billionLaughsIsRefusedAtTheValueBudgetNotExpanded() {
        // 48 aliases, under SnakeYAML's cap of 50, doubling 24 times: 2^25 values if expanded
        StringBuilder bomb = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i < 25; i++) {
            bomb.append("l%d: &l%d [*l%d, *l%d]\n".formatted(i, i, i - 1, i - 1));
        }
        assertThat(refusal(bomb.toString())).contains("more than 1048576 values after expanding aliases");
    }

    @Test
    void manyAliasesAreRefused() {
        StringBuilder aliases = new StringBuilder("a: &a [x]\nb: [");
        for (int i = 0; i < 51; i++) {
            aliases.append(i == 0 ? "" : ", ").append("*a");
        }
        assertThat(refusal(aliases + "]\n")).contains("more than 50 aliases to collections");
    }

    @Test
    void recursiveAliasesAreRefused() {
        assertThat(refusal("a: &a [*a]\n")).contains("alias *a refers to a collection that contains it");
        assertThat(refusal("a: &a\n  b: *a\n")).contains("alias *a refers to a collection that contains it");
    }

    @Test
    void deepNestingIsRefusedInYamlAndJson() {
        assertThat(refusal("a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"))
                .contains("deeper than 100 levels");
        assertThat(refusal("{\"a\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}"))
                .contains("deeper than 100");
    }

    @Test
    void aliasesCannotNestPastTheLimit() {
        // each level is shallow in the text but nests the previous one: 30 levels of 4 after expansion
        StringBuilder deep = new StringBuilder("l0: &l0 [[[[x]]]]\n");
        for (int i = 1; i < 30; i++) {
            deep.append("l%d: &l%d [[[[*l%d]]]]\n".formatted(i, i, i - 1));
        }
        assertThat(refusal(deep.toString())).contains("nests deeper than 100 levels");
    }

    @Test
    void smallLimitsApplyPerDocument() {
        ManifestReader small = new ManifestReader(new Limits(100, 20, 10, 2, 10));
        assertThat(refusal(small, "a: " + "x ".repeat(60) + "\n")).contains("exceeds the limit: 100 code points");
        assertThat(refusal(small, "a: " + "x".repeat(30) + "\n")).contains("more than 20 characters without a space");
        assertThat(refusal(small, "a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n")).contains("more than 10 values");
        ManifestReader shallow = new ManifestReader(new Limits(100, 20, 10, 2, 100));
        assertThat(refusal(shallow, "a: " + "[ ".repeat(11) + "x" + " ]".repeat(11) + "\n"))
                .contains("deeper than 10 levels");
        assertThat(refusal(small, "{\"a\": \"" + "x".repeat(101) + "\"}")).contains("100");
    }

    @Test
    void limitsCountEachDocumentOnItsOwn() throws Exception {
        ManifestReader small = new ManifestReader(new Limits(100, 20, 10, 2, 10));
        String document = "a: " + "x ".repeat(40) + "\n";
        assertThat(read(small, document + "---\n" + document + "---\n" + document))
                .hasSize(3);
    }

    @Test
    void directoriesAreWalkedInSortedOrderSkippingHiddenAndOtherFiles() throws Exception {
        List<Manifest> manifests = reader.read(List.of(TREE), InputStream.nullInputStream());
        assertThat(manifests)
                .extracting(m -> Path.of(TREE).relativize(Path.of(m.source())).toString())
                .containsExactly("a.yaml", "b/nested/z.yml", "b/service.json", "b/values.yaml");
    }

    @Test
    void aFileNamedTwiceIsReadOnce() throws Exception {
        List<Manifest> manifests =
                reader.read(List.of(TREE + "/a.yaml", TREE, "./" + TREE + "/a.yaml"), InputStream.nullInputStream());
        assertThat(manifests)
                .extracting(Manifest::source)
                .filteredOn(s -> s.endsWith("a.yaml"))
                .hasSize(1);
    }

    @Test
    void symbolicLinksAreFollowedAndLoopsSkipped(@TempDir Path dir) throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("svc.yaml"), "kind: Service\n");
        Files.createSymbolicLink(dir.resolve("linked"), real);
        Files.createSymbolicLink(real.resolve("loop"), dir);
        assertThat(reader.read(List.of(dir.toString()), InputStream.nullInputStream()))
                .isNotEmpty();
    }

    @Test
    void missingAndUnreadablePathsAreRefused(@TempDir Path dir) throws Exception {
        assertThatThrownBy(
                        () -> reader.read(List.of(dir.resolve("nope.yaml").toString()), InputStream.nullInputStream()))
                .hasMessage(dir.resolve("nope.yaml") + ": no such file or directory");
        Path locked = Files.writeString(dir.resolve("locked.yaml"), "kind: Service\n");
        if (locked.toFile().setReadable(false) && !Files.isReadable(locked)) { // root reads anything
            assertThatThrownBy(() -> reader.read(List.of(locked.toString()), InputStream.nullInputStream()))
                    .hasMessage(locked + ": permission denied");
        }
    }
}
