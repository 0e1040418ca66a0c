package io.wsroute.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes the class-data archive of the short-run JVM ({@link ShortRunClassPath}) at build time (pom.xml, after the
 * fast-jar is packaged): lint runs once in a short-run JVM on a manifest of 1 MiB or more made of the given
 * examples, and the JVM writes the classes it loaded at its exit ({@code -XX:ArchiveClassesAtExit}). The archive is
 * only used with this JVM build and exactly these jars, and while it is as written ({@link ArchiveStamp}). Needs no class beyond the
 * JDK's, so it runs from {@code target/classes} alone.
 *
 * <p>Arguments: the fast-jar directory, the single jar ({@code wsroute-cli.jar}, copied into it), then files or
 * directories of example manifests ({@code *.yaml}).
 */
public final class ShortRunArchive {

    private ShortRunArchive() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: ShortRunArchive FAST_JAR_DIR SINGLE_JAR EXAMPLES...");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        // lint's classes in one jar beside the fast-jar: the short-run JVM's class path (ShortRunClassPath)
        Files.copy(
                Path.of(args[1]), directory.resolve(ShortRunClassPath.LINT_JAR), StandardCopyOption.REPLACE_EXISTING);
        Path archive = directory.resolve(ShortRunClassPath.ARCHIVE);
        Path stamp = directory.resolve(ShortRunClassPath.STAMP);
        Files.deleteIfExists(stamp);
        Files.deleteIfExists(archive);
        if (!System.getProperty("java.vm.name", "").contains("Server VM")) {
            // the launcher starts no short-run JVM there either
            System.out.println("ShortRunArchive: not HotSpot's server VM, no archive");
            return;
        }
        Optional<ShortRunClassPath> classPath =
                ShortRunClassPath.of(directory.resolve("quarkus-run.jar").toString());
        if (classPath.isEmpty()) {
            throw new IllegalStateException(directory + " is not a fast-jar directory (app/, lib/main/)");
        }
        Path training = Files.createTempFile("wsroute-lint-training", ".yaml");
        Path written = directory.resolve(ShortRunClassPath.ARCHIVE + ".tmp");
        Path log = Files.createTempFile("wsroute-lint-training", ".log");
        try {
            Files.writeString(training, trainingManifest(examples(args)), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(ShortRunLauncher.JVM_OPTIONS);
            command.add("-XX:ArchiveClassesAtExit=" + written);
            command.addAll(new ShortRunClassPath(classPath.get().jars(), Optional.empty()).jvmArguments());
            command.addAll(List.of("lint", training.toString()));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put(ShortRunLauncher.STARTED, "1");
            int exit = builder.start().waitFor();
            // 1: the examples have findings
            if ((exit != 0 && exit != 1) || !Files.isRegularFile(written)) {
                throw new IllegalStateException("lint for the class-data archive exited " + exit + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ArchiveStamp.of(archive).write(stamp);
            System.out.printf("ShortRunArchive: %s (%d KiB)%n", archive, Files.size(archive) >> 10);
        } finally {
            Files.deleteIfExists(training);
            Files.deleteIfExists(written);
            Files.deleteIfExists(log);
        }
    }

    private static List<Path> examples(String[] args) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            try (Stream<Path> walk = Files.walk(Path.of(args[i]))) {
                walk.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                        .sorted()
                        .forEach(files::add);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no *.yaml examples to train on");
        }
        return files;
    }

    /** The examples' documents again and again, until the launcher would start a short-run JVM for them. */
    static String trainingManifest(List<Path> examples) {
        List<String> texts = examples.stream()
                .map(file -> {
                    try {
                        return Files.readString(file, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
        StringBuilder manifest = new StringBuilder();
        while (!ShortRunJit.worthIt(manifest.length())) {
            for (String text : texts) {
                manifest.append("---\n").append(text).append('\n');
            }
        }
        return manifest.toString();
    }
}
