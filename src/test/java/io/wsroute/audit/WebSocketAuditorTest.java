package io.wsroute.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.wsroute.admission.FixedClusterView;
import io.wsroute.admission.FixedGatewayApiView;
import io.wsroute.audit.AuditSink.RuleSeverity;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The audit's bookkeeping with a stand-in rules engine (findings named in a test annotation), so each test says
 * exactly which Events, report writes and evaluations a sequence of cache changes causes.
 */
class WebSocketAuditorTest {

    private static final String FINDINGS = "test/findings";

    private final FixedClusterView cluster = new FixedClusterView();
    private final RecordingSink sink = new RecordingSink();
    private final AtomicInteger evaluations = new AtomicInteger();
    private final FixedGatewayApiView gatewayApi = new FixedGatewayApiView();
    private WebSocketAuditor auditor = auditor(500);

    @Test
    void firstStepAuditsEveryIngressOnceAndReportsPerNamespace() {
        put("team-a", "chat", 1, "WS101,WS201");
        put("team-a", "api", 1, "");
        put("team-b", "feed", 1, "WS101");

        assertThat(auditor.step(false)).isEqualTo(3);

        assertThat(sink.events).containsExactlyInAnyOrder("team-a/chat:WS101,WS201", "team-b/feed:WS101");
        assertThat(sink.reports).containsOnlyKeys("team-a", "team-b");
        AuditReportSpec a = sink.reports.get("team-a");
        assertThat(a.summary()).isEqualTo(new AuditReportSpec.AuditSummary(2, 1, 1, 1, 0, 0));
        assertThat(a.results())
                .extracting(AuditReportSpec.AuditResult::ingress, AuditReportSpec.AuditResult::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("chat", "WS101"),
                        org.assertj.core.groups.Tuple.tuple("chat", "WS201"));
        assertThat(sink.totals)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(new RuleSeverity("WS101", "error"), 2, new RuleSeverity("WS201", "warning"), 1));
        assertThat(sink.audited).isEqualTo(3);
    }

    @Test
    void acceptedWarningsAreCountedApartAndNeverReportedAsFindings() {
        put("team-a", "chat", 1, "WS101,~WS203,~WS204");
        put("team-a", "feed", 1, "~WS203");

        auditor.step(false);

        AuditReportSpec a = sink.reports.get("team-a");
        assertThat(a.summary()).isEqualTo(new AuditReportSpec.AuditSummary(2, 1, 1, 0, 3, 0));
        assertThat(a.results()).extracting(AuditReportSpec.AuditResult::rule).containsExactly("WS101");
        assertThat(sink.events).containsExactly("team-a/chat:WS101");
        assertThat(sink.totals).containsOnlyKeys(new RuleSeverity("WS101", "error"));
        assertThat(sink.acceptedTotals).containsExactlyInAnyOrderEntriesOf(Map.of("WS203", 2, "WS204", 1));

        // the acceptance goes away: the warning is open again, and the report changes
        auditor.changed(put("team-a", "feed", 2, "WS203"));
        auditor.step(false);
        assertThat(sink.reports.get("team-a").summary()).isEqualTo(new AuditReportSpec.AuditSummary(2, 2, 1, 1, 2, 0));
        assertThat(sink.acceptedTotals).containsExactlyInAnyOrderEntriesOf(Map.of("WS203", 1, "WS204", 1));
    }

    @Test
    void nothingChangedMeansNoEvaluationNoEventNoWrite() {
        put("team-a", "chat", 1, "WS101");
        auditor.step(false);
        sink.clear();

        assertThat(auditor.hasWork()).isFalse();
        assertThat(auditor.step(false)).isZero();
        assertThat(sink.events).isEmpty();
        assertThat(sink.reportWrites).isZero();
    }

    @Test
    void aForcedPassEvaluatesEverythingAgainButReportsNothingNew() {
        put("team-a", "chat", 1, "WS101");
        put("team-a", "api", 1, "");
        auditor.step(false);
        sink.clear();

        assertThat(auditor.step(true)).isEqualTo(2);
        assertThat(sink.events).isEmpty();
        assertThat(sink.reportWrites).isZero();
    }

    @Test
    void anIngressChangeReevaluatesThatIngressOnlyAndEventsOnlyWhenFindingsChange() {
        put("team-a", "chat", 1, "WS101");
        put("team-a", "api", 1, "");
        auditor.step(false);
        sink.clear();

        auditor.changed(put("team-a", "chat", 2, "WS101"));
        assertThat(auditor.step(false)).isEqualTo(1);
        assertThat(sink.events).isEmpty();
        assertThat(sink.reportWrites).isZero();

        auditor.changed(put("team-a", "chat", 3, ""));
        assertThat(auditor.step(false)).isEqualTo(1);
        assertThat(sink.events).containsExactly("team-a/chat:");
        assertThat(sink.reports.get("team-a").summary()).isEqualTo(new AuditReportSpec.AuditSummary(2, 0, 0, 0, 0, 0));
        assertThat(sink.totals).isEmpty();
    }

    @Test
    void burstsOfChangesCoalesceIntoOneEvaluation() {
        put("team-a", "chat", 1, "WS101");
        auditor.step(false);
        sink.clear();
        for (int rv = 2; rv < 50; rv++) {
            auditor.changed(put("team-a", "chat", rv, rv < 49 ? "WS101" : "WS102"));
        }
        assertThat(auditor.step(false)).isEqualTo(1);
        assertThat(sink.events).containsExactly("team-a/chat:WS102");
    }

    @Test
    void aServiceChangeReevaluatesItsNamespaceAndAControllerChangeEverything() {
        put("team-a", "chat", 1, "WS101");
        put("team-b", "feed", 1, "");
        auditor.step(false);

        auditor.changed(
                new ServiceBuilder().withMetadata(meta("team-a", "backend", 1)).build());
        assertThat(auditor.step(false)).isEqualTo(1);

        auditor.changed(new IngressClassBuilder()
                .withNewMetadata()
                .withName("nginx")
                .endMetadata()
                .build());
        assertThat(auditor.step(false)).isEqualTo(2);
    }

    @Test
    void aNamespaceLabelChangeReevaluatesThatNamespaceAtTheNextStepNotTheNextPass() {
        put("team-a", "chat", 1, "WS101");
        put("team-b", "feed", 1, "");
        auditor.step(false);
        assertThat(auditor.hasWork()).isFalse();

        cluster.withNamespace("team-a", Map.of("wsroute.io/admission", "warn"));
        auditor.changed(new NamespaceBuilder()
                .withNewMetadata()
                .withName("team-a")
                .addToLabels("wsroute.io/admission", "warn")
                .endMetadata()
                .build());

        assertThat(auditor.hasWork()).isTrue();
        assertThat(auditor.step(false)).as("team-a's Ingress only").isEqualTo(1);
        assertThat(auditor.hasWork()).isFalse();
    }

    @Test
    void aDeletedIngressLeavesTheReportWithoutAnEvent() {
        Ingress chat = put("team-a", "chat", 1, "WS101");
        auditor.step(false);
        sink.clear();

        cluster.ingresses.remove(chat);
        auditor.changed(chat);
        auditor.step(false);
        assertThat(sink.events).isEmpty();
        assertThat(sink.reports.get("team-a").summary()).isEqualTo(new AuditReportSpec.AuditSummary(0, 0, 0, 0, 0, 0));
    }

    @Test
    void aRestartSeededFromTheReportsDoesNotRepeatEvents() {
        put("team-a", "chat", 1, "WS101,WS201");
        put("team-a", "api", 1, "WS101");
        auditor.step(false);
        WebSocketAuditReport stored = new WebSocketAuditReport();
        stored.setMetadata(meta("team-a", WebSocketAuditReport.NAME, 1));
        stored.setSpec(sink.reports.get("team-a"));
        put("team-a", "api", 2, "WS102");
        sink.clear();

        auditor = auditor(500);
        auditor.seed(List.of(stored));
        assertThat(auditor.step(false)).isEqualTo(2);

        assertThat(sink.events).containsExactly("team-a/api:WS102");
        assertThat(sink.reportWrites).isEqualTo(1);
    }

    @Test
    void reportsKeepAtMostTheConfiguredResultsButCountThemAll() {
        auditor = auditor(2);
        put("team-a", "chat", 1, "WS101,WS102,WS103");
        auditor.step(false);
        AuditReportSpec report = sink.reports.get("team-a");
        assertThat(report.results()).hasSize(2);
        assertThat(report.truncated()).isTrue();
        assertThat(report.summary().errors()).isEqualTo(3);
    }

    @Test
    void aReportThatCouldNotBeWrittenIsTriedAgain() {
        sink.failWrites = true;
        put("team-a", "chat", 1, "WS101");
        auditor.step(false);
        assertThat(sink.reports).isEmpty();

        sink.failWrites = false;
        assertThat(auditor.hasWork()).isTrue();
        auditor.step(false);
        assertThat(sink.reports).containsKey("team-a");
        assertThat(sink.events).hasSize(1);
    }

    @Test
    void httpRoutesAreAuditedBesideIngressesAndReportedUnderTheirOwnName() {
        put("team-a", "chat", 1, "WS101");
        HTTPRoute route = putRoute("team-a", "chat", 1, "WS131");
        putRoute("team-a", "feed", 1, "");

        assertThat(auditor.step(false)).isEqualTo(3);

        assertThat(sink.events).containsExactlyInAnyOrder("team-a/chat:WS101", "route team-a/chat:WS131");
        AuditReportSpec a = sink.reports.get("team-a");
        assertThat(a.summary()).isEqualTo(new AuditReportSpec.AuditSummary(1, 2, 2, 0, 0, 2));
        assertThat(a.results())
                .extracting(
                        AuditReportSpec.AuditResult::ingress,
                        AuditReportSpec.AuditResult::httpRoute,
                        AuditReportSpec.AuditResult::rule)
                .as("Ingresses first, then HTTPRoutes, each named in its own field")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("chat", null, "WS101"),
                        org.assertj.core.groups.Tuple.tuple(null, "chat", "WS131"));
        assertThat(sink.audited).isEqualTo(1);
        assertThat(sink.auditedRoutes).isEqualTo(2);

        // the route changes: only it is evaluated again, and its Event says the finding went away
        sink.clear();
        auditor.changed(putRoute("team-a", "chat", 2, ""));
        assertThat(auditor.step(false)).isEqualTo(1);
        assertThat(sink.events).containsExactly("route team-a/chat:");

        // deleted: it leaves the report, and an Ingress of the same name stays
        gatewayApi.without("HTTPRoute", "chat");
        auditor.changed(route);
        auditor.step(false);
        assertThat(sink.reports.get("team-a").summary()).isEqualTo(new AuditReportSpec.AuditSummary(1, 1, 1, 0, 0, 1));
    }

    @Test
    void routesWaitForTheGatewayApiCachesWhileIngressesDoNot() {
        AtomicBoolean listed = new AtomicBoolean(false);
        FixedGatewayApiView listing = new FixedGatewayApiView() {
            @Override
            public boolean synced() {
                return listed.get();
            }
        };
        auditor = new WebSocketAuditor(
                cluster,
                listing,
                object -> {
                    evaluations.incrementAndGet();
                    return Optional.of(new WebSocketAuditor.Evaluated(List.of(), List.of()));
                },
                sink,
                500);
        put("team-a", "chat", 1, "");
        HTTPRoute route = new HTTPRouteBuilder()
                .withMetadata(meta("team-a", "chat", 1))
                .withNewSpec()
                .endSpec()
                .build();
        listing.with(route);
        auditor.changed(route);

        assertThat(auditor.step(false)).as("the Ingress only").isEqualTo(1);
        assertThat(sink.auditedRoutes).isZero();
        assertThat(auditor.hasWork()).as("the route is still pending").isTrue();

        listed.set(true);
        assertThat(auditor.step(false))
                .as("the route, once the caches have listed")
                .isEqualTo(1);
        assertThat(sink.auditedRoutes).isEqualTo(1);
    }

    @Test
    void aPolicyOrGatewayChangeReevaluatesEveryRoute() {
        putRoute("team-a", "chat", 1, "");
        putRoute("team-b", "feed", 1, "");
        auditor.step(false);
        assertThat(auditor.hasWork()).isFalse();

        auditor.changed(new io.wsroute.gateway.ProxySettingsPolicy());
        assertThat(auditor.step(false)).isEqualTo(2);
        auditor.changed(new io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder()
                .withNewMetadata()
                .withNamespace("gateways")
                .withName("public")
                .endMetadata()
                .build());
        assertThat(auditor.step(false)).isEqualTo(2);
    }

    @Test
    void aRestartSeededFromAReportNamingARouteDoesNotRepeatItsEvent() {
        putRoute("team-a", "chat", 1, "WS131");
        auditor.step(false);
        WebSocketAuditReport stored = new WebSocketAuditReport();
        stored.setMetadata(meta("team-a", WebSocketAuditReport.NAME, 1));
        stored.setSpec(sink.reports.get("team-a"));
        sink.clear();

        auditor = auditor(500);
        auditor.seed(List.of(stored));
        auditor.step(false);

        assertThat(sink.events).isEmpty();
    }

    @Test
    void tenThousandIngressesCostOneEvaluationEachThenNothingUntilTheyChange() {
        for (int i = 0; i < 10_000; i++) {
            add("ns-" + (i % 100), "ing-" + i, 1, i % 10 == 0 ? "WS101" : "");
        }
        long start = System.nanoTime();
        assertThat(auditor.step(false)).isEqualTo(10_000);
        assertThat(sink.events).hasSize(1_000);
        assertThat(sink.reportWrites).isEqualTo(100);
        sink.clear();

        auditor.changed(new IngressClassBuilder()
                .withNewMetadata()
                .withName("nginx")
                .endMetadata()
                .build());
        assertThat(auditor.step(false)).isEqualTo(10_000);
        auditor.changed(cluster.ingresses.get(5));
        assertThat(auditor.step(false))
                .as("same resourceVersion: nothing to do")
                .isZero();
        auditor.changed(put("ns-5", "ing-5", 2, ""));
        assertThat(auditor.step(false)).isEqualTo(1);
        assertThat(evaluations.get()).isEqualTo(20_001);
        assertThat(sink.events).isEmpty();
        assertThat(sink.reportWrites).isZero();
        System.out.printf(
                "audit of 10000 Ingresses (stand-in rules), 3 steps: %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    private WebSocketAuditor auditor(int maxResults) {
        return new WebSocketAuditor(
                cluster,
                gatewayApi,
                ingress -> {
                    evaluations.incrementAndGet();
                    // "WS1xx" an error, "WS2xx" a warning, "~WS2xx" a warning accepted with wsroute.io/accept
                    String names = ingress.getMetadata().getAnnotations().getOrDefault(FINDINGS, "");
                    List<Finding> all = Arrays.stream(names.split(","))
                            .filter(n -> !n.isEmpty())
                            .map(name -> new Finding(
                                    name,
                                    name.startsWith("WS1") ? Severity.ERROR : Severity.WARNING,
                                    HasMetadata.getKind(ingress.getClass()),
                                    ingress.getMetadata().getNamespace(),
                                    ingress.getMetadata().getName(),
                                    "metadata.annotations",
                                    name + " broken",
                                    "fix " + name))
                            .toList();
                    return Optional.of(new WebSocketAuditor.Evaluated(
                            all.stream().filter(f -> !f.rule().startsWith("~")).toList(),
                            all.stream()
                                    .filter(f -> f.rule().startsWith("~"))
                                    .map(f -> new Finding(
                                            f.rule().substring(1),
                                            f.severity(),
                                            f.kind(),
                                            f.namespace(),
                                            f.name(),
                                            f.field(),
                                            f.message(),
                                            f.fix()))
                                    .toList()));
                },
                sink,
                maxResults);
    }

    private HTTPRoute putRoute(String namespace, String name, int resourceVersion, String findings) {
        gatewayApi.without("HTTPRoute", name);
        HTTPRoute route = new HTTPRouteBuilder()
                .withMetadata(new ObjectMetaBuilder(meta(namespace, name, resourceVersion))
                        .addToAnnotations(FINDINGS, findings)
                        .build())
                .withNewSpec()
                .endSpec()
                .build();
        gatewayApi.with(route);
        return route;
    }

    private Ingress put(String namespace, String name, int resourceVersion, String findings) {
        cluster.ingresses.removeIf(i -> i.getMetadata().getNamespace().equals(namespace)
                && i.getMetadata().getName().equals(name));
        return add(namespace, name, resourceVersion, findings);
    }

    private Ingress add(String namespace, String name, int resourceVersion, String findings) {
        Ingress ingress = new IngressBuilder()
                .withMetadata(new ObjectMetaBuilder(meta(namespace, name, resourceVersion))
                        .addToAnnotations(FINDINGS, findings)
                        .build())
                .withNewSpec()
                .endSpec()
                .build();
        cluster.ingresses.add(ingress);
        return ingress;
    }

    private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String namespace, String name, int resourceVersion) {
        return new ObjectMetaBuilder()
                .withNamespace(namespace)
                .withName(name)
                .withResourceVersion(Integer.toString(resourceVersion))
                .build();
    }

    private static final class RecordingSink implements AuditSink {
        final List<String> events = new ArrayList<>();
        final Map<String, AuditReportSpec> reports = new java.util.HashMap<>();
        int reportWrites;
        Map<RuleSeverity, Integer> totals = Map.of();
        Map<String, Integer> acceptedTotals = Map.of();
        int audited;
        int auditedRoutes;
        boolean failWrites;

        @Override
        public void findingsChanged(HasMetadata ingress, List<Finding> before, List<Finding> now) {
            events.add((ingress instanceof HTTPRoute ? "route " : "")
                    + ingress.getMetadata().getNamespace() + "/"
                    + ingress.getMetadata().getName() + ":"
                    + String.join(",", now.stream().map(Finding::rule).toList()));
        }

        @Override
        public boolean report(String namespace, AuditReportSpec report) {
            if (failWrites) {
                return false;
            }
            reportWrites++;
            reports.put(namespace, report);
            return true;
        }

        @Override
        public void totals(
                Map<RuleSeverity, Integer> findings,
                Map<String, Integer> accepted,
                int audited,
                int auditedRoutes,
                int evaluated) {
            totals = findings;
            acceptedTotals = accepted;
            this.audited = audited;
            this.auditedRoutes = auditedRoutes;
        }

        void clear() {
            events.clear();
            reports.clear();
            reportWrites = 0;
        }
    }
}
