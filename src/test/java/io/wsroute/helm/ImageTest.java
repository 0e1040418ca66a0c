package io.wsroute.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The container image (no engine here to build it) and the chart must agree on the JVM: the image trains its AOT
 * cache with hack/aot-train.sh, and a JDK 25 refuses a cache written with another object layout, so the options the
 * training runs with, the image's own JAVA_OPTS_APPEND and the chart's default jvm.runtimeOptions carry the same
 * -XX:+UseCompactObjectHeaders, and both point at the cache the training wrote.
 */
class ImageTest {

    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");

    @Test
    void theImageRunsJava25WithTheCacheItTrainedWithTheSameObjectLayout() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);

        assertThat(dockerfile).contains("ARG RUNTIME=registry.access.redhat.com/ubi9/openjdk-25-runtime:");
        assertThat(match(dockerfile, "JAVA_OPTIONS=\"([^\"]*)\"")).isEqualTo("-XX:+UseCompactObjectHeaders");
        assertThat(match(dockerfile, "bash \\S+/aot-train\\.sh (/\\S+)")).isEqualTo("/tmp/aot");
        assertThat(dockerfile).contains("COPY --from=aot-training --chown=185 /tmp/aot/ /deployments/aot/");
        assertThat(match(dockerfile, "ENV JAVA_OPTS_APPEND=\"([^\"]*)\""))
                .contains("-XX:+UseCompactObjectHeaders", "-XX:AOTCache=/deployments/aot/wsroute.aot");
        assertThat(Files.readString(Path.of("helm/wsroute/values.yaml")))
                .contains("runtimeOptions: \"-XX:+UseCompactObjectHeaders -XX:AOTCache=/deployments/aot/wsroute.aot\"");
    }

    /**
     * The image ships, and trains its cache on, the build's aot-jar packaging: with every jar on the JVM's class path
     * the cache holds the application's classes loaded and linked (Quarkus's fast-jar loader is one it cannot serve).
     */
    @Test
    void theImageShipsTheAotJarPackagingThatTheBuildWrites() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        String pom = Files.readString(Path.of("pom.xml"));

        List<String> copied = Pattern.compile("COPY --chown=185 (target/\\S+)")
                .matcher(dockerfile)
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(copied).hasSize(5).allMatch(source -> source.startsWith("target/quarkus-aot-app/"));
        String image = match(pom, "(?s)<id>image</id>(.*?)</execution>");
        assertThat(match(image, "<quarkus.package.jar.type>([^<]*)<")).isEqualTo("aot-jar");
        assertThat(match(image, "<quarkus.package.output-directory>([^<]*)<")).isEqualTo("quarkus-aot-app");
        assertThat(Files.readString(Path.of("hack/aot-train.sh")))
                .contains("app=\"${APP:-$here/target/quarkus-aot-app}\"");
    }

    /** The image run alone and the chart both give back what the C library keeps of start-up's native memory. */
    @Test
    void theImageAndTheChartTrimTheNativeHeap() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        String values = Files.readString(Path.of("helm/wsroute/values.yaml"));

        assertThat(match(dockerfile, "ENV JAVA_OPTS_APPEND=\"([^\"]*)\"")).contains("-XX:TrimNativeHeapInterval=5000");
        assertThat(match(values, "\n  gcOptions: \"([^\"]*)\"")).contains("-XX:TrimNativeHeapInterval=5000");
    }

    /** The image run alone (docker run) and the chart select the same collector in run-java.sh. */
    @Test
    void theImageAndTheChartSelectTheSameCollector() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        String values = Files.readString(Path.of("helm/wsroute/values.yaml"));

        String image = match(dockerfile, "ENV GC_CONTAINER_OPTIONS=\"([^\"]*)\"");
        assertThat(image).isEqualTo("-XX:+UseSerialGC");
        assertThat(match(values, "\n  gc: \"([^\"]*)\"")).isEqualTo(image);
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
