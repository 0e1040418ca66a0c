package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonpatch.JsonPatch;
import io.wsroute.route.api.WebSocketRouteStatus;
import org.junit.jupiter.api.Test;

/** The status write: one JSON patch that leaves exactly the new status, on a new route and on one with a status. */
class RouteStatusPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static WebSocketRouteStatus ready(String address) {
        WebSocketRouteStatus status = new WebSocketRouteStatus();
        RouteCondition.ok(RouteCondition.READY, "IngressReady", "ok").applyTo(status, 1L);
        status.setObservedGeneration(1L);
        status.setIngressName("chat");
        status.setUrl("ws://chat.example.com/ws");
        status.setAddress(address);
        return status;
    }

    private static JsonNode patched(String stored, WebSocketRouteStatus status) throws Exception {
        return JsonPatch.fromJson(JSON.readTree(RouteStatusPatch.body(status))).apply(JSON.readTree(stored));
    }

    @Test
    void aNewRouteGetsItsFirstStatus() throws Exception {
        JsonNode route = patched(
                "{\"metadata\":{\"name\":\"chat\"},\"spec\":{\"host\":\"chat.example.com\"}}", ready("10.0.0.1"));

        assertThat(route.at("/status/address").asText()).isEqualTo("10.0.0.1");
        assertThat(route.at("/status/conditions/0/reason").asText()).isEqualTo("IngressReady");
        assertThat(route.at("/spec/host").asText()).isEqualTo("chat.example.com");
    }

    @Test
    void aFieldTheNewStatusNoLongerHasIsGone() throws Exception {
        String stored = JSON.writeValueAsString(JSON.createObjectNode()
                .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        "metadata", JSON.createObjectNode().put("name", "chat"))
                .set("status", JSON.valueToTree(withGateway(ready("10.0.0.1")))));

        JsonNode route = patched(stored, ready(null));

        assertThat(route.at("/status").has("address")).isFalse();
        assertThat(route.at("/status").has("gateway")).isFalse();
        assertThat(route.at("/status").has("httpRouteName")).isFalse();
        assertThat(route.at("/status/ingressName").asText()).isEqualTo("chat");
        assertThat(route.at("/status/conditions")).hasSize(1);
    }

    private static WebSocketRouteStatus withGateway(WebSocketRouteStatus status) {
        status.setGateway("gw/web");
        status.setHttpRouteName("chat");
        RouteCondition.ok(RouteCondition.HANDSHAKE_VERIFIED, "Upgraded", "101").applyTo(status, 1L);
        return status;
    }
}
