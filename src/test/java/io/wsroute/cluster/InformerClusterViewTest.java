package io.wsroute.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.wsroute.nginx.ControllerFlavor;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The informer-backed view reads what the (mock) API server holds, and follows changes. */
@QuarkusTest
@WithKubernetesTestServer
class InformerClusterViewTest {

    private static final String NS = "cluster-view";

    @Inject
    KubernetesClient client;

    @Inject
    ClusterView cluster;

    @Test
    void readsIngressClassesNamespaceLabelsAndServices() {
        client.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("view-test")
                        .endMetadata()
                        .withNewSpec()
                        .withController("nginx.org/ingress-controller")
                        .endSpec()
                        .build())
                .createOr(c -> c.update());
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .addToLabels("wsroute.io/admission", "warn")
                        .endMetadata()
                        .build())
                .createOr(c -> c.update());
        client.services()
                .inNamespace(NS)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("chat")
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withPort(80)
                        .withAppProtocol("kubernetes.io/ws")
                        .endPort()
                        .endSpec()
                        .build())
                .createOr(c -> c.update());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.ingressClasses())
                    .anyMatch(c -> c.getMetadata().getName().equals("view-test"));
            assertThat(cluster.namespaceLabels(NS))
                    .hasValueSatisfying(l -> assertThat(l).containsEntry("wsroute.io/admission", "warn"));
            assertThat(cluster.service(NS, "chat")).isPresent();
        });
        assertThat(cluster.namespaceLabels("no-such-namespace")).isEmpty();
        assertThat(cluster.service(NS, "no-such-service")).isEmpty();

        client.namespaces()
                .withName(NS)
                .edit(n -> new NamespaceBuilder(n)
                        .editMetadata()
                        .addToLabels("wsroute.io/admission", "off")
                        .endMetadata()
                        .build());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.namespaceLabels(NS)
                        .map(l -> "off".equals(l.get("wsroute.io/admission")))
                        .orElse(false));
    }

    @Test
    void cachesOnlyTheConfiguredControllerConfigMap() {
        client.configMaps()
                .inNamespace("nginx-ingress")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("aaa-unrelated")
                        .endMetadata()
                        .addToData("proxy-read-timeout", "5s")
                        .build())
                .createOr(c -> c.update());
        client.configMaps()
                .inNamespace("nginx-ingress")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("nginx-ingress")
                        .endMetadata()
                        .addToData("proxy-read-timeout", "1h")
                        .build())
                .createOr(c -> c.update());
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> cluster.controllerConfigMap(ControllerFlavor.NGINX_INC)
                            .isPresent());
            assertThat(cluster.controllerConfigMap(ControllerFlavor.NGINX_INC)
                            .orElseThrow()
                            .getMetadata()
                            .getName())
                    .isEqualTo("nginx-ingress");
        } finally {
            client.configMaps()
                    .inNamespace("nginx-ingress")
                    .withName("aaa-unrelated")
                    .delete();
            client.configMaps()
                    .inNamespace("nginx-ingress")
                    .withName("nginx-ingress")
                    .delete();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        cluster.controllerConfigMap(ControllerFlavor.NGINX_INC).isEmpty());
    }

    @Test
    void countsReadyEndpointsOncePerPodAcrossSlices() {
        // Dual stack: one slice per address family, both listing pods a and b; c is not ready; d is unknown (ready).
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(NS)
                .resource(new EndpointSliceBuilder()
                        .withNewMetadata()
                        .withName("chat-v4")
                        .addToLabels("kubernetes.io/service-name", "chat")
                        .endMetadata()
                        .withAddressType("IPv4")
                        .addToEndpoints(
                                endpoint("a", "10.0.0.1", true),
                                endpoint("b", "10.0.0.2", true),
                                endpoint("c", "10.0.0.3", false),
                                endpoint("d", "10.0.0.4", null))
                        .build())
                .createOr(c -> c.update());
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(NS)
                .resource(new EndpointSliceBuilder()
                        .withNewMetadata()
                        .withName("chat-v6")
                        .addToLabels("kubernetes.io/service-name", "chat")
                        .endMetadata()
                        .withAddressType("IPv6")
                        .addToEndpoints(endpoint("a", "fd00::1", true), endpoint("b", "fd00::2", true))
                        .build())
                .createOr(c -> c.update());
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(NS)
                .resource(new EndpointSliceBuilder()
                        .withNewMetadata()
                        .withName("other-v4")
                        .addToLabels("kubernetes.io/service-name", "other")
                        .endMetadata()
                        .withAddressType("IPv4")
                        .addToEndpoints(endpoint("z", "10.0.1.1", true))
                        .build())
                .createOr(c -> c.update());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.readyEndpoints(NS, "chat").equals(OptionalInt.of(3)));
        assertThat(cluster.readyEndpoints(NS, "other")).hasValue(1);
        assertThat(cluster.readyEndpoints(NS, "nobody")).isEmpty();
        assertThat(cluster.synced()).isTrue();
    }

    private static io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint(
            String pod, String address, Boolean ready) {
        EndpointBuilder builder = new EndpointBuilder()
                .addToAddresses(address)
                .withNewTargetRef()
                .withKind("Pod")
                .withNamespace(NS)
                .withName(pod)
                .endTargetRef();
        if (ready != null) {
            builder.withNewConditions().withReady(ready).endConditions();
        }
        return builder.build();
    }
}
