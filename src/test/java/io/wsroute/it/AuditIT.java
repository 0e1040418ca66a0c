package io.wsroute.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wsroute.audit.AuditPublisher;
import io.wsroute.audit.WebSocketAuditReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The audit against a real kube-apiserver: Ingresses written while wsroute was down (its webhooks not registered)
 * are found on start-up, reported once (one Event, the namespace's report), and forced passes every 2 s do not
 * report them again; fixing one is reported once more.
 */
@QuarkusTest
@QuarkusTestResource(value = AuditIT.ApiServerWithLegacyIngresses.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT {

    static final String NS = "legacy";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KubernetesClient client;

    /** The real API server, with two Ingresses written before wsroute's webhooks exist, and the audit on. */
    public static class ApiServerWithLegacyIngresses extends RealApiServer {
        @Override
        public Map<String, String> start() {
            Map<String, String> properties = super.start();
            try (KubernetesClient client = client()) {
                client.admissionRegistration()
                        .v1()
                        .validatingWebhookConfigurations()
                        .withName("wsroute-validating")
                        .delete();
                client.admissionRegistration()
                        .v1()
                        .mutatingWebhookConfigurations()
                        .withName("wsroute-mutating")
                        .delete();
                client.network()
                        .v1()
                        .ingressClasses()
                        .resource(new IngressClassBuilder()
                                .withNewMetadata()
                                .withName("nginx")
                                .addToAnnotations("ingressclass.kubernetes.io/is-default-class", "true")
                                .endMetadata()
                                .withNewSpec()
                                .withController("k8s.io/ingress-nginx")
                                .endSpec()
                                .build())
                        .serverSideApply();
                client.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(NS)
                                .addToLabels("kubernetes.io/metadata.name", NS)
                                .endMetadata()
                                .build())
                        .serverSideApply();
                client.services()
                        .inNamespace(NS)
                        .resource(new ServiceBuilder()
                                .withNewMetadata()
                                .withName("chat")
                                .endMetadata()
                                .withNewSpec()
                                .addNewPort()
                                .withName("http")
                                .withProtocol("TCP")
                                .withPort(8080)
                                .endPort()
                                .endSpec()
                                .build())
                        .serverSideApply();
                client.resource(ingress("broken", "1.0")).create();
                client.resource(new IngressBuilder(ingress("plain", "1.1"))
                                .editMetadata()
                                .withAnnotations(Map.of())
                                .endMetadata()
                                .build())
                        .create();
                registerWebhooks(client, "https://127.0.0.1:" + webhookPort, certificates.caBundleBase64, "wsroute");
            }
            properties.put("wsroute.audit.enabled", "true");
            properties.put("wsroute.audit.debounce", "200ms");
            properties.put("wsroute.audit.interval", "2s");
            return properties;
        }
    }

    @BeforeAll
    static void connect() {
        client = RealApiServer.client();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    @Order(1)
    void anIngressWrittenWhileWsrouteWasDownIsReportedOnce() {
        WebSocketAuditReport report = await().atMost(WAIT)
                .until(AuditIT::report, r -> r != null && r.getSpec().summary().failing() == 1);
        assertThat(report.getSpec().summary().ingresses()).isEqualTo(2);
        assertThat(report.getSpec().results())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.ingress()).isEqualTo("broken"))
                .anySatisfy(r -> assertThat(r.rule()).isEqualTo("WS105"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("broken")).hasSize(1));
        Event event = events("broken").get(0);
        assertThat(event.getReason()).isEqualTo(AuditPublisher.FINDINGS);
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getMessage()).contains("WS105");
        assertThat(events("plain")).isEmpty();
        assertThat(metric("wsroute_audit_findings\\{[^}]*rule=\"WS105\"[^}]*\\}"))
                .isEqualTo(1.0);
        assertThat(metric("wsroute_audit_ingresses(\\{\\})?")).isEqualTo(2.0);
    }

    @Test
    @Order(2)
    void forcedPassesEvaluateAgainButReportNothingNew() {
        double before = metric("wsroute_audit_evaluations_total(\\{\\})?");
        // Two periodic passes (every 2 s) each evaluate both Ingresses again.
        await().atMost(WAIT).until(() -> metric("wsroute_audit_evaluations_total(\\{\\})?") >= before + 4);
        assertThat(events("broken")).hasSize(1);
        assertThat(report().getMetadata().getManagedFields())
                .extracting(f -> f.getManager())
                .containsExactly(AuditPublisher.FIELD_MANAGER);
        assertThat(report().getMetadata().getGeneration())
                .as("the report was written once")
                .isEqualTo(1L);
    }

    @Test
    @Order(3)
    void fixingTheIngressIsReportedOnceMore() {
        client.network()
                .v1()
                .ingresses()
                .inNamespace(NS)
                .withName("broken")
                .edit(i -> new IngressBuilder(i)
                        .editMetadata()
                        .addToAnnotations("nginx.ingress.kubernetes.io/proxy-http-version", "1.1")
                        .endMetadata()
                        .build());
        await().atMost(WAIT).until(() -> report().getSpec().summary().failing() == 0);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(events("broken"))
                        .extracting(Event::getReason)
                        .containsExactlyInAnyOrder(AuditPublisher.FINDINGS, AuditPublisher.RESOLVED));
        assertThat(metric("wsroute_audit_findings\\{[^}]*rule=\"WS105\"[^}]*\\}"))
                .isZero();
    }

    static Ingress ingress(String name, String httpVersion) {
        return new IngressBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .addToAnnotations("wsroute.io/websocket", "true")
                .addToAnnotations("nginx.ingress.kubernetes.io/proxy-http-version", httpVersion)
                .addToAnnotations("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .addToAnnotations("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")
                .endMetadata()
                .withNewSpec()
                .addNewRule()
                .withHost(name + ".example.com")
                .withNewHttp()
                .addNewPath()
                .withPath("plain".equals(name) ? "/api" : "/ws")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName("chat")
                .withNewPort()
                .withNumber(8080)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }

    private static WebSocketAuditReport report() {
        return client.resources(WebSocketAuditReport.class)
                .inNamespace(NS)
                .withName(WebSocketAuditReport.NAME)
                .get();
    }

    private static List<Event> events(String ingress) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "Ingress".equals(e.getInvolvedObject().getKind())
                        && ingress.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    /** A sample's value from /q/metrics; NaN when the series is absent. */
    static double metric(String seriesRegex) {
        String scrape =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + seriesRegex + " (?<value>\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group("value")) : Double.NaN;
    }
}
