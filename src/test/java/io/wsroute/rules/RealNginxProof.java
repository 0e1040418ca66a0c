package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.vertx.core.Vertx;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.live.ControllerTemplate;
import io.wsroute.nginx.live.ControllerTemplate.Served;
import io.wsroute.nginx.live.EchoBackend;
import io.wsroute.nginx.live.NginxServer;
import io.wsroute.nginx.live.RealNginxRig;
import io.wsroute.nginx.live.WebSocketClient;
import io.wsroute.probe.HandshakeProbe;
import io.wsroute.probe.ProbeOutcome;
import io.wsroute.probe.ProbeRequest;
import io.wsroute.probe.ProbeResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * The claim wsroute rests on, checked on real nginx: what the rules accept makes a WebSocket work, and what they
 * reject really breaks it. Each case is an Ingress the rules engine judges; a controller template renders it the way
 * that controller would, all cases go into one nginx on loopback, and a real client talks to a strict echo backend
 * through it. The expectation of each case comes from the rules' own findings, not from the case:
 *
 * <ul>
 *   <li>a WebSocket Ingress (as the rules detect it) with no error finding: 101, messages echo both ways, and the
 *       socket outlives an idle period longer than nginx's 60 s default (scaled: 1 s, see
 *       {@link ControllerTemplate#TIME_SCALE}) unless WS103 warns that the timeout is short, in which case it must
 *       be cut; with WS104 (redirect) a ws:// handshake must get the redirect and a wss:// one must upgrade;</li>
 *   <li>an error finding: the controller refuses the Ingress, nginx refuses the configuration, the handshake fails,
 *       or the idle socket is cut.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealNginxProof {

    /** 2.5 scaled seconds = 150 s of controller time: past the 60 s default and nginx's 300 ms lazy timer. */
    static final Duration IDLE = Duration.ofMillis(2500);

    private static final Duration ECHO_WAIT = Duration.ofSeconds(5);

    /**
     * Every ws:// handshake carries what a TLS-terminating load balancer in front adds to a plain one: the F5
     * controller's redirect-to-https answers only those (nginx.ingress.tmpl); ingress-nginx ignores the header unless
     * use-forwarded-headers is on, and F5 ssl-redirect looks at $scheme.
     */
    private static final Map<String, String> PLAIN_AT_THE_EDGE = Map.of("X-Forwarded-Proto", "http");

    /** One Ingress as the rules see it and as nginx will serve it (under its own host, {@code <name>.test}). */
    record Case(
            String name,
            Ingress ingress,
            ControllerProfile profile,
            Map<String, Service> services,
            List<Finding> findings,
            boolean webSocket) {

        Set<String> errorRules() {
            return findings.stream()
                    .filter(f -> f.severity() == Severity.ERROR)
                    .map(Finding::rule)
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        boolean warns(Rule rule) {
            return findings.stream().anyMatch(f -> f.rule().equals(rule.id()));
        }

        String host() {
            return name + ".test";
        }

        String path() {
            return ingress.getSpec()
                    .getRules()
                    .get(0)
                    .getHttp()
                    .getPaths()
                    .get(0)
                    .getPath();
        }

        boolean wssBackend(String service) {
            Service known = services.get(service);
            return known != null
                    && known.getSpec().getPorts().stream()
                            .anyMatch(p -> "kubernetes.io/wss".equals(p.getAppProtocol()));
        }
    }

    /** What happened to a case on real nginx. */
    record Observation(
            Optional<String> refusedByController,
            Optional<String> refusedByNginx,
            int status,
            boolean echoed,
            boolean survivedIdle) {

        boolean broken() {
            return refusedByController.isPresent()
                    || refusedByNginx.isPresent()
                    || status != 101
                    || !echoed
                    || !survivedIdle;
        }

        @Override
        public String toString() {
            return refusedByController
                    .map(r -> "controller refuses the Ingress: " + r)
                    .or(() -> refusedByNginx.map(r -> "nginx refuses the configuration: " + r))
                    .orElse("handshake " + status
                            + (status == 101 ? ", echo " + echoed + ", survived idle " + survivedIdle : ""));
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

    abstract ControllerTemplate template();

    /** The cases, as Fixtures of this flavour: name to Ingress. */
    abstract Map<String, Fixtures> fixtures();

    /** Error rules this flavour proves by behaviour: each needs a case whose only error is that rule, and breaks. */
    abstract Set<Rule> proves();

    /**
     * Warnings whose claim nginx itself decides (an idle cut, a redirect, a second header) that this flavour shows:
     * each needs an accepted case that carries the warning, whose behaviour {@link
     * #acceptedIngressesCarryWebSocketTraffic} then holds to the claim.
     */
    abstract Set<Rule> shows();

    static Fixtures remediated(Fixtures fixtures) {
        return fixtures.withAll(fixtures.remediation().annotationsToAdd());
    }

    @BeforeAll
    void startNginxAndObserve() throws Exception {
        rig = RealNginxRig.nginxWithTlsBackend(
                template().render(List.of(), (i, s) -> "127.0.0.1:1").config());
        nginx = rig.nginx();
        vertx = rig.vertx();
        plainBackend = rig.plainBackend();
        tlsBackend = rig.tlsBackend();
        fixtures().forEach((name, fixtures) -> cases.put(name, caseOf(name, fixtures.review())));
        DeployExamples.reviews(template().flavor()).forEach((name, review) -> cases.put(name, caseOf(name, review)));

        ControllerTemplate.Backends backends = (ingress, service) -> "127.0.0.1:"
                + (cases.get(ingress.getMetadata().getName()).wssBackend(service) ? tlsBackend : plainBackend).port();
        // Each case alone first, as a controller would validate before reloading: nginx -t.
        List<Served> loadable = new ArrayList<>();
        Map<String, String> nginxRefusals = new LinkedHashMap<>();
        for (Case c : cases.values()) {
            Served served = new Served(c.ingress(), c.profile());
            String error =
                    nginx.check(template().render(List.of(served), backends).config());
            if (error == null) {
                loadable.add(served);
            } else {
                nginxRefusals.put(c.name(), error);
            }
        }
        ControllerTemplate.Rendering rendering = template().render(loadable, backends);
        config = rendering.config();
        nginx.reload(config);

        Map<String, WebSocketClient.Connection> open = new LinkedHashMap<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        Map<String, Boolean> echoed = new LinkedHashMap<>();
        try (WebSocketClient client = new WebSocketClient(vertx)) {
            for (Case c : cases.values()) {
                if (nginxRefusals.containsKey(c.name())) {
                    continue;
                }
                WebSocketClient.Connection connection =
                        client.connect(nginx.port(), c.host(), c.path(), PLAIN_AT_THE_EDGE);
                statuses.put(c.name(), connection.status());
                String message = "hello " + c.name();
                echoed.put(c.name(), message.equals(connection.echo(message, ECHO_WAIT)));
                open.put(c.name(), connection);
            }
            // One idle period for all sockets at once keeps the suite fast.
            TimeUnit.MILLISECONDS.sleep(IDLE.toMillis());
            for (Case c : cases.values()) {
                WebSocketClient.Connection connection = open.get(c.name());
                boolean survived = connection != null
                        && connection.status() == 101
                        && ("again " + c.name()).equals(connection.echo("again " + c.name(), ECHO_WAIT));
                if (connection != null) {
                    connection.close();
                }
                observed.put(
                        c.name(),
                        new Observation(
                                rendering.refusal(c.ingress()),
                                Optional.ofNullable(nginxRefusals.get(c.name())),
                                statuses.getOrDefault(c.name(), 0),
                                echoed.getOrDefault(c.name(), false),
                                survived));
                // The table a reader of the CI log wants: each Ingress, what the rules said, what nginx did.
                System.out.println("real nginx: " + describe(c));
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    private static Case caseOf(String name, IngressReview review) {
        Ingress renamed = new IngressBuilder(review.ingress())
                .editMetadata()
                .withName(name)
                .withNamespace(name)
                .endMetadata()
                .editSpec()
                .editFirstRule()
                .withHost(name + ".test")
                .endRule()
                .endSpec()
                .build();
        if (renamed.getSpec().getTls() != null) {
            renamed.getSpec().getTls().forEach(tls -> tls.setHosts(List.of(name + ".test")));
        }
        WebSocketRules rules = new WebSocketRules();
        return new Case(
                name,
                renamed,
                review.profile(),
                review.services(),
                rules.evaluate(review),
                rules.detect(review).webSocket());
    }

    private String describe(Case c) {
        return "%s %s (findings %s): %s"
                .formatted(
                        template().flavor().cliName(),
                        c.name(),
                        c.findings().stream().map(Finding::rule).toList(),
                        observed.get(c.name()));
    }

    @TestFactory
    Stream<DynamicTest> acceptedIngressesCarryWebSocketTraffic() {
        // Ingresses the rules do not see as WebSocket (deploy/examples/plain-http-api.yaml) are promised nothing.
        return cases.values().stream()
                .filter(c -> c.errorRules().isEmpty() && c.webSocket())
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Observation seen = observed.get(c.name());
                    assertThat(seen.refusedByController()).as(describe(c)).isEmpty();
                    assertThat(seen.refusedByNginx()).as(describe(c)).isEmpty();
                    if (c.warns(Rule.WS104)) {
                        // The warning's claim: a plain ws:// handshake is answered with a redirect,
                        assertThat(seen.status()).as(describe(c)).isIn(301, 302, 307, 308);
                        // and its fix: the same route over wss:// upgrades.
                        assertThat(overWss(c)).as(describe(c)).isEqualTo("upgraded");
                        return;
                    }
                    assertThat(seen.status()).as(describe(c)).isEqualTo(101);
                    assertThat(seen.echoed()).as(describe(c)).isTrue();
                    // WS103's claim: a timeout below the minimum (here nginx's 60 s default) cuts idle sockets.
                    assertThat(seen.survivedIdle())
                            .as(describe(c) + "\n" + nginx.errorLog())
                            .isEqualTo(!c.warns(Rule.WS103));
                }));
    }

    /**
     * A wss:// handshake for the case: TLS to nginx when nginx serves the host over TLS, else what a load balancer
     * in front that terminates TLS sends on (X-Forwarded-Proto: https).
     */
    private String overWss(Case c) throws InterruptedException {
        boolean tlsAtNginx =
                ControllerTemplate.hasTls(c.ingress(), c.host()) || template().flavor() == INGRESS_NGINX;
        if (!tlsAtNginx) {
            try (WebSocketClient client = new WebSocketClient(vertx)) {
                WebSocketClient.Connection connection =
                        client.connect(nginx.port(), c.host(), c.path(), Map.of("X-Forwarded-Proto", "https"));
                connection.close();
                return connection.status() == 101 ? "upgraded" : "status " + connection.status();
            } catch (Exception e) {
                return e.toString();
            }
        }
        ProbeResult wss = new HandshakeProbe()
                .probe(new ProbeRequest(
                        URI.create("wss://127.0.0.1:" + nginx.tlsPort() + c.path()),
                        Optional.of(c.host()),
                        Duration.ofSeconds(10),
                        true));
        return wss.outcome() == ProbeOutcome.UPGRADED ? "upgraded" : wss.diagnosis();
    }

    @TestFactory
    Stream<DynamicTest> rejectedIngressesReallyBreak() {
        return cases.values().stream()
                .filter(c -> !c.errorRules().isEmpty())
                .map(c -> DynamicTest.dynamicTest(
                        c.name() + " " + c.errorRules(),
                        () -> assertThat(observed.get(c.name()).broken())
                                .as(describe(c) + "\nconfig:\n" + config)
                                .isTrue()));
    }

    @Test
    void everyWarningNginxDecidesIsShownByAnAcceptedCase() {
        for (Rule rule : shows()) {
            assertThat(cases.values())
                    .as("an accepted WebSocket case that warns %s", rule)
                    .anySatisfy(c -> {
                        assertThat(c.warns(rule)).isTrue();
                        assertThat(c.errorRules()).isEmpty();
                        assertThat(c.webSocket()).isTrue();
                    });
        }
    }

    @Test
    void everyErrorRuleOfThisFlavourIsJustifiedByBehaviour() {
        for (Rule rule : proves()) {
            assertThat(cases.values())
                    .as("a case whose only error is %s, and that breaks on nginx", rule)
                    .anySatisfy(c -> {
                        assertThat(c.errorRules()).containsExactly(rule.id());
                        assertThat(observed.get(c.name()).broken()).isTrue();
                    });
        }
    }
}
