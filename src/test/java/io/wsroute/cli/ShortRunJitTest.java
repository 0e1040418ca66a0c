package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lint on a large input asks the JVM for C1 only; small inputs leave the JVM alone. */
class ShortRunJitTest {

    @Test
    void onlyLargeInputsAreWorthTheSwitch() {
        assertThat(ShortRunJit.worthIt(0)).isFalse();
        assertThat(ShortRunJit.worthIt(ShortRunJit.LARGE_INPUT_BYTES - 1)).isFalse();
        assertThat(ShortRunJit.worthIt(ShortRunJit.LARGE_INPUT_BYTES)).isTrue();
    }

    @Test
    void inputBytesCountWhatLintReads(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "x".repeat(100));
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.yml"), "x".repeat(20));
        Files.writeString(dir.resolve("sub/notes.txt"), "x".repeat(1000));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/c.yaml"), "x".repeat(1000));
        InputStream stdin = new ByteArrayInputStream(new byte[7]);

        assertThat(ShortRunJit.inputBytes(List.of(dir.toString()), stdin)).isEqualTo(120);
        assertThat(ShortRunJit.inputBytes(List.of(dir.resolve("sub/notes.txt").toString(), "-"), stdin))
                .isEqualTo(1007);
        assertThat(ShortRunJit.inputBytes(List.of(dir.resolve("missing.yaml").toString()), stdin))
                .isZero();
    }

    @Test
    void theJvmTakesTheDirective() throws Exception {
        try {
            assertThat(ShortRunJit.apply()).isTrue();
        } finally {
            // this test JVM runs on: give it its optimising compiler back
            ShortRunJit.diagnosticCommand("compilerDirectivesRemove");
        }
    }
}
