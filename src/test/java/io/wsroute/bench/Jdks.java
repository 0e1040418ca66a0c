package io.wsroute.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs a benchmark compares: the one running it (the project's default, Java 17) and a JDK 25 or newer, which
 * the AOT cache needs (README "Requirements"). {@code WSROUTE_JDK25} names the JDK 25 home; otherwise the newest
 * JDK of 25 or more under {@code /usr/lib/jvm} is taken.
 */
final class Jdks {

    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private Jdks() {}

    /** The {@code java} of the JVM running this code. */
    static Path current() {
        return Path.of(ProcessHandle.current().info().command().orElse("java"));
    }

    /** A JDK 25+ {@code java}, when this machine has one. */
    static Optional<Path> jdk25() {
        String configured = System.getenv("WSROUTE_JDK25");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured, "bin", "java")).filter(Files::isExecutable);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> featureVersion(home) >= 25)
                    .max(Comparator.comparingInt(Jdks::featureVersion))
                    .map(home -> home.resolve("bin/java"))
                    .filter(Files::isExecutable);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature version a JDK home's {@code release} file declares, 0 when it has none. */
    static int featureVersion(Path home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
