package io.wsroute.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.wsroute.config.WsrouteConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How {@link InformerClusterView} publishes its informers to other threads while it starts them, and which
 * Namespace changes it passes on; against fabric8's mock API server (CRUD mode), with the start-up held half way
 * where a test needs it.
 */
@EnableKubernetesMockClient(crud = true)
class InformerPublicationTest {

    static KubernetesClient client;

    private static WsrouteConfig config() {
        return new SmallRyeConfigBuilder()
                .withMapping(WsrouteConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .build()
                .getConfigMapping(WsrouteConfig.class);
    }

    /** The mock server's client, except that asking for the Namespace informer waits for {@code gate}. */
    private static KubernetesClient heldAtNamespaces(CountDownLatch reached, CountDownLatch gate) {
        return (KubernetesClient) Proxy.newProxyInstance(
                KubernetesClient.class.getClassLoader(), new Class<?>[] {KubernetesClient.class}, (proxy, m, args) -> {
                    if (m.getName().equals("namespaces")) {
                        reached.countDown();
                        gate.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return m.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void notSyncedWhileStartUpIsHalfWayEvenWhenTheInformersStartedSoFarHaveSynced() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        InformerClusterView view = new InformerClusterView(heldAtNamespaces(reached, gate), config());
        ExecutorService startUp = Executors.newSingleThreadExecutor();
        try {
            Future<?> started = startUp.submit(() -> view.start(new StartupEvent()));
            assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
            // The IngressClass informer is started and, against an empty mock server, synced within milliseconds;
            // a reader must still not be told the caches are ready while the others do not exist yet.
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                assertThat(view.synced())
                        .as("synced() half way through start-up")
                        .isFalse();
                assertThat(view.ingressClasses()).isEmpty();
                assertThat(view.namespaceLabels("default")).isEmpty();
                Thread.sleep(20);
            }
            gate.countDown();
            started.get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(view::synced);
        } finally {
            gate.countDown();
            startUp.shutdownNow();
            view.stop(new ShutdownEvent());
        }
    }

    @Test
    void aNamespaceLabelChangeReachesTheListenersAndAnUnrelatedUpdateDoesNot() {
        InformerClusterView view = new InformerClusterView(client, config());
        List<String> seen = new CopyOnWriteArrayList<>();
        view.addListener((HasMetadata object) -> {
            if (object instanceof Namespace ns && ns.getMetadata().getName().equals("team-a")) {
                seen.add(String.valueOf(ns.getMetadata().getLabels().get("wsroute.io/admission")));
            }
        });
        view.start(new StartupEvent());
        try {
            await().atMost(Duration.ofSeconds(20)).until(view::synced);
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("team-a")
                            .addToLabels("wsroute.io/admission", "enforce")
                            .endMetadata()
                            .build())
                    .create();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("enforce"));

            client.namespaces()
                    .withName("team-a")
                    .edit(ns -> new NamespaceBuilder(ns)
                            .editMetadata()
                            .addToAnnotations("owner", "team a")
                            .endMetadata()
                            .build());
            client.namespaces()
                    .withName("team-a")
                    .edit(ns -> new NamespaceBuilder(ns)
                            .editMetadata()
                            .addToLabels("wsroute.io/admission", "warn")
                            .endMetadata()
                            .build());
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("warn"));
            // events arrive in order: the annotation's update came (and went unreported) before the label's
            assertThat(seen).containsExactly("enforce", "warn");
            assertThat(view.namespaceLabels("team-a"))
                    .hasValueSatisfying(l -> assertThat(l).containsEntry("wsroute.io/admission", "warn"));
        } finally {
            view.stop(new ShutdownEvent());
        }
    }
}
