package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.ControllerFlavor;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Remediation: only additions, first-class annotations in the flavour's format, and idempotent. */
class RemediationTest {

    private static final Set<String> FIXED_BY_REMEDIATION = Set.of("WS101", "WS103", "WS108", "WS115");

    @Test
    void ingressNginxGetsIntegerTimeouts() {
        assertThat(plain(INGRESS_NGINX)
                        .with("wsroute.io/websocket", "true")
                        .remediation()
                        .annotationsToAdd())
                .containsExactly(
                        Map.entry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600"),
                        Map.entry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600"));
    }

    @Test
    void nginxIncGetsServiceListsAndNginxTime() {
        assertThat(plain(NGINX_INC)
                        .path("/api", "api", 80)
                        .service("chat", "kubernetes.io/wss")
                        .service("api", "http")
                        .remediation()
                        .annotationsToAdd())
                .containsExactly(
                        Map.entry("nginx.org/proxy-read-timeout", "3600s"),
                        Map.entry("nginx.org/proxy-send-timeout", "3600s"),
                        Map.entry("nginx.org/ssl-services", "chat"),
                        Map.entry("nginx.org/websocket-services", "chat"));
    }

    @Test
    void minimumComesFromTheSettings() {
        assertThat(plain(NGINX_INC)
                        .with("wsroute.io/websocket", "true")
                        .settings(new RuleSettings(Duration.ofMinutes(90), Duration.ofMinutes(4)))
                        .remediation()
                        .annotationsToAdd())
                .containsEntry("nginx.org/proxy-read-timeout", "5400s");
    }

    @Test
    void userValuesAreNeverOverwrittenEvenWhenWrong() {
        Fixtures ingress = plain(INGRESS_NGINX)
                .with("wsroute.io/websocket", "true")
                .with("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s");
        assertThat(ingress.remediation().annotationsToAdd())
                .containsOnlyKeys("nginx.ingress.kubernetes.io/proxy-send-timeout");
        assertThat(plain(NGINX_INC)
                        .with("nginx.org/websocket-services", "other")
                        .remediation()
                        .annotationsToAdd())
                .doesNotContainKey("nginx.org/websocket-services");
    }

    @Test
    void generousControllerConfigMapNeedsNoTimeouts() {
        assertThat(plain(INGRESS_NGINX)
                        .with("wsroute.io/websocket", "true")
                        .configMap(
                                "proxy-read-timeout",
                                "3600",
                                "proxy-send-timeout",
                                "86400",
                                "proxy-http-version",
                                "1.0")
                        .remediation()
                        .annotationsToAdd())
                .containsExactly(Map.entry("nginx.ingress.kubernetes.io/proxy-http-version", "1.1"));
    }

    @Test
    void backendProtocolOnlyWhenEveryBackendSpeaksTls() {
        assertThat(plain(INGRESS_NGINX)
                        .service("chat", "kubernetes.io/wss")
                        .remediation()
                        .annotationsToAdd())
                .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS");
        assertThat(plain(INGRESS_NGINX)
                        .path("/api", "api", 80)
                        .service("chat", "kubernetes.io/wss")
                        .remediation()
                        .annotationsToAdd())
                .doesNotContainKey("nginx.ingress.kubernetes.io/backend-protocol");
    }

    @Test
    void mergeableMasterGetsNoServiceList() {
        assertThat(plain(NGINX_INC)
                        .noPaths()
                        .with("wsroute.io/websocket", "true")
                        .with("nginx.org/mergeable-ingress-type", "master")
                        .remediation()
                        .annotationsToAdd())
                .doesNotContainKeys("nginx.org/websocket-services", "nginx.org/ssl-services");
    }

    @Test
    void snippetsAreNeverAdded() {
        Fixtures open = plain(INGRESS_NGINX)
                .with("wsroute.io/websocket", "true")
                .configMap("allow-snippet-annotations", "true", "annotations-risk-level", "Critical");
        assertThat(open.remediation().annotationsToAdd().keySet()).noneMatch(k -> k.endsWith("snippet"));
    }

    /** Plain WebSocket Ingresses of both flavours, ws and wss, marked in each way remediation must handle. */
    static Stream<Arguments> plainWebSocketIngresses() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (ControllerFlavor flavor : ControllerFlavor.values()) {
            cases.add(Arguments.of(
                    flavor + " ws", (Supplier<Fixtures>) () -> plain(flavor).service("chat", "kubernetes.io/ws")));
            cases.add(Arguments.of(
                    flavor + " wss", (Supplier<Fixtures>) () -> plain(flavor).service("chat", "kubernetes.io/wss")));
            cases.add(Arguments.of(
                    flavor + " marked", (Supplier<Fixtures>) () -> plain(flavor).with("wsroute.io/websocket", "true")));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainWebSocketIngresses")
    void remediationIsIdempotentAndFixesWhatItClaims(String name, Supplier<Fixtures> ingress) {
        Remediation first = ingress.get().remediation();
        assertThat(first.isEmpty()).isFalse();
        assertThat(ingress.get().findings()).extracting(Finding::rule).containsAnyElementsOf(FIXED_BY_REMEDIATION);

        Fixtures fixed = ingress.get().withAll(first.annotationsToAdd());
        assertThat(fixed.remediation().isEmpty()).isTrue();
        assertThat(fixed.findings()).extracting(Finding::rule).doesNotContainAnyElementsOf(FIXED_BY_REMEDIATION);
    }
}
