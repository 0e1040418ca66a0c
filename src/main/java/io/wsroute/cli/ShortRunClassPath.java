package io.wsroute.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the short-run JVM ({@link ShortRunLauncher}) loads lint from the fast-jar that README's command names: the
 * single jar that the build copies beside it ({@code lint-short-run.jar}, lint's classes alone), or else the jars of
 * its {@code app/} and {@code lib/main/}, on a plain class path with {@code main} called directly, and the
 * class-data archive that the build writes beside them ({@link ShortRunArchive}) while it is as the build wrote it.
 * lint needs nothing of Quarkus's class loader, and classes from the JDK's own class path can come from the
 * archive: the JVM then maps them instead of reading, parsing and verifying about 2,600 classes (README "lint").
 *
 * @param jars the class path, in a fixed order: the archive holds only for the class path it was written with
 * @param archive the class-data archive, if the build left one
 */
record ShortRunClassPath(List<Path> jars, Optional<Path> archive) {

    /** The file the build writes beside {@code quarkus-run.jar}, and its {@link ArchiveStamp}. */
    static final String ARCHIVE = "lint-short-run.jsa";

    static final String STAMP = "lint-short-run.properties";

    /** The single jar ({@code wsroute-cli.jar}), which the build copies beside {@code quarkus-run.jar}. */
    static final String LINT_JAR = "lint-short-run.jar";

    static final String MAIN_CLASS = "io.wsroute.WsrouteMain";

    /**
     * The JVM uses the archive only if it was written by this JVM's build with exactly these jars, and otherwise
     * runs as without it; its notes about that would go to stdout, which is lint's output, so they are off.
     */
    static final List<String> ARCHIVE_OPTIONS = List.of("-Xshare:auto", "-Xlog:cds*=off");

    /** The class path of the fast-jar whose runner is {@code runnerJar}, or empty for another jar (the single jar). */
    static Optional<ShortRunClassPath> of(String runnerJar) {
        try {
            Path directory = Path.of(runnerJar).toRealPath().getParent();
            Path app = directory.resolve("app");
            Path main = directory.resolve("lib").resolve("main");
            if (!Files.isDirectory(app) || !Files.isDirectory(main)) {
                return Optional.empty();
            }
            // the build's copy of the single jar: lint's classes alone, where the 175 jars cost a look into each
            Path lintJar = directory.resolve(LINT_JAR);
            List<Path> jars = new ArrayList<>();
            if (Files.isRegularFile(lintJar)) {
                jars.add(lintJar);
            } else {
                jars.addAll(jarsIn(app));
                jars.addAll(jarsIn(main));
            }
            Path archive = directory.resolve(ARCHIVE);
            boolean usable = Files.isRegularFile(archive) && ArchiveStamp.holds(archive, directory.resolve(STAMP));
            return Optional.of(new ShortRunClassPath(jars, usable ? Optional.of(archive) : Optional.empty()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<Path> jarsIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }

    /** The JVM options and main class that run lint from these jars, before lint's own arguments. */
    List<String> jvmArguments() {
        List<String> arguments = new ArrayList<>();
        archive.ifPresent(file -> {
            arguments.add("-XX:SharedArchiveFile=" + file);
            arguments.addAll(ARCHIVE_OPTIONS);
        });
        arguments.add("-cp");
        arguments.add(classPath());
        arguments.add(MAIN_CLASS);
        return arguments;
    }

    String classPath() {
        return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
    }
}
