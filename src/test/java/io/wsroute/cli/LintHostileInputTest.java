package io.wsroute.cli;

import static io.wsroute.cli.LintRun.lint;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile manifests through the command line at the default limits (Limits.DEFAULT), as CI would run lint on files
 * it did not write: each is refused with exit 2 and a reason, quickly and without expanding or buffering the attack.
 * ManifestReaderTest covers each limit on small inputs; this covers them at full size.
 */
// bounded: a regression that makes reading hang must fail here, not hold the build
@org.junit.jupiter.api.Timeout(180)
class LintHostileInputTest {

    @Test
    void billionLaughsIsRefusedInMilliseconds(@TempDir Path dir) throws Exception {
        // The classic: 9 levels of 10 aliases, 10^9 strings if expanded. Refused at the value budget (1 Mi values)
        // on level 6, before SnakeYAML's alias cap (50) would stop it; nothing is expanded beyond the budget.
        assertRefused(
                dir,
                "laughs.yaml",
                laughs(9),
                Duration.ofSeconds(5),
                "line 6, column 50: more than 1048576 values after expanding aliases");
    }

    private static String laughs(int levels) {
        StringBuilder bomb = new StringBuilder("a0: &a0 [" + "\"lol\", ".repeat(9) + "\"lol\"]\n");
        for (int i = 1; i < levels; i++) {
            bomb.append("a%d: &a%d [%s*a%d]\n".formatted(i, i, ("*a" + (i - 1) + ", ").repeat(9), i - 1));
        }
        return bomb.toString();
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefused(@TempDir Path dir) throws Exception {
        // 9 Mi code points of short words: over the 8 Mi limit per document.
        String huge = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: \""
                + "ab ".repeat(3 * 1024 * 1024) + "\"\n";
        assertRefused(dir, "huge.yaml", huge, Duration.ofSeconds(30), "exceeds the limit: 8388608 code points");
    }

    @Test
    void anUnbrokenRunOverTheWordLimitIsRefused(@TempDir Path dir) throws Exception {
        // SnakeYAML reads long unbroken runs in quadratic time: the 2 Mi limit (Limits) bounds that to seconds.
        String word = "a: " + "x".repeat(3 * 1024 * 1024) + "\n";
        assertRefused(dir, "word.yaml", word, Duration.ofSeconds(60), "characters without a space");
    }

    @Test
    void deepNestingIsRefusedWithoutExhaustingTheStack(@TempDir Path dir) throws Exception {
        String yaml = "a: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";
        assertRefused(dir, "deep.yaml", yaml, Duration.ofSeconds(20), "deeper than 100 levels");
        String json = "{\"a\": " + "{\"b\": ".repeat(200_000) + "1" + "}".repeat(200_000) + "}";
        assertRefused(dir, "deep.json", json, Duration.ofSeconds(20), "deeper than 100");
    }

    @Test
    void manySmallDocumentsAreReadOneByOne() {
        // Limits are per document: a long stream of small ones is fine and not held as text all at once.
        String document =
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {k: v}\n---\n";
        InputStream stream = new ByteArrayInputStream(document.repeat(20_000).getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        LintRun run = lint(stream, "-");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }

    private static void assertRefused(Path dir, String name, String content, Duration within, String reason)
            throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        long start = System.nanoTime();
        LintRun run = lint(file.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("lint: " + file).contains(reason);
        assertThat(run.err().length()).as("the refusal is one short line").isLessThan(400);
        assertThat(took).as("refused in %s", took).isLessThan(within);
    }
}
