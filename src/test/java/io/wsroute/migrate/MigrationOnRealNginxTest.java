package io.wsroute.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.gateway.ParentRef;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.live.ControllerTemplate;
import io.wsroute.nginx.live.ControllerTemplate.Served;
import io.wsroute.nginx.live.IngressNginxTemplate;
import io.wsroute.nginx.live.NgfTemplate;
import io.wsroute.nginx.live.NginxIncTemplate;
import io.wsroute.nginx.live.RealNginxExtension;
import io.wsroute.nginx.live.RealNginxRig;
import io.wsroute.nginx.live.WebSocketClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migration's promise on real nginx (README "Migration off ingress-nginx"): an ingress-nginx WebSocket Ingress
 * upgrades (101) through the ingress-nginx template, the Ingress {@code migrate --to nginx-inc} writes upgrades
 * through the F5 template too, and the naive migration (only the class changed) fails the way the report predicted:
 * the F5 controller does not forward Upgrade to a Service missing from nginx.org/websocket-services, so the backend
 * answers 426. The same Ingress migrated with {@code --to gateway-api} upgrades through NGINX Gateway Fabric's template.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationOnRealNginxTest {

    /** An Ingress to migrate, read from a manifest, and what the test must change to run it on loopback. */
    record Case(String name, String file, String services, Set<String> pins, UnaryOperator<Ingress> onLoopback) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "marked example",
                        "deploy/examples/good-ingress-nginx.yaml",
                        "deploy/examples/chat-service.yaml",
                        Set.of(),
                        UnaryOperator.identity()),
                // Its allowlist (10.0.0.0/8) refuses the test's 127.0.0.1, its snippet needs snippets allowed, its
                // cookie affinity becomes nginx's sticky directive, which the Debian nginx here does not have, and its
                // TLS section makes both controllers redirect the test's plain ws:// (308): the report lists the first
                // three; the WebSocket paths are what this case proves.
                new Case(
                        "unmarked Socket.IO chat",
                        "src/test/resources/migrate/socketio-chat.yaml",
                        "src/test/resources/migrate/socketio-chat-services.yaml",
                        Set.of(),
                        ingress -> without(
                                withoutTls(ingress),
                                "nginx.ingress.kubernetes.io/whitelist-source-range",
                                "nginx.ingress.kubernetes.io/configuration-snippet",
                                "nginx.ingress.kubernetes.io/affinity",
                                "nginx.ingress.kubernetes.io/session-cookie-name")),
                // Nothing in it says WebSocket; the report asks for a pin, and with it the migration works.
                new Case(
                        "silent Ingress pinned",
                        "src/test/resources/migrate/silent-websocket.yaml",
                        "src/test/resources/migrate/silent-websocket.yaml",
                        Set.of("demo/live"),
                        UnaryOperator.identity()),
                // Public charts of WebSocket applications, rendered into src/test/resources/wild/ (each file
                // names
                // its chart, commit and values).
                new Case(
                        "Grafana chart",
                        "src/test/resources/wild/grafana/ingress-nginx.yaml",
                        null,
                        Set.of(),
                        UnaryOperator.identity()),
                new Case(
                        "Mattermost chart",
                        "src/test/resources/wild/mattermost/ingress-nginx.yaml",
                        null,
                        Set.of(),
                        UnaryOperator.identity()),
                // Their TLS sections make both controllers redirect the test's plain ws:// (308).
                new Case(
                        "Rancher chart",
                        "src/test/resources/wild/rancher/ingress-nginx.yaml",
                        null,
                        Set.of(),
                        MigrationOnRealNginxTest::withoutTls),
                new Case(
                        "code-server chart",
                        "src/test/resources/wild/code-server/ingress-nginx.yaml",
                        null,
                        Set.of(),
                        MigrationOnRealNginxTest::withoutTls));
    }

    @RegisterExtension
    static final RealNginxExtension REAL =
            new RealNginxExtension(() -> RealNginxRig.nginx(ControllerTemplate.defaultServer()));

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ingressNginxAndTheMigratedIngressUpgradeTheNaiveMigrationDoesNot(Case c) throws Exception {
        Ingress source = c.onLoopback().apply(read(c.file(), Ingress.class).get(0));
        Map<String, Service> services = new LinkedHashMap<>();
        if (c.services() != null) {
            read(c.services(), Service.class)
                    .forEach(s -> services.put(s.getMetadata().getName(), s));
        }
        Migration migration = new Migration(new MigrationOptions("nginx", c.pins()));
        migration.add(c.file(), source, services);
        MigratedIngress migrated = migration.finish().get(0);
        Ingress naive = new IngressBuilder(source)
                .editSpec()
                .withIngressClassName("nginx")
                .endSpec()
                .build();

        for (String path : paths(source)) {
            String host = source.getSpec().getRules().get(0).getHost();
            assertThat(handshake(new IngressNginxTemplate(), source, host, path))
                    .as("%s %s on ingress-nginx", c, path)
                    .isEqualTo(101);
            assertThat(handshake(new NginxIncTemplate(), migrated.ingress(), host, path))
                    .as("%s %s migrated, on the F5 controller\n%s", c, path, migrated.changes())
                    .isEqualTo(101);
            assertThat(handshake(new NginxIncTemplate(), naive, host, path))
                    .as("%s %s with only the class changed, on the F5 controller", c, path)
                    .isEqualTo(426);
        }
        MigratedObjects toGateway = new GatewayApiMigration(new ParentRef(0, "demo", "public"), c.pins())
                .migrate(c.file(), source, services);
        for (String path : paths(source)) {
            String host = source.getSpec().getRules().get(0).getHost();
            assertThat(ngfHandshake(toGateway, services, host, path))
                    .as("%s %s migrated to Gateway API, on NGINX Gateway Fabric\n%s", c, path, toGateway.changes())
                    .isEqualTo(101);
        }
        assertThat(migrated.changes())
                .as("the report names the WebSocket Services the naive migration misses")
                .anySatisfy(change -> assertThat(change.text()).contains("listed in nginx.org/websocket-services"));
    }

    /** Serves only this Ingress through the controller's template and opens a WebSocket; the HTTP status. */
    private int handshake(ControllerTemplate template, Ingress ingress, String host, String path) throws Exception {
        ControllerTemplate.Rendering rendering = template.render(
                List.of(new Served(ingress, ControllerProfile.defaults(template.flavor()))),
                (i, service) -> "127.0.0.1:" + REAL.rig().plainBackend().port());
        assertThat(rendering.refused())
                .as("%s refuses the Ingress", template.flavor())
                .isEmpty();
        REAL.rig().nginx().reload(rendering.config());
        try (WebSocketClient client = new WebSocketClient(REAL.rig().vertx());
                WebSocketClient.Connection connection =
                        client.connect(REAL.rig().nginx().port(), host, path)) {
            return connection.status();
        }
    }

    /** Serves the HTTPRoute and policies migrate wrote through NGF's template and opens a WebSocket. */
    private int ngfHandshake(MigratedObjects migrated, Map<String, Service> services, String host, String path)
            throws Exception {
        HTTPRoute route = migrated.objects().stream()
                .filter(HTTPRoute.class::isInstance)
                .map(HTTPRoute.class::cast)
                .findFirst()
                .orElseThrow();
        List<ProxySettingsPolicy> policies = migrated.objects().stream()
                .filter(ProxySettingsPolicy.class::isInstance)
                .map(ProxySettingsPolicy.class::cast)
                .toList();
        Map<String, Service> byKey = new LinkedHashMap<>();
        String routeNamespace = route.getMetadata().getNamespace();
        services.forEach((name, service) -> byKey.put(routeNamespace + "/" + name, service));
        String config = new NgfTemplate()
                .render(
                        List.of(new NgfTemplate.Route(host, route, policies, List.of(), byKey)),
                        (namespace, service, tls) ->
                                "127.0.0.1:" + REAL.rig().plainBackend().port());
        REAL.rig().nginx().reload(config);
        try (WebSocketClient client = new WebSocketClient(REAL.rig().vertx());
                WebSocketClient.Connection connection =
                        client.connect(REAL.rig().nginx().port(), host, path)) {
            return connection.status();
        }
    }

    private static List<String> paths(Ingress ingress) {
        return ingress.getSpec().getRules().get(0).getHttp().getPaths().stream()
                .map(p -> p.getPath())
                .toList();
    }

    private static Ingress withoutTls(Ingress ingress) {
        return new IngressBuilder(ingress).editSpec().withTls().endSpec().build();
    }

    private static Ingress without(Ingress ingress, String... keys) {
        Ingress copy = new IngressBuilder(ingress).build();
        Arrays.stream(keys).forEach(copy.getMetadata().getAnnotations()::remove);
        return copy;
    }

    private static <T extends KubernetesResource> List<T> read(String file, Class<T> type) throws Exception {
        return Arrays.stream(Files.readString(Path.of(file)).split("(?m)^---\\s*$"))
                .filter(doc -> doc.contains("kind: " + type.getSimpleName()))
                .map(doc -> Serialization.unmarshal(doc, type))
                .toList();
    }
}
