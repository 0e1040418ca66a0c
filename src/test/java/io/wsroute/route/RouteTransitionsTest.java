package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wsroute.route.api.WebSocketRouteStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Condition transitions, and the Ready=False a refused Ingress write leaves while the SDK retries. */
class RouteTransitionsTest {

    private static final Clock T1 = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Clock T2 = Clock.fixed(Instant.parse("2026-01-01T01:00:00Z"), ZoneOffset.UTC);

    private static IngressApplyFailed refused(int code, String message) {
        KubernetesClientException e = new KubernetesClientException(
                new StatusBuilder().withCode(code).withMessage(message).build());
        return new IngressApplyFailed(
                new IngressBuilder()
                        .withNewMetadata()
                        .withNamespace("demo")
                        .withName("chat")
                        .endMetadata()
                        .build(),
                e);
    }

    private static WebSocketRouteStatus readyStatus() {
        WebSocketRouteStatus status = new WebSocketRouteStatus();
        RouteCondition.ok(RouteCondition.READY, "IngressReady", "ok").applyTo(status, 1L, T1);
        RouteCondition.ok(RouteCondition.HANDSHAKE_VERIFIED, "Upgraded", "101").applyTo(status, 1L, T1);
        status.setUrl("ws://chat.example.com/ws");
        return status;
    }

    @Test
    void aRefusedIngressWriteTurnsReadyFalseWithTheApiServersWords() {
        String denial = "admission webhook \"deny.example.com\" denied the request: no WebSockets here";
        RouteCondition ready = RouteTransitions.applyFailure(new RuntimeException(refused(403, denial)))
                .orElseThrow();
        assertThat(ready.isTrue()).isFalse();
        assertThat(ready.reason()).isEqualTo("IngressRejected");
        assertThat(ready.message()).contains(denial).contains("retrying");

        WebSocketRouteStatus status = RouteTransitions.withReady(readyStatus(), ready, 2L);
        assertThat(status.condition(RouteCondition.READY))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
        assertThat(status.condition(RouteCondition.HANDSHAKE_VERIFIED)).isEmpty();
        assertThat(status.getUrl()).isEqualTo("ws://chat.example.com/ws");
        assertThat(status.getObservedGeneration()).isEqualTo(2L);
        assertThat(RouteTransitions.readinessChanged(readyStatus(), ready)).isTrue();
        assertThat(RouteTransitions.readinessChanged(status, ready)).isFalse();
    }

    @Test
    void aNewRouteReadyAtOnceIsNoEventButAFailureOrARecoveryIs() {
        RouteCondition ready = RouteCondition.ok(RouteCondition.READY, "IngressReady", "ok");
        RouteCondition missing = RouteCondition.failed(RouteCondition.READY, "ServiceNotFound", "no chat");
        WebSocketRouteStatus fresh = new WebSocketRouteStatus();
        WebSocketRouteStatus failing = new WebSocketRouteStatus();
        missing.applyTo(failing, 1L, T1);

        assertThat(RouteTransitions.readinessChanged(fresh, ready)).isTrue();
        assertThat(RouteTransitions.worthAnEvent(fresh, ready)).isFalse();
        assertThat(RouteTransitions.worthAnEvent(fresh, missing)).isTrue();
        assertThat(RouteTransitions.worthAnEvent(failing, ready)).isTrue();
        assertThat(RouteTransitions.worthAnEvent(readyStatus(), missing)).isTrue();
        assertThat(RouteTransitions.worthAnEvent(readyStatus(), ready)).isFalse();
        assertThat(RouteTransitions.worthAnEvent(failing, missing)).isFalse();
    }

    @Test
    void noAnswerIsNotARefusal() {
        RouteCondition ready =
                RouteTransitions.applyFailure(refused(0, "connect timed out")).orElseThrow();
        assertThat(ready.reason()).isEqualTo("IngressApplyFailed");
        assertThat(RouteTransitions.applyFailure(refused(503, "etcd leader changed")))
                .hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("IngressApplyFailed"));
    }

    @Test
    void otherFailuresLeaveTheStatusToTheNextReconcile() {
        assertThat(RouteTransitions.applyFailure(new IllegalStateException("status patch failed")))
                .isEmpty();
    }

    @Test
    void lastTransitionTimeMovesOnlyWhenTheValueDoes() {
        WebSocketRouteStatus status = new WebSocketRouteStatus();
        RouteCondition.unknown(RouteCondition.HANDSHAKE_VERIFIED, "Probing", "under way")
                .applyTo(status, 1L, T1);
        RouteCondition.unknown(RouteCondition.HANDSHAKE_VERIFIED, "NoProbeAddress", "none")
                .applyTo(status, 1L, T2);
        assertThat(status.condition(RouteCondition.HANDSHAKE_VERIFIED).orElseThrow())
                .satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("Unknown");
                    assertThat(c.getReason()).isEqualTo("NoProbeAddress");
                    assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
                });
        RouteCondition.ok(RouteCondition.HANDSHAKE_VERIFIED, "Upgraded", "101").applyTo(status, 1L, T2);
        assertThat(status.condition(RouteCondition.HANDSHAKE_VERIFIED)
                        .orElseThrow()
                        .getLastTransitionTime())
                .isEqualTo("2026-01-01T01:00:00Z");
    }

    @Test
    void conditionsStaySortedByType() {
        WebSocketRouteStatus status = new WebSocketRouteStatus();
        RouteCondition.ok(RouteCondition.READY, "IngressReady", "ok").applyTo(status, 1L, T1);
        RouteCondition.ok(RouteCondition.ENFORCED, "AllSettingsEnforced", "ok").applyTo(status, 1L, T1);
        RouteCondition.ok(RouteCondition.HANDSHAKE_VERIFIED, "Upgraded", "101").applyTo(status, 1L, T1);
        assertThat(status.getConditions())
                .extracting(c -> c.getType())
                .containsExactly("Enforced", "HandshakeVerified", "Ready");
    }
}
