package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.reader.StreamReader;

/** Reading a large YAML text in parts gives what reading it in one piece gives: documents, positions, errors. */
class YamlInPartsTest {

    /** Documents that put markers, line breaks and errors where a cut could go wrong. */
    private static final List<String> DOCUMENTS = List.of(
            "kind: Service\nmetadata: {name: one}\n",
            "# only a comment\n",
            "",
            "a: |\n  ---\n  --- not a marker either\n  b\n",
            "a: >-\n  folded\n\n  ---\n",
            "top: \"a quoted\n---\nscalar across a marker\"\n",
            "top: 'single\n--- \nquoted'\n",
            "flow: [1,\n---\n2]\n",
            "plain: text\n  more text\n",
            "a: 1\r\nb:\r\n  - x\r\n  - &y {k: v}\r\n  - *y\r\n",
            "a: 1\rb: 2\r",
            "list:\n- one\n- two\n...\n",
            "bad: [unclosed\n",
            "dup: 1\ndup: 2\n",
            "alias: *nowhere\n",
            "s: \"\u2028\"\nt: x\u0085\n",
            "---- not a marker\nk: v\n",
            "k: v\n--- # a marker with a comment\nk2: v2\n",
            "%YAML 1.1\n---\nk: v\n",
            "--- |\n  block at the top\n",
            "--- {a: 1}\n");

    private static final List<String> MARKERS = List.of("---\n", "--- \n", "---\r\n", "---\t\n", "...\n---\n", "");

    @Provide
    Arbitrary<String> streams() {
        Arbitrary<String> document = Combinators.combine(Arbitraries.of(MARKERS), Arbitraries.of(DOCUMENTS))
                .as((marker, body) -> marker + body);
        return document.list().ofMinSize(1).ofMaxSize(12).map(documents -> String.join("", documents));
    }

    @Property(tries = 600)
    void partsReadAsOnePieceReads(@ForAll("streams") String text, @ForAll @IntRange(min = 2, max = 5) int parts) {
        assertThat(outcome(new YamlInParts(Limits.DEFAULT, parts, 0), text))
                .as("%s in %d parts", text, parts)
                .isEqualTo(outcome(new YamlInParts(Limits.DEFAULT, 1, 0), text));
    }

    @Provide
    Arbitrary<String> lineBreaks() {
        return Arbitraries.strings().withChars("a \n\r\u0085\u2028\u2029").ofMaxLength(20);
    }

    @Property(tries = 1000)
    void linesAreCountedAsSnakeYamlCountsThem(@ForAll("lineBreaks") String text) {
        // a final CR is settled by what follows it; a cut always follows an LF
        String settled = text + "\n";
        StreamReader reader = new StreamReader(settled);
        while (reader.peek() != '\0') {
            reader.forward();
        }
        assertThat(DocumentChunks.lineBreaks(settled, 0, settled.length()))
                .as("%s", settled.replace("\r", "\\r").replace("\n", "\\n"))
                .isEqualTo(reader.getLine());
    }

    @Test
    void cutsFallOnlyOnMarkerLines() {
        String text = "a: |\n  ---\n---x: 1\n----\n--- \nb: 1\n---\nc: 1\n";
        List<DocumentChunks.Chunk> chunks = DocumentChunks.split(text, 8);
        assertThat(chunks)
                .extracting(DocumentChunks.Chunk::text)
                .containsExactly("a: |\n  ---\n---x: 1\n----\n", "--- \nb: 1\n", "---\nc: 1\n");
        assertThat(chunks).extracting(DocumentChunks.Chunk::firstLine).containsExactly(0, 4, 6);
        assertThat(DocumentChunks.split("no: markers\n", 4))
                .containsExactly(new DocumentChunks.Chunk("no: markers\n", 0));
    }

    @Test
    void positionsCountTheLinesOfEarlierParts() throws Exception {
        String text = "---\na: 1\n---\nb:\n  c: 2\n---\nd: 3\n";
        List<DocumentBuilder.Document> documents = new YamlInParts(Limits.DEFAULT, 3, 0).read(text);
        assertThat(documents).hasSize(3);
        assertThat(documents.get(2).positions().locate("d")).contains(new SourcePositions.Position(7, 1));
        assertThat(documents.get(1).positions().locate("b.c")).contains(new SourcePositions.Position(5, 3));
    }

    @Test
    void anErrorInALaterPartIsReportedAtItsLineInTheWholeText() {
        String text = "---\na: 1\n---\nb: 2\n---\nc: [\n";
        assertThat(outcome(new YamlInParts(Limits.DEFAULT, 3, 0), text))
                .asString()
                .startsWith("error: line 7, column 1: not valid YAML");
        assertThat(outcome(new YamlInParts(Limits.DEFAULT, 3, 0), text))
                .isEqualTo(outcome(new YamlInParts(Limits.DEFAULT, 1, 0), text));
    }

    /** Files as lint reads them: a BOM, CRLF, an error in the middle, each as the one-piece reader sees it. */
    @Test
    void filesReadInPartsGiveTheManifestsOfTheStreamingReader(@TempDir Path dir) throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            many.append("---\r\napiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: s")
                    .append(i)
                    .append("\r\n  annotations: {a: \"---\"}\r\n");
        }
        String crlf = many.toString();
        String broken = crlf + "---\nkind: [\n" + crlf;
        ManifestReader inParts = new ManifestReader(Limits.DEFAULT, new YamlInParts(Limits.DEFAULT, 3, 0));
        ManifestReader streaming = new ManifestReader(Limits.DEFAULT, new YamlInParts(Limits.DEFAULT, 1, 0));
        for (String text : List.of(crlf, "\uFEFF" + crlf, broken, "{\"kind\": \"List\", \"items\": []}")) {
            Path file = dir.resolve("m.yaml");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            assertThat(manifests(inParts, file)).isEqualTo(manifests(streaming, file));
        }
        Files.writeString(dir.resolve("m.yaml"), crlf);
        List<ManifestReader.Manifest> read =
                inParts.read(List.of(dir.resolve("m.yaml").toString()), InputStream.nullInputStream());
        assertThat(read).hasSize(200);
        assertThat(read.get(199).document()).isEqualTo(200);
        assertThat(read.get(199).positions().locate("metadata.name")).contains(new SourcePositions.Position(1199, 3));
    }

    private static Object outcome(YamlInParts reader, String text) {
        try {
            return reader.read(text);
        } catch (UnreadableInput e) {
            return "error: " + e.getMessage();
        }
    }

    private static Object manifests(ManifestReader reader, Path file) {
        try {
            return reader.read(List.of(file.toString()), InputStream.nullInputStream());
        } catch (UnreadableInput e) {
            return "error: " + e.getMessage();
        }
    }

    @Test
    void oneReaderIsTheReference() throws Exception {
        // the reference of the property above is the plain reader, not the parts code with one part
        String text = "---\na: 1\n---\nb: 2\n";
        assertThat(outcome(new YamlInParts(Limits.DEFAULT, 1, 0), text))
                .isEqualTo(new YamlDocuments(Limits.DEFAULT).read(new StringReader(text)));
    }
}
