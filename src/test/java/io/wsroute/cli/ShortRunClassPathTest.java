package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short-run JVM's class path from a fast-jar directory, and the class-data archive: an archive that does not
 * fit (garbage, another class path) must leave the JVM's output exactly as without it, and one that is not as the
 * build wrote it (cut short, another JVM's) is not passed at all.
 */
class ShortRunClassPathTest {

    @Test
    void aFastJarGivesItsAppAndMainLibrariesInAFixedOrderAndTheArchiveWhenPresent(@TempDir Path dir) throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Path main = Files.createDirectories(dir.resolve("lib/main"));
        Path boot = Files.createDirectories(dir.resolve("lib/boot"));
        Files.writeString(dir.resolve("quarkus-run.jar"), "");
        Files.writeString(app.resolve("wsroute.jar"), "");
        Files.writeString(main.resolve("z.jar"), "");
        Files.writeString(main.resolve("a.jar"), "");
        Files.writeString(main.resolve("notes.txt"), "");
        Files.writeString(boot.resolve("runner.jar"), "");
        Path real = dir.toRealPath();

        ShortRunClassPath withoutArchive =
                ShortRunClassPath.of(dir.resolve("quarkus-run.jar").toString()).orElseThrow();
        assertThat(withoutArchive.jars())
                .containsExactly(
                        real.resolve("app/wsroute.jar"),
                        real.resolve("lib/main/a.jar"),
                        real.resolve("lib/main/z.jar"));
        assertThat(withoutArchive.archive()).isEmpty();
        assertThat(withoutArchive.jvmArguments())
                .containsExactly(
                        "-cp",
                        String.join(
                                File.pathSeparator,
                                real.resolve("app/wsroute.jar").toString(),
                                real.resolve("lib/main/a.jar").toString(),
                                real.resolve("lib/main/z.jar").toString()),
                        "io.wsroute.WsrouteMain");

        // an archive is passed only with its stamp, and while it holds
        Path archive = Files.writeString(dir.resolve(ShortRunClassPath.ARCHIVE), "classes");
        assertThat(ShortRunClassPath.of(dir.resolve("quarkus-run.jar").toString())
                        .orElseThrow()
                        .archive())
                .as("no stamp")
                .isEmpty();
        ArchiveStamp.of(archive).write(dir.resolve(ShortRunClassPath.STAMP));
        ShortRunClassPath withArchive =
                ShortRunClassPath.of(dir.resolve("quarkus-run.jar").toString()).orElseThrow();
        assertThat(withArchive.archive()).contains(real.resolve(ShortRunClassPath.ARCHIVE));
        assertThat(withArchive.jvmArguments())
                .startsWith(
                        "-XX:SharedArchiveFile=" + real.resolve(ShortRunClassPath.ARCHIVE),
                        "-Xshare:auto",
                        "-Xlog:cds*=off",
                        "-cp");
        for (String changed : List.of("classe", "classes and more", "Classes")) {
            Files.writeString(archive, changed);
            assertThat(ShortRunClassPath.of(dir.resolve("quarkus-run.jar").toString())
                            .orElseThrow()
                            .archive())
                    .as(changed)
                    .isEmpty();
        }
        Files.writeString(archive, "classes");
        assertThat(ShortRunClassPath.of(dir.resolve("quarkus-run.jar").toString())
                        .orElseThrow()
                        .archive())
                .isPresent();
        // the build's copy of the single jar, when there is one, is the whole class path
        Files.writeString(dir.resolve(ShortRunClassPath.LINT_JAR), "");
        assertThat(ShortRunClassPath.of(dir.resolve("quarkus-run.jar").toString())
                        .orElseThrow()
                        .jars())
                .containsExactly(real.resolve(ShortRunClassPath.LINT_JAR));
        new ArchiveStamp(7, ArchiveStamp.of(archive).crc32(), "another JVM")
                .write(dir.resolve(ShortRunClassPath.STAMP));
        assertThat(ShortRunClassPath.of(dir.resolve("quarkus-run.jar").toString())
                        .orElseThrow()
                        .archive())
                .as("written by another JVM")
                .isEmpty();
        Files.writeString(dir.resolve(ShortRunClassPath.STAMP), "size=seven");
        assertThat(ShortRunClassPath.of(dir.resolve("quarkus-run.jar").toString())
                        .orElseThrow()
                        .archive())
                .as("not a stamp")
                .isEmpty();
    }

    @Test
    void anotherJarOrNoJarHasNone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("wsroute-cli.jar"), "");
        assertThat(ShortRunClassPath.of(dir.resolve("wsroute-cli.jar").toString()))
                .isEmpty();
        assertThat(ShortRunClassPath.of(dir.resolve("missing/quarkus-run.jar").toString()))
                .isEmpty();
        assertThat(ShortRunClassPath.of("bad\u0000path")).isEmpty();
    }

    /** What a JVM prints on stdout and stderr; it runs {@link Hello} from {@code classPath}. */
    private static String run(List<String> options, Path classPath) throws Exception {
        Process process = hello(options, classPath).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** The exit code of such a JVM, run in {@code dir} (where a crashing JVM leaves its error report). */
    private static int exit(List<String> options, Path classPath, Path dir) throws Exception {
        Process process = hello(options, classPath)
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static ProcessBuilder hello(List<String> options, Path classPath) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath.toString(), Hello.class.getName()));
        return new ProcessBuilder(command);
    }

    /** A jar with {@link Hello} alone (the archive holds classes from jars only). */
    private static Path helloOnItsOwn(Path dir) throws Exception {
        String file = Hello.class.getName().replace('.', '/') + ".class";
        Path jar = Files.createDirectories(dir).resolve("hello.jar");
        try (var in = Hello.class.getClassLoader().getResourceAsStream(file);
                var out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(file));
            out.write(in.readAllBytes());
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void anArchiveThatDoesNotFitChangesNothingTheUserSees(@TempDir Path dir) throws Exception {
        Path classes = helloOnItsOwn(dir.resolve("first"));
        Path archive = dir.resolve("hello.jsa");
        run(List.of("-XX:ArchiveClassesAtExit=" + archive), classes);
        assertThat(archive).isRegularFile();
        List<String> use = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive));
        use.addAll(ShortRunClassPath.ARCHIVE_OPTIONS);
        assertThat(run(use, classes)).as("the archive fits").isEqualTo(Hello.GREETING);

        // the same class from another directory: the archive was written for another class path
        Path moved = helloOnItsOwn(dir.resolve("second"));
        assertThat(run(use, moved)).isEqualTo(Hello.GREETING);
        // without the options, the JVM says so on stdout: what they keep out of lint's output
        assertThat(run(List.of("-XX:SharedArchiveFile=" + archive), moved)).contains("[warning]");

        // not an archive at all, and half of one
        Path garbage = Files.write(dir.resolve("garbage.jsa"), new byte[100_000]);
        List<String> useGarbage = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + garbage));
        useGarbage.addAll(ShortRunClassPath.ARCHIVE_OPTIONS);
        assertThat(run(useGarbage, classes)).isEqualTo(Hello.GREETING);
        // half of one crashes the JVM (SIGBUS while relocating it): what ArchiveStamp keeps from the JVM
        byte[] whole = Files.readAllBytes(archive);
        Path half = Files.write(dir.resolve("half.jsa"), Arrays.copyOf(whole, whole.length / 2));
        List<String> useHalf = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + half));
        useHalf.addAll(ShortRunClassPath.ARCHIVE_OPTIONS);
        assertThat(exit(useHalf, classes, dir)).isNotZero();
    }

    /** A main with a known output. */
    public static final class Hello {
        static final String GREETING = "hello" + System.lineSeparator();

        public static void main(String[] args) {
            System.out.print(GREETING);
        }
    }

    @Test
    void theTrainingManifestIsLargeEnoughForAShortRunJvm(@TempDir Path dir) throws Exception {
        Path one = Files.writeString(dir.resolve("one.yaml"), "apiVersion: v1\nkind: Service\n");
        Path two = Files.writeString(dir.resolve("two.yaml"), "---\napiVersion: v1\nkind: ConfigMap");
        String manifest = ShortRunArchive.trainingManifest(List.of(one, two));
        assertThat(ShortRunJit.worthIt(manifest.length())).isTrue();
        assertThat(manifest)
                .startsWith("---\napiVersion: v1\nkind: Service\n\n---\n---\napiVersion: v1\nkind: ConfigMap\n");
        assertThat(manifest.split("kind: ConfigMap", -1).length - 1).isGreaterThan(10_000);
    }
}
