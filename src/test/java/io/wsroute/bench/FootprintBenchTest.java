package io.wsroute.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
}
