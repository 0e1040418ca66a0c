package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.it.ClusterSeed;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status write: a PUT that carries the route's identity, the version the status was computed from and the whole
 * status, nothing the API server would take over the stored route's own (spec, metadata, other managers' fields).
 */
class RouteStatusWriteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePutCarriesIdentityVersionAndTheWholeStatusOnly() throws Exception {
        WebSocketRoute route = ClusterSeed.webSocketRoute("ns", "chat", "chat.example.com", "chat", "nginx");
        route.getMetadata().setResourceVersion("41");
        route.getMetadata().setUid("u-1");
        route.getMetadata().setGeneration(2L);
        route.getMetadata().setLabels(Map.of("team", "a"));
        route.getMetadata().setFinalizers(List.of("example.com/keep"));
        route.getMetadata()
                .setOwnerReferences(List.of(new OwnerReferenceBuilder()
                        .withKind("App")
                        .withName("a")
                        .build()));
        route.getMetadata()
                .setManagedFields(List.of(new ManagedFieldsEntryBuilder()
                        .withManager("kubectl")
                        .withOperation("Update")
                        .build()));
        route.setStatus(ready("10.0.0.1"));

        JsonNode body = JSON.readTree(Serialization.asJson(RouteStatusWrite.body(route, ready(null))));

        assertThat(body.path("apiVersion").asText()).isEqualTo("wsroute.io/v1alpha1");
        assertThat(body.path("kind").asText()).isEqualTo("WebSocketRoute");
        assertThat(JSON.convertValue(body.path("metadata"), Map.class))
                .isEqualTo(Map.of("name", "chat", "namespace", "ns", "resourceVersion", "41"));
        assertThat(body.has("spec")).isFalse();
        // the whole new status: the withdrawn address is absent, so the stored one is replaced, not merged
        assertThat(body.path("status").has("address")).isFalse();
        assertThat(body.at("/status/ingressName").asText()).isEqualTo("chat");
        assertThat(body.at("/status/conditions/0/reason").asText()).isEqualTo("IngressReady");
        // the route read by the reconcile is left as it was
        assertThat(route.getStatus().getAddress()).isEqualTo("10.0.0.1");
    }

    @Test
    void onlyAConflictMeansTheRouteChangedMeanwhile() {
        assertThat(RouteStatusWrite.staleRoute(new KubernetesClientException("conflict", 409, null)))
                .isTrue();
        assertThat(RouteStatusWrite.staleRoute(new KubernetesClientException("invalid", 422, null)))
                .isFalse();
        assertThat(RouteStatusWrite.staleRoute(new KubernetesClientException("gone", 404, null)))
                .isFalse();
        assertThat(RouteStatusWrite.staleRoute(new KubernetesClientException("unavailable", 503, null)))
                .isFalse();
    }

    private static WebSocketRouteStatus ready(String address) {
        WebSocketRouteStatus status = new WebSocketRouteStatus();
        RouteCondition.ok(RouteCondition.READY, "IngressReady", "ok").applyTo(status, 1L);
        status.setObservedGeneration(1L);
        status.setIngressName("chat");
        status.setUrl("ws://chat.example.com/ws");
        status.setAddress(address);
        return status;
    }
}
