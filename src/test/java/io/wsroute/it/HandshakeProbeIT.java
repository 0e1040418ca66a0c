package io.wsroute.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.live.ControllerTemplate;
import io.wsroute.nginx.live.IngressNginxTemplate;
import io.wsroute.route.api.WebSocketRoute;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HandshakeVerified end to end: a WebSocketRoute in a real kube-apiserver, the Ingress wsroute writes for it, and a
 * real nginx the operator probes through ({@code wsroute.probe.mode=address}). While nginx proxies the route's host
 * without the upgrade headers (nginx's defaults, or an L7 load balancer that strips them), the condition is False
 * with the backend's 426; once nginx runs what ingress-nginx generates from wsroute's Ingress, it is True with 101.
 */
@QuarkusTest
@QuarkusTestResource(value = RealApiServer.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = RealNginxResource.class, restrictToAnnotatedClass = true)
class HandshakeProbeIT {

    private static final String NS = "probed";
    private static final String HOST = "chat.probe.test";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KubernetesClient client;

    @BeforeAll
    static void seed() {
        client = RealApiServer.client();
        ClusterSeed.routeNamespace(client, NS);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aProxyThatDropsTheUpgradeIsReportedThenTheGeneratedConfigurationIsVerified() throws Exception {
        // nginx serves the host, but as a plain proxy: HTTP/1.0 upstream, Upgrade not forwarded
        RealNginxResource.load(ControllerTemplate.defaultServer() + """
                    server {
                        server_name %s;
                        listen 127.0.0.1:$PORT;
                        location / { proxy_pass http://%s; }
                    }
                """.formatted(HOST, RealNginxResource.backend()));
        client.resource(ClusterSeed.webSocketRoute(NS, "chat", HOST, "chat", null))
                .create();

        Condition broken = awaitCondition("False");
        assertThat(broken.getReason()).isEqualTo("UpgradeNotForwarded");
        assertThat(broken.getMessage())
                .startsWith("426 from backend: the proxy did not forward the Upgrade header")
                .contains("Host " + HOST);
        assertThat(condition("Ready").getStatus()).isEqualTo("True");

        // now nginx runs what ingress-nginx generates from the Ingress wsroute wrote
        Ingress written = client.network()
                .v1()
                .ingresses()
                .inNamespace(NS)
                .withName("chat")
                .get();
        assertThat(written).as("the Ingress wsroute owns for the route").isNotNull();
        RealNginxResource.load(new IngressNginxTemplate()
                .render(
                        List.of(new ControllerTemplate.Served(
                                written, ControllerProfile.defaults(ControllerFlavor.INGRESS_NGINX))),
                        (ingress, service) -> RealNginxResource.backend())
                .config());

        Condition verified = awaitCondition("True");
        assertThat(verified.getReason()).isEqualTo("Upgraded");
        assertThat(verified.getMessage()).startsWith("101 Switching Protocols").contains("ws://127.0.0.1:");
        assertThat(verified.getObservedGeneration()).isEqualTo(1L);
    }

    private static Condition condition(String type) {
        return Optional.ofNullable(client.resources(WebSocketRoute.class)
                        .inNamespace(NS)
                        .withName("chat")
                        .get())
                .map(WebSocketRoute::getStatus)
                .flatMap(s -> s.condition(type))
                .orElse(null);
    }

    private static Condition awaitCondition(String status) {
        return await().atMost(WAIT)
                .until(() -> condition("HandshakeVerified"), c -> c != null && status.equals(c.getStatus()));
    }
}
