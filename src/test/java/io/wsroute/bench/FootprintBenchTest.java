package io.wsroute.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FootprintBenchTest {

    /** Lines of JDK 25's VM.native_memory summary, the AOT cache's with a field after committed=. */
    @Test
    void summarisesEveryCategoryOfAJdk25NmtSummaryIncludingTheMappedCache() {
        String nmt = """
                Total: reserved=1896615KB, committed=147583KB
                -                 Java Heap (reserved=393216KB, committed=32604KB)
                -                      Code (reserved=247316KB, committed=13603KB)
                -        Shared class space (reserved=86016KB, committed=84204KB, readonly=0KB)
                -                 Metaspace (reserved=65536KB, committed=4928KB)
                """;

        String summary = FootprintBench.summarise(nmt, 188208);

        assertThat(summary)
                .contains("total committed 144.1 MiB (RSS 183.8 MiB)")
                .containsPattern("Shared class space +82\\.2 MiB")
                .containsPattern("Java Heap +31\\.8 MiB");
        assertThat(summary.indexOf("Shared class space")).isLessThan(summary.indexOf("Java Heap"));
    }

    /** "As deployed" carries the chart's memory options, so the benchmark measures what the chart runs. */
    @Test
    void asDeployedCarriesTheChartsMemoryOptions() throws Exception {
        String values = Files.readString(Path.of("helm/wsroute/values.yaml"));

        Matcher gcOptions = Pattern.compile("\\n  gcOptions: \"([^\"]*)\"").matcher(values);
        assertThat(gcOptions.find()).isTrue();
        assertThat(FootprintBench.AS_DEPLOYED)
                .containsAll(List.of(gcOptions.group(1).split(" ")));
        Matcher heap = Pattern.compile("\\n  maxRamPercentage: (\\d+)").matcher(values);
        assertThat(heap.find()).isTrue();
        // run-java.sh's own percentage comes first; the chart's, appended after it, is the one the JVM keeps
        assertThat(FootprintBench.AS_DEPLOYED.stream()
                        .filter(option -> option.startsWith("-XX:MaxRAMPercentage="))
                        .reduce((first, last) -> last))
                .hasValue("-XX:MaxRAMPercentage=" + heap.group(1));
    }
}
