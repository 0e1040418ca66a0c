package io.wsroute.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.wsroute.audit.AuditPublisher;
import io.wsroute.audit.AuditReportSpec;
import io.wsroute.audit.AuditReportSpec.AuditResult;
import io.wsroute.audit.WebSocketAuditReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The background audit on HTTPRoutes, on a real API server serving the Gateway API CRDs and NGF's
 * ProxySettingsPolicy CRD: a WebSocket route left at NGF's 60 s idle timeout is listed in its namespace's
 * WebSocketAuditReport and gets an Event; the policy that raises its timeouts clears both.
 */
@QuarkusTest
@QuarkusTestResource(
        value = GatewayApiServer.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = "crds", value = "true"),
            @ResourceArg(name = "wsroute.audit.enabled", value = "true"),
            @ResourceArg(name = "wsroute.audit.debounce", value = "200ms"),
            @ResourceArg(name = "wsroute.audit.interval", value = "2s")
        })
class GatewayApiAuditIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KubernetesClient client;

    @BeforeAll
    static void seed() {
        client = RealApiServer.client();
        ClusterSeed.namespace(client, "apps");
        ClusterSeed.webSocketService(client, "apps", "chat");
        ClusterSeed.ngfGateway(client, "nginx");
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void aRouteLeftAtSixtySecondsIsReportedThenClearedByItsPolicy() {
        client.resourceList(GatewayApiIT.route("idle", "chat", 8080, "")).create();

        AuditReportSpec report = await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        GatewayApiAuditIT::report,
                        r -> r != null
                                && r.summary().httpRoutes() >= 1
                                && !r.results().isEmpty());
        assertThat(report.results())
                .extracting(AuditResult::httpRoute, AuditResult::ingress, AuditResult::rule)
                .contains(org.assertj.core.groups.Tuple.tuple("idle", null, "WS130"));
        await().atMost(WAIT)
                .until(() -> events("idle").stream()
                        .anyMatch(e -> AuditPublisher.FINDINGS.equals(e.getReason())
                                && e.getMessage().contains("WS130")
                                && "gateway.networking.k8s.io/v1"
                                        .equals(e.getInvolvedObject().getApiVersion())));

        client.resourceList(GatewayApiIT.policy("idle-timeouts", "idle", "{read: 24h, send: 24h}"))
                .create();

        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(GatewayApiAuditIT::report, r -> r != null && r.results().isEmpty());
        await().atMost(WAIT)
                .until(() -> events("idle").stream().anyMatch(e -> AuditPublisher.RESOLVED.equals(e.getReason())));
    }

    private static AuditReportSpec report() {
        return Optional.ofNullable(client.resources(WebSocketAuditReport.class)
                        .inNamespace("apps")
                        .withName(WebSocketAuditReport.NAME)
                        .get())
                .map(WebSocketAuditReport::getSpec)
                .orElse(null);
    }

    private static List<Event> events(String route) {
        return client.v1().events().inNamespace("apps").list().getItems().stream()
                .filter(e -> "HTTPRoute".equals(e.getInvolvedObject().getKind())
                        && route.equals(e.getInvolvedObject().getName()))
                .toList();
    }
}
