package io.wsroute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.wsroute.admission.AdmissionMetrics;
import io.wsroute.audit.AuditMetrics;
import io.wsroute.audit.AuditSink.RuleSeverity;
import io.wsroute.probe.ProbeMetrics;
import io.wsroute.probe.ProbeOutcome;
import io.wsroute.probe.ProbeResult;
import io.wsroute.route.RouteCondition;
import io.wsroute.route.RouteMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric wsroute exports, as Prometheus scrapes it: the README documents each one, and the chart's Grafana
 * dashboard queries only those (a renamed metric would otherwise leave an empty panel).
 */
class MetricsCatalogueTest {

    private static final Pattern METRIC = Pattern.compile("wsroute_[a-z_]+");

    @Test
    void readmeDocumentsEveryExportedMetric() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(exported())
                .isNotEmpty()
                .allSatisfy(name ->
                        assertThat(readme).as("README documents %s", name).contains("`" + family(name)));
    }

    @Test
    void theDashboardQueriesOnlyExportedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper()
                .readTree(
                        Path.of("helm", "wsroute", "dashboards", "wsroute.json").toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher m = METRIC.matcher(expr.asText());
            while (m.find()) {
                queried.add(m.group());
            }
        }
        assertThat(queried).hasSizeGreaterThanOrEqualTo(8);
        assertThat(exported()).containsAll(queried);
    }

    /** Sample names in a scrape after every metric of wsroute has been recorded once. */
    static Set<String> exported() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new AdmissionMetrics(registry).record("ingress/validate", AdmissionMetrics.DENIED, 1_000_000);
        AuditMetrics audit = new AuditMetrics(registry);
        audit.totals(Map.of(new RuleSeverity("WS101", "error"), 1), Map.of("WS103", 1), 1, 1, 1);
        audit.event("WebSocketFindings");
        new RouteMetrics(registry).reconciled(RouteCondition.ok(RouteCondition.READY, "IngressReady", "ok"), 1_000_000);
        new ProbeMetrics(registry)
                .record(new ProbeResult(ProbeOutcome.UPGRADED, OptionalInt.of(101), "101", Duration.ofMillis(3)));
        Set<String> names = new TreeSet<>();
        registry.scrape().lines().filter(l -> l.startsWith("wsroute_")).forEach(l -> {
            Matcher m = METRIC.matcher(l);
            if (m.find()) {
                names.add(m.group());
            }
        });
        return names;
    }

    /** A histogram's series share its family name. */
    private static String family(String sample) {
        return sample.replaceAll("_(bucket|count|sum|max)$", "");
    }
}
