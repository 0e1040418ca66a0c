package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.ControllerFlavor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WS113: fallback transports over several replicas need affinity; affinity that cannot work. The library facts the
 * rule relies on come from each library's own documentation:
 *
 * <ul>
 *   <li>Socket.IO, https://socket.io/docs/v4/using-multiple-nodes (sticky sessions are needed when HTTP long-polling
 *       is enabled, the default; without them 400 "Session ID unknown"; the WebSocket transport is one TCP connection
 *       and needs none);
 *   <li>ASP.NET Core SignalR, https://learn.microsoft.com/aspnet/core/signalr/scale (sticky sessions unless every
 *       client uses WebSockets only with SkipNegotiation; the {@code <hub>/negotiate} request comes first);
 *   <li>SockJS, https://github.com/sockjs/sockjs-node README "Sticky sessions" (with several server processes the
 *       load balancer must send every request of a session to the same one; the streaming and polling transports
 *       keep session state in process memory).
 * </ul>
 */
class AffinityRuleTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/socket.io",
                "/chat/socket.io/",
                "/SockJS",
                "/sockjs-node",
                "/signalr/hubs",
                "/hubs/chat",
                "/chathub/negotiate"
            })
    void fallbackPathsNeedAffinity(String path) {
        assertThat(healthy(INGRESS_NGINX).onlyPath(path).findings(Rule.WS113))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains(path).contains("long-polling"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/", "/hubspot", "/api/negotiated", "/socket", "/cable", "/terminals/websocket"})
    void aPlainWebSocketPathNeedsNoAffinityWhateverTheReplicas(String path) {
        for (ControllerFlavor flavor : ControllerFlavor.values()) {
            assertThat(healthy(flavor).onlyPath(path).replicas("chat", 5).findings(Rule.WS113))
                    .as("%s on %s", path, flavor)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ControllerFlavor.class)
    void evidenceOnOneKnownReplicaNeedsNothing(ControllerFlavor flavor) {
        assertThat(healthy(flavor).onlyPath("/socket.io").replicas("chat", 1).findings(Rule.WS113))
                .isEmpty();
        assertThat(healthy(flavor).onlyPath("/socket.io").replicas("chat", 2).findings(Rule.WS113))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("2 replicas").contains("socket.io"));
    }

    @ParameterizedTest
    @EnumSource(ControllerFlavor.class)
    void theAnnotationDeclaresOrRulesOutAFallback(ControllerFlavor flavor) {
        assertThat(healthy(flavor)
                        .with("wsroute.io/fallback-transport", "long-polling")
                        .replicas("chat", 3)
                        .findings(Rule.WS113))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("wsroute.io/fallback-transport declares a long-polling fallback")
                        .contains("3 replicas"));
        assertThat(healthy(flavor)
                        .with("wsroute.io/fallback-transport", "long-polling")
                        .replicas("chat", 1)
                        .findings(Rule.WS113))
                .isEmpty();
        assertThat(healthy(flavor)
                        .onlyPath("/socket.io")
                        .with("wsroute.io/fallback-transport", " None ")
                        .replicas("chat", 3)
                        .findings(Rule.WS113))
                .as("Socket.IO with transports: [\"websocket\"] needs no affinity")
                .isEmpty();
    }

    @Test
    void anUnreadableDeclarationIsReadAsLongPollingAndSaysSo() {
        assertThat(healthy(INGRESS_NGINX)
                        .with("wsroute.io/fallback-transport", "polling\nX")
                        .findings(Rule.WS113))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("\"polling?X\" is neither \"long-polling\" nor \"none\"")
                        .doesNotContain("\n"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "nginx.ingress.kubernetes.io/affinity|cookie|INGRESS_NGINX|true",
                "nginx.ingress.kubernetes.io/upstream-hash-by|$remote_addr|INGRESS_NGINX|true",
                "nginx.ingress.kubernetes.io/affinity|Cookie|INGRESS_NGINX|false",
                "nginx.ingress.kubernetes.io/load-balance|ewma|INGRESS_NGINX|false",
                "nginx.org/lb-method|ip_hash|NGINX_INC|true",
                "nginx.org/lb-method|hash $remote_addr consistent|NGINX_INC|true",
                "nginx.org/lb-method|hash $cookie_io|NGINX_INC|true",
                "nginx.org/lb-method|hash|NGINX_INC|false",
                "nginx.org/lb-method|least_conn|NGINX_INC|false",
                "nginx.org/sticky-cookie-services|serviceName=chat srv_id expires=1h|NGINX_INC|true",
                "nginx.com/sticky-cookie-services|serviceName=chat srv_id expires=1h|NGINX_INC|true"
            })
    void whatCountsAsAffinity(String key, String value, ControllerFlavor flavor, boolean sticky) {
        assertThat(healthy(flavor)
                        .onlyPath("/socket.io")
                        .with(key, value)
                        .findings(Rule.WS113)
                        .isEmpty())
                .isEqualTo(sticky);
    }

    @Test
    void cookieAffinityThroughTheClusterIpDoesNothing() {
        assertThat(healthy(INGRESS_NGINX)
                        .with("nginx.ingress.kubernetes.io/affinity", "cookie")
                        .with("nginx.ingress.kubernetes.io/service-upstream", "true")
                        .findings(Rule.WS113))
                .extracting(Finding::field)
                .containsExactly(Fixtures.annotation("nginx.ingress.kubernetes.io/service-upstream"));
        assertThat(healthy(NGINX_INC)
                        .with("nginx.org/lb-method", "ip_hash")
                        .with("nginx.org/use-cluster-ip", "1")
                        .findings(Rule.WS113))
                .extracting(Finding::field)
                .containsExactly(Fixtures.annotation("nginx.org/use-cluster-ip"));
    }

    @Test
    void cookieAffinityWithRegexPathsNeedsACookiePath() {
        Fixtures regex = healthy(INGRESS_NGINX)
                .with("nginx.ingress.kubernetes.io/affinity", "cookie")
                .with("nginx.ingress.kubernetes.io/use-regex", "true");
        assertThat(regex.findings(Rule.WS113)).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(Fixtures.annotation("nginx.ingress.kubernetes.io/session-cookie-path"));
            assertThat(f.fix()).contains("session-cookie-path: \"/\"");
        });
        assertThat(regex.with("nginx.ingress.kubernetes.io/session-cookie-path", "/chat")
                        .findings(Rule.WS113))
                .isEmpty();
    }
}
