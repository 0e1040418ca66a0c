package io.wsroute.cli;

import static io.wsroute.cli.LintRun.CHAT_SERVICE;
import static io.wsroute.cli.LintRun.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.gateway.HttpRouteRules;
import io.wsroute.gateway.ParentGateway;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.gateway.RouteReview;
import io.wsroute.rules.RuleSettings;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** migrate as the command line runs it: manifests on stdout, the report on stderr, exit codes; output passes lint. */
class MigrateCommandTest {

    private static final String GOOD = EXAMPLES + "/good-ingress-nginx.yaml";
    private static final String SOCKET_IO = "src/test/resources/migrate/socketio-chat.yaml";
    private static final String SOCKET_IO_SERVICES = "src/test/resources/migrate/socketio-chat-services.yaml";

    record Run(int exit, String out, String err) {
        private static List<Ingress> parse(String yaml) {
            return Arrays.stream(yaml.split("(?m)^---$"))
                    .filter(doc -> !doc.isBlank())
                    .map(doc -> Serialization.unmarshal(doc, Ingress.class))
                    .toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run migrateStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MigrateCommand.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out),
                new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    static Run migrate(String... args) {
        return migrateStdin("", args);
    }

    @Test
    void aMarkedIngressTranslatesCompletelyAndItsOutputPassesLintForTheF5Controller(@TempDir Path dir)
            throws Exception {
        Run run = migrate("--to", "nginx-inc", GOOD, CHAT_SERVICE);
        assertThat(run.exit()).as(run.toString()).isZero();
        Ingress ingress = Run.parse(run.out()).get(0);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.org/websocket-services", "chat")
                .containsEntry("nginx.org/proxy-read-timeout", "3600s")
                .containsEntry("nginx.org/proxy-send-timeout", "3600s")
                .hasSize(3);
        assertThat(run.err())
                .contains("deploy/examples/good-ingress-nginx.yaml: Ingress demo/chat-good: translated")
                .contains("Service chat carries WebSocket (Service port appProtocol kubernetes.io/ws)")
                .endsWith("1 Ingress migrated, 0 need a decision\n");

        LintRun lint = lintAsNginxInc(dir, run, CHAT_SERVICE);
        assertThat(lint.exit()).as(lint.toString()).isZero();
        assertThat(lint.json()).isEmpty();
    }

    @Test
    void anUnmarkedSocketIoChatGetsWebsocketServicesFromItsSignalsAndTheReportSaysWhatIsLost(@TempDir Path dir)
            throws Exception {
        Run run = migrate("--to", "nginx-inc", SOCKET_IO, SOCKET_IO_SERVICES);
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        Ingress ingress = Run.parse(run.out()).get(0);
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.org/websocket-services", "chat-io,chat-web")
                .containsEntry("nginx.org/proxy-read-timeout", "3600s")
                .containsEntry("nginx.org/client-max-body-size", "8m")
                .containsEntry(
                        "nginx.org/sticky-cookie-services",
                        "serviceName=chat-io chat-route;serviceName=chat-web chat-route")
                .doesNotContainKeys("kubernetes.io/ingress.class", "nginx.org/location-snippets");
        assertThat(ingress.getMetadata().getAnnotations().keySet())
                .noneMatch(k -> k.startsWith("nginx.ingress.kubernetes.io/"));
        assertThat(run.err())
                .contains("Ingress demo/chat: needs a decision")
                .contains("Service chat-io carries WebSocket (path /socket.io)")
                .contains("no equivalent: nginx.ingress.kubernetes.io/whitelist-source-range \"10.0.0.0/8\": the "
                        + "client address allowlist is gone: every address is admitted")
                .contains("no equivalent: nginx.ingress.kubernetes.io/configuration-snippet")
                .contains("decide: nginx.ingress.kubernetes.io/affinity \"cookie\"")
                .contains("note: IngressClass nginx -> nginx");

        LintRun lint = lintAsNginxInc(dir, run, SOCKET_IO_SERVICES);
        assertThat(lint.exit()).as(lint.toString()).isZero();
        assertThat(lint.json()).noneMatch(f -> f.path("severity").asText().equals("error"));
    }

    @Test
    void pinsClassAndStdin() {
        String yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: api}\nspec:\n"
                + "  ingressClassName: nginx\n  rules:\n  - host: api.example.com\n    http:\n      paths:\n"
                + "      - {path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}\n";
        Run plain = migrateStdin(yaml, "--to", "nginx-inc", "-");
        assertThat(plain.exit()).as(plain.toString()).isZero();
        assertThat(Run.parse(plain.out()).get(0).getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(plain.err()).contains("--websocket-service default/api");

        Run pinned = migrateStdin(
                yaml, "--to", "nginx-inc", "--websocket-service", "default/api", "--ingress-class", "f5", "-");
        Ingress ingress = Run.parse(pinned.out()).get(0);
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.org/websocket-services", "api");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("f5");
    }

    @Test
    void ingressesSharingAHostNeedADecisionOnTheF5Controller(@TempDir Path dir) throws Exception {
        // nginx/kubernetes-ingress internal/k8s/configuration.go buildHostsAndResources: a host is held by one
        // Ingress (chooseObjectMetaWinner: the oldest), the others get "host ... is taken by another resource"
        String second = Files.readString(Path.of(GOOD)).replace("name: chat-good", "name: chat-second");
        Path file = Files.writeString(dir.resolve("second.yaml"), second);
        Run run = migrate("--to", "nginx-inc", GOOD, file.toString(), CHAT_SERVICE);
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains("decide: host chat.example.com is also in Ingress demo/chat-second")
                .contains("decide: host chat.example.com is also in Ingress demo/chat-good")
                .endsWith("2 Ingresses migrated, 2 need a decision\n");
    }

    @Test
    void toGatewayApiTheSocketIoChatBecomesAnHttpRouteWhosePolicyCarriesTheIdleTimeouts() {
        Run run = migrate("--to", "gateway-api", "--gateway", "gateways/public", SOCKET_IO, SOCKET_IO_SERVICES);
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        List<String> docs = Arrays.stream(run.out().split("(?m)^---$"))
                .filter(doc -> !doc.isBlank())
                .toList();
        assertThat(docs).hasSize(2);
        HTTPRoute route = Serialization.unmarshal(docs.get(0), HTTPRoute.class);
        ProxySettingsPolicy policy = Serialization.unmarshal(docs.get(1), ProxySettingsPolicy.class);

        assertThat(route.getMetadata().getName()).isEqualTo("chat");
        assertThat(route.getMetadata().getNamespace()).isEqualTo("demo");
        assertThat(route.getSpec().getParentRefs()).singleElement().satisfies(parent -> {
            assertThat(parent.getName()).isEqualTo("public");
            assertThat(parent.getNamespace()).isEqualTo("gateways");
        });
        assertThat(route.getSpec().getHostnames()).containsExactly("chat.example.com");
        assertThat(route.getSpec().getRules())
                .extracting(r -> r.getMatches().get(0).getPath().getValue()
                        + " -> " + r.getBackendRefs().get(0).getName() + ":"
                        + r.getBackendRefs().get(0).getPort())
                .containsExactly("/socket.io -> chat-io:3000", "/ -> chat-web:80");
        // No rules[].timeouts: absolute deadlines (kubernetes-sigs/gateway-api apis/v1/httproute_types.go
        // HTTPRouteTimeouts) would cut every WebSocket after that time.
        assertThat(route.getSpec().getRules())
                .allSatisfy(r -> assertThat(r.getTimeouts()).isNull());
        assertThat(policy.getMetadata().getName()).isEqualTo("chat-timeouts");
        assertThat(policy.getSpec().getTargetRefs())
                .singleElement()
                .satisfies(t -> assertThat(List.of(t.getGroup(), t.getKind(), t.getName()))
                        .containsExactly("gateway.networking.k8s.io", "HTTPRoute", "chat"));
        assertThat(policy.getSpec().getTimeout().getRead()).isEqualTo("1h");
        assertThat(policy.getSpec().getTimeout().getSend()).isEqualTo("1h");

        assertThat(run.err())
                .contains("Ingress demo/chat: needs a decision")
                .contains("translated: nginx.ingress.kubernetes.io/proxy-read-timeout \"3600\" -> "
                        + "ProxySettingsPolicy spec.timeout.read \"1h\"")
                .contains("decide: nginx.ingress.kubernetes.io/affinity \"cookie\"")
                .contains("no equivalent: nginx.ingress.kubernetes.io/whitelist-source-range")
                .contains("decide: spec.tls: TLS ends at the Gateway's HTTPS listener")
                .contains("note: the Gateway is in namespace gateways");

        // The rules wsroute applies to HTTPRoutes find nothing to object to in what migrate wrote.
        Map<String, io.fabric8.kubernetes.api.model.Service> services =
                Map.of("chat-io", service("chat-io", 3000), "chat-web", service("chat-web", 80));
        var evaluation = new HttpRouteRules()
                .evaluate(new RouteReview(
                        route,
                        List.of(new ParentGateway(0, "gateways", "public", ParentGateway.Served.NGF)),
                        List.of(policy),
                        List.of(),
                        services,
                        RuleSettings.DEFAULTS));
        assertThat(evaluation.findings()).isEmpty();
    }

    @Test
    void toGatewayApiWithoutATimeoutNoPolicyIsWrittenAndTheReportSaysTheIdleCutStays() {
        String yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: api, namespace: demo}\n"
                + "spec:\n  ingressClassName: nginx\n  rules:\n  - host: api.example.com\n    http:\n      paths:\n"
                + "      - {path: /ws, pathType: Exact, backend: {service: {name: api, port: {number: 80}}}}\n";
        Run run = migrateStdin(yaml, "--to", "gateway-api", "--gateway", "demo/public", "-");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("kind: \"HTTPRoute\"").doesNotContain("ProxySettingsPolicy");
        HTTPRoute route = Serialization.unmarshal(run.out(), HTTPRoute.class);
        assertThat(route.getSpec()
                        .getRules()
                        .get(0)
                        .getMatches()
                        .get(0)
                        .getPath()
                        .getType())
                .isEqualTo("Exact");
        assertThat(route.getSpec().getParentRefs().get(0).getNamespace()).isNull();
        assertThat(run.err())
                .contains("Service api carries WebSocket (path /ws)")
                .contains("idle WebSockets are still closed after nginx's 60 s");
    }

    private static io.fabric8.kubernetes.api.model.Service service(String name, int port) {
        return new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("demo")
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withPort(port)
                .endPort()
                .endSpec()
                .build();
    }

    @Test
    void badInputAndUsageExitTwo(@TempDir Path dir) {
        for (String[] args : List.of(
                new String[] {GOOD},
                new String[] {"--to", "traefik", GOOD},
                new String[] {"--to", "nginx-inc"},
                new String[] {"--to", "nginx-inc", "--websocket-service", "chat", GOOD},
                new String[] {"--to", "nginx-inc", "--websocket-service", "demo/Chat;x", GOOD},
                new String[] {"--to", "nginx-inc", dir.resolve("nope.yaml").toString()},
                new String[] {"--to", "gateway-api", GOOD},
                new String[] {"--to", "gateway-api", "--gateway", "public", GOOD},
                new String[] {"--to", "nginx-inc", "--gateway", "demo/public", GOOD})) {
            Run run = migrate(args);
            assertThat(run.exit()).as(String.join(" ", args) + "\n" + run).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("migrate: ");
        }
        Run notAnIngress = migrate("--to", "nginx-inc", CHAT_SERVICE);
        assertThat(notAnIngress.exit()).isZero();
        assertThat(notAnIngress.err()).contains("no ingress-nginx Ingress in the input");
    }

    @Test
    void ingressesOfOtherControllersAreLeftOut() {
        Run run = migrate("--to", "nginx-inc", EXAMPLES + "/good-nginx-inc.yaml", EXAMPLES + "/ingress-classes.yaml");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("is not served by ingress-nginx; left out");
    }

    private static LintRun lintAsNginxInc(Path dir, Run run, String services) throws Exception {
        Path migrated = Files.writeString(dir.resolve("migrated.yaml"), run.out());
        return LintRun.lint("--controller", "nginx-inc", "-o", "json", migrated.toString(), services);
    }
}
