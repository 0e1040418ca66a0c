package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.wsroute.route.api.WebSocketRoute;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * crds/ holds the CRD as the build generates it (fabric8's CRD generator, the one quarkus-operator-sdk runs at
 * package time). This test generates it again from the model and fails when the committed copy, or the chart's
 * copy in helm/wsroute/crds/, differs.
 * Regenerate with {@code ./mvnw -B -q test -Dtest=CrdFileTest -Dwsroute.regenerate-crds=true}.
 */
class CrdFileTest {

    static final Path COMMITTED = Path.of("crds", "websocketroutes.wsroute.io-v1.yml");
    /** Helm installs what is in a chart's crds/ before the templates. */
    static final Path CHART_COPY = Path.of("helm", "wsroute", "crds", "websocketroutes.wsroute.io-v1.yml");

    /** The audit's report resource (io.wsroute.audit), kept in sync the same way. */
    @Test
    void committedReportCrdIsWhatTheModelGenerates() throws Exception {
        String name = "websocketauditreports.wsroute.io-v1.yml";
        File dir =
                Files.createDirectories(Path.of("target", "crd-check-report")).toFile();
        int generated = new CRDGenerator()
                .inOutputDir(dir)
                .forCRDVersions("v1")
                .customResourceClasses(io.wsroute.audit.WebSocketAuditReport.class)
                .generate();
        assertThat(generated).isEqualTo(1);
        String fresh = Files.readString(dir.toPath().resolve(name));
        Path committed = Path.of("crds", name);
        Path chartCopy = Path.of("helm", "wsroute", "crds", name);
        if (Boolean.getBoolean("wsroute.regenerate-crds")) {
            Files.writeString(committed, fresh);
            Files.writeString(chartCopy, fresh);
        }
        assertThat(Files.readString(committed)).as("crds/ is stale: regenerate").isEqualTo(fresh);
        assertThat(Files.readString(chartCopy))
                .as("the chart's copy differs from crds/: regenerate")
                .isEqualTo(fresh);
        assertThat(fresh).contains("shortNames:\n    - \"wsar\"").doesNotContain("subresources");
    }

    @Test
    void committedCrdIsWhatTheModelGenerates() throws Exception {
        File dir = Files.createDirectories(Path.of("target", "crd-check")).toFile();
        int generated = new CRDGenerator()
                .inOutputDir(dir)
                .forCRDVersions("v1")
                .customResourceClasses(WebSocketRoute.class)
                .generate();
        assertThat(generated).isEqualTo(1);
        String fresh = Files.readString(dir.toPath().resolve(COMMITTED.getFileName()));
        if (Boolean.getBoolean("wsroute.regenerate-crds")) {
            Files.writeString(COMMITTED, fresh);
            Files.writeString(CHART_COPY, fresh);
        }
        assertThat(Files.readString(COMMITTED))
                .as("crds/ is stale: regenerate with -Dtest=CrdFileTest -Dwsroute.regenerate-crds=true")
                .isEqualTo(fresh);
        assertThat(Files.readString(CHART_COPY))
                .as("the chart's copy of the CRD differs from crds/: regenerate")
                .isEqualTo(fresh);
        assertThat(fresh)
                .contains("name: \"websocketroutes.wsroute.io\"")
                .contains("shortNames:\n    - \"wsr\"")
                .contains("status: {}");
    }
}
