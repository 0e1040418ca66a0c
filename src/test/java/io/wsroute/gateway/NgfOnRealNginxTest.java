package io.wsroute.gateway;

import static io.wsroute.gateway.HttpRouteRulesTest.H2C_SERVICE;
import static io.wsroute.gateway.HttpRouteRulesTest.WSS_SERVICE;
import static io.wsroute.gateway.HttpRouteRulesTest.policy;
import static io.wsroute.gateway.HttpRouteRulesTest.withFilter;
import static io.wsroute.gateway.RouteFixture.ROUTE;
import static io.wsroute.gateway.RouteFixture.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.wsroute.nginx.live.EchoBackend;
import io.wsroute.nginx.live.NgfTemplate;
import io.wsroute.nginx.live.NginxServer;
import io.wsroute.nginx.live.RealNginxRig;
import io.wsroute.nginx.live.WebSocketClient;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import io.wsroute.rules.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTPRoute rules checked on real nginx running what NGINX Gateway Fabric generates ({@link NgfTemplate}): a
 * WebSocket route the rules accept upgrades (101), echoes and outlives an idle period past nginx's 60 s default
 * unless WS130 warns; every route with an error finding really breaks. Times are scaled: one controller minute is
 * one test second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
public class NgfOnRealNginxTest {

    /** Error rules proven by behaviour here, for RealNginxCoverageTest. */
    public static final Set<Rule> PROVEN = Set.of(Rule.WS131, Rule.WS132, Rule.WS133, Rule.WS134);

    /** 2.5 scaled seconds = 150 s of controller time: past nginx's 60 s default. */
    private static final Duration IDLE = Duration.ofMillis(2500);

    private static final Duration ECHO_WAIT = Duration.ofSeconds(5);

    /** A BackendTLSPolicy whose CA is the test's self-signed certificate (localhost). */
    private static final String BACKEND_TLS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata: {name: chat-tls, namespace: apps}
            spec:
              targetRefs: [{group: "", kind: Service, name: chat}]
              validation:
                hostname: localhost
                caCertificateRefs: [{group: "", kind: ConfigMap, name: chat-ca}]
            """;

    private static final String MARKED_ROUTE = ROUTE.replace(
            "metadata: {name: chat, namespace: apps}",
            "metadata: {name: chat, namespace: apps, annotations: {wsroute.io/websocket: \"true\"}}");

    record Case(String name, RouteReview review, HttpRouteRules.Evaluation evaluation) {

        Set<String> errorRules() {
            return evaluation.findings().stream()
                    .filter(f -> f.severity() == Severity.ERROR)
                    .map(Finding::rule)
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        boolean warns(Rule rule) {
            return evaluation.findings().stream().anyMatch(f -> f.rule().equals(rule.id()));
        }

        NgfTemplate.Route served() {
            return NgfOnRealNginxTest.served(name + ".test", review);
        }
    }

    record Observation(int status, boolean echoed, boolean survivedIdle) {
        boolean broken() {
            return status != 101 || !echoed || !survivedIdle;
        }
    }

    private final Map<String, Case> cases = new LinkedHashMap<>();
    private final Map<String, Observation> observed = new LinkedHashMap<>();
    private RealNginxRig rig;
    private Vertx vertx;
    private EchoBackend plainBackend;
    private EchoBackend tlsBackend;
    private NginxServer nginx;
    private String config;

    static Map<String, RouteFixture> fixtures() {
        Map<String, RouteFixture> cases = new LinkedHashMap<>();
        // accepted
        cases.put("route-policy", healthy());
        cases.put("gateway-policy", healthy().policies(policy("gw-old", "Gateway", "{read: 24h, send: 24h}")));
        cases.put("wss-with-backend-tls", healthy().services(WSS_SERVICE).tlsPolicies(BACKEND_TLS));
        cases.put(
                "harmless-header-filter",
                healthy()
                        .route(withFilter("{type: RequestHeaderModifier, requestHeaderModifier:"
                                + " {set: [{name: X-Chat, value: \"on\"}]}}")));
        // accepted with WS130: the idle timeout stays below 150 s, so the idle socket must be cut
        cases.put("no-policy-ws130", healthy().policies());
        cases.put("gateway-90s-ws130", healthy().policies(policy("gw-old", "Gateway", "{read: 90s, send: 1h}")));
        // rejected
        cases.put(
                "duration-refused-ws131",
                healthy().policies(policy("chat-old", "HTTPRoute", "{read: 86400s, send: 24h}")));
        cases.put("wss-without-backend-tls-ws132", healthy().services(WSS_SERVICE));
        cases.put(
                "strip-upgrade-ws133",
                healthy()
                        .route(withFilter(
                                "{type: RequestHeaderModifier, requestHeaderModifier: {remove: [Upgrade]}}")));
        cases.put(
                "connection-close-ws133",
                healthy()
                        .route(withFilter("{type: RequestHeaderModifier, requestHeaderModifier:"
                                + " {set: [{name: Connection, value: close}]}}")));
        cases.put("h2c-ws134", healthy().services(H2C_SERVICE).route(MARKED_ROUTE));
        return cases;
    }

    static NgfTemplate.Route served(String host, RouteReview review) {
        return new NgfTemplate.Route(host, review.route(), review.policies(), review.tlsPolicies(), review.services());
    }

    private String render(List<NgfTemplate.Route> routes) {
        return new NgfTemplate()
                .render(routes, (ns, service, tls) -> "127.0.0.1:" + (tls ? tlsBackend : plainBackend).port());
    }

    @BeforeAll
    void startNginxAndObserve() throws Exception {
        rig = RealNginxRig.nginxWithTlsBackend(new NgfTemplate().render(List.of(), (ns, s, tls) -> "127.0.0.1:1"));
        nginx = rig.nginx();
        vertx = rig.vertx();
        plainBackend = rig.plainBackend();
        tlsBackend = rig.tlsBackend();
        HttpRouteRules rules = new HttpRouteRules();
        fixtures().forEach((name, fixture) -> {
            RouteReview review = fixture.review();
            cases.put(name, new Case(name, review, rules.evaluate(review)));
        });
        config = render(cases.values().stream().map(Case::served).toList());
        nginx.reload(config);

        Map<String, WebSocketClient.Connection> open = new LinkedHashMap<>();
        Map<String, Boolean> echoed = new LinkedHashMap<>();
        try (WebSocketClient client = new WebSocketClient(vertx)) {
            for (Case c : cases.values()) {
                WebSocketClient.Connection connection = client.connect(nginx.port(), c.name() + ".test", "/ws");
                open.put(c.name(), connection);
                echoed.put(c.name(), ("hello " + c.name()).equals(connection.echo("hello " + c.name(), ECHO_WAIT)));
            }
            // One idle period for all sockets at once keeps the suite fast.
            TimeUnit.MILLISECONDS.sleep(IDLE.toMillis());
            for (Case c : cases.values()) {
                WebSocketClient.Connection connection = open.get(c.name());
                boolean survived = connection.status() == 101
                        && ("again " + c.name()).equals(connection.echo("again " + c.name(), ECHO_WAIT));
                connection.close();
                observed.put(c.name(), new Observation(connection.status(), echoed.get(c.name()), survived));
                System.out.println("real nginx: ngf " + describe(c));
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    private String describe(Case c) {
        return "%s (findings %s): %s"
                .formatted(
                        c.name(),
                        c.evaluation().findings().stream().map(Finding::rule).toList(),
                        observed.get(c.name()));
    }

    @TestFactory
    Stream<DynamicTest> acceptedRoutesCarryWebSocketTraffic() {
        return cases.values().stream()
                .filter(c -> c.errorRules().isEmpty())
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Observation seen = observed.get(c.name());
                    assertThat(c.evaluation().webSocket()).as(describe(c)).isTrue();
                    assertThat(seen.status()).as(describe(c) + "\n" + config).isEqualTo(101);
                    assertThat(seen.echoed()).as(describe(c)).isTrue();
                    // WS130's claim: the idle timeout (nginx's 60 s, or the Gateway's 90 s) cuts 150 s of idle;
                    // without WS130 the socket must outlive it.
                    assertThat(seen.survivedIdle())
                            .as(describe(c) + "\n" + nginx.errorLog())
                            .isEqualTo(!c.warns(Rule.WS130));
                }));
    }

    @TestFactory
    Stream<DynamicTest> rejectedRoutesReallyBreak() {
        return cases.values().stream()
                .filter(c -> !c.errorRules().isEmpty())
                .map(c -> DynamicTest.dynamicTest(
                        c.name() + " " + c.errorRules(),
                        () -> assertThat(observed.get(c.name()).broken())
                                .as(describe(c) + "\nconfig:\n" + config)
                                .isTrue()));
    }

    @Test
    void everyProvenRuleHasACaseWhoseOnlyErrorItIsAndThatBreaks() {
        for (Rule rule : PROVEN) {
            assertThat(cases.values())
                    .as("a case whose only error is %s, and that breaks on nginx", rule)
                    .anySatisfy(c -> {
                        assertThat(c.errorRules()).containsExactly(rule.id());
                        assertThat(observed.get(c.name()).broken()).isTrue();
                    });
        }
    }

    @Test
    void refusedBackendsAndFiltersAnswer500AsNgfWritesThem() {
        // NGF answers 500 for a rule with a rejected filter (servers.go updateLocation, InvalidFilter) and for a
        // rejected backendRef (upstreams.go invalid-backend-ref -> the 500 server): the handshake never gets 101.
        for (String name : List.of(
                "wss-without-backend-tls-ws132", "strip-upgrade-ws133", "connection-close-ws133", "h2c-ws134")) {
            assertThat(observed.get(name).status())
                    .as(describe(cases.get(name)))
                    .isEqualTo(500);
        }
    }

    @Test
    void aShortenedPolicyTimeoutCutsAtTheConfiguredTimeNotAtTheDefault() throws Exception {
        // A route policy of 2m (2 scaled seconds), which WS130 still warns about: the socket outlives nginx's 60 s
        // default (1 scaled second), so the policy is in force, and is cut once 2m of idle have passed.
        RouteFixture fixture = healthy().policies(policy("chat-old", "HTTPRoute", "{read: 2m, send: 2m}"));
        List<Finding> warnings = fixture.findings(Rule.WS130);
        assertThat(warnings).isNotEmpty();
        assertThat(warnings.get(0).message()).contains("2m").contains("ProxySettingsPolicy apps/chat-old");
        List<NgfTemplate.Route> routes =
                new ArrayList<>(cases.values().stream().map(Case::served).toList());
        routes.add(served("shortened.test", fixture.review()));
        nginx.reload(render(routes));
        try (WebSocketClient client = new WebSocketClient(vertx);
                WebSocketClient.Connection connection = client.connect(nginx.port(), "shortened.test", "/ws")) {
            assertThat(connection.status()).isEqualTo(101);
            TimeUnit.MILLISECONDS.sleep(1500);
            assertThat(connection.echo("past the default", ECHO_WAIT))
                    .as("alive after 90 s of idle: the policy's 2m replaced nginx's 60 s\n" + nginx.errorLog())
                    .isEqualTo("past the default");
            TimeUnit.MILLISECONDS.sleep(2500);
            assertThat(connection.echo("past the policy", ECHO_WAIT))
                    .as("cut after 150 s of idle by the policy's 2m")
                    .isNotEqualTo("past the policy");
        }
    }
}
