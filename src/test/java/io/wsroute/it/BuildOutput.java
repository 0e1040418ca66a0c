package io.wsroute.it;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * This build's Maven output directory, found from where the test classes were loaded
 * ({@code <build.dir>/test-classes}), so a run with another {@code -Dbuild.dir} finds its own packaged jars.
 */
public final class BuildOutput {

    private BuildOutput() {}

    /** {@code <build.dir>}, normally {@code target}. */
    public static Path directory() {
        try {
            return Path.of(BuildOutput.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fast-jar that {@code java -jar} runs: {@code <build.dir>/quarkus-app/quarkus-run.jar}. */
    public static Path packagedJar() {
        return directory().resolve("quarkus-app/quarkus-run.jar");
    }
}
