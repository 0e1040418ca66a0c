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

/** WS113: long-polling fallbacks and several replicas need affinity, and affinity that cannot work. */
class AffinityRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"/socket.io", "/chat/socket.io/", "/SockJS", "/signalr/hubs"})
    void pollingPathsNeedAffinity(String path) {
        assertThat(healthy(INGRESS_NGINX).onlyPath(path).findings(Rule.WS113))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains(path).contains("long-polling"));
    }

    @ParameterizedTest
    @EnumSource(ControllerFlavor.class)
    void oneReplicaOnAPlainPathNeedsNothing(ControllerFlavor flavor) {
        assertThat(healthy(flavor).replicas("chat", 1).findings(Rule.WS113)).isEmpty();
        assertThat(healthy(flavor).replicas("chat", 2).findings(Rule.WS113))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("2 replicas"));
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
