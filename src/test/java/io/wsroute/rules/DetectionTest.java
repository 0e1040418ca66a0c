package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** README "What it checks" (an Ingress is treated as WebSocket when...): each signal alone, the opt-out, and what is not a signal. */
class DetectionTest {

    static Stream<Arguments> signals() {
        return Stream.of(
                Arguments.of("annotation", plain(INGRESS_NGINX).with("wsroute.io/websocket", "true"), "chat"),
                Arguments.of(
                        "appProtocol ws by port number",
                        plain(INGRESS_NGINX).service("chat", "kubernetes.io/ws"),
                        "chat"),
                Arguments.of(
                        "appProtocol wss by port name",
                        plain(NGINX_INC)
                                .noPaths()
                                .pathToPortName("/ws", "chat", "ws")
                                .service("chat", "kubernetes.io/wss"),
                        "chat"),
                Arguments.of(
                        "appProtocol on the default backend",
                        plain(INGRESS_NGINX).noPaths().defaultBackend("chat").service("chat", "kubernetes.io/ws"),
                        "chat"),
                Arguments.of("owned by a WebSocketRoute", plain(INGRESS_NGINX).ownedBy("wsroute.io/v1alpha1"), "chat"),
                Arguments.of(
                        "nginx.org/websocket-services",
                        plain(NGINX_INC).with("nginx.org/websocket-services", "chat"),
                        "chat"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    void eachSignalAloneMarksWebSocket(String signal, Fixtures ingress, String service) {
        WebSocketDetection detection = ingress.detection();
        assertThat(detection.webSocket()).isTrue();
        assertThat(detection.services()).containsExactly(service);
        assertThat(detection.reason()).isNotBlank();
    }

    static Stream<Arguments> notSignals() {
        return Stream.of(
                Arguments.of("no annotation, unknown Service", plain(INGRESS_NGINX)),
                Arguments.of("appProtocol http", plain(INGRESS_NGINX).service("chat", "http")),
                Arguments.of(
                        "appProtocol ws on another port",
                        plain(INGRESS_NGINX).noPaths().path("/ws", "chat", 9090).service("chat", "kubernetes.io/ws")),
                Arguments.of("owner of another group", plain(INGRESS_NGINX).ownedBy("example.com/v1")),
                Arguments.of(
                        "ingress-nginx timeouts alone",
                        plain(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notSignals")
    void withoutSignalNothingIsReportedOrChanged(String why, Fixtures ingress) {
        assertThat(ingress.detection().webSocket()).isFalse();
        assertThat(ingress.findings()).isEmpty();
        assertThat(ingress.remediation().isEmpty()).isTrue();
    }

    @Test
    void optOutWinsOverEveryOtherSignal() {
        Fixtures ingress = plain(NGINX_INC)
                .with("wsroute.io/websocket", "false")
                .with("nginx.org/websocket-services", "chat")
                .service("chat", "kubernetes.io/wss")
                .ownedBy("wsroute.io/v1alpha1")
                .with("nginx.org/proxy-read-timeout", "forever");

        assertThat(ingress.detection().webSocket()).isFalse();
        assertThat(ingress.detection().reason()).contains("opted out");
        assertThat(ingress.findings()).isEmpty();
        assertThat(ingress.remediation().isEmpty()).isTrue();
    }

    @Test
    void invalidMarkerIsReportedAndTheOtherSignalsStillDecide() {
        assertThat(plain(INGRESS_NGINX).with("wsroute.io/websocket", "True").ruleIds())
                .containsExactly("WS100");

        Fixtures withAppProtocol =
                plain(INGRESS_NGINX).with("wsroute.io/websocket", "yes").service("chat", "kubernetes.io/ws");
        assertThat(withAppProtocol.detection().webSocket()).isTrue();
        assertThat(withAppProtocol.ruleIds()).containsExactly("WS100", "WS103");
    }

    @Test
    void markedIngressCountsEveryBackendButAppProtocolOnlyItsOwn() {
        Fixtures twoBackends = plain(INGRESS_NGINX)
                .path("/api", "api", 80)
                .service("chat", "kubernetes.io/wss")
                .service("api", "http");
        assertThat(twoBackends.detection().services()).containsExactly("chat");
        assertThat(twoBackends.detection().tlsServices()).containsExactly("chat");
        assertThat(twoBackends.with("wsroute.io/websocket", "true").detection().services())
                .containsExactly("api", "chat");
    }

    @Test
    void serviceListIsReadGenerouslyForDetection() {
        Fixtures spaced = plain(NGINX_INC).path("/b", "b", 80).with("nginx.org/websocket-services", "chat, b");
        assertThat(spaced.detection().services()).containsExactly("b", "chat");
    }

    @Test
    void backendServiceNamesListsEachServiceOnce() {
        assertThat(WebSocketRules.backendServiceNames(plain(INGRESS_NGINX)
                        .path("/again", "chat", 8080)
                        .defaultBackend("fallback")
                        .ingress()))
                .containsExactly("fallback", "chat");
    }
}
