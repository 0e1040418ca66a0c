package io.wsroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wsroute.admission.AdmissionMetrics;
import io.wsroute.bench.ReconcileBench;
import io.wsroute.route.RouteMetrics;
import io.wsroute.route.api.WebSocketRoute;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reconcile scale against the real API server (BENCHMARKS.md): N WebSocketRoutes created at once, time until every
 * one is Ready, API requests per route (from the API server's own apiserver_request_total, the benchmark's own
 * requests subtracted), heap after GC per route, RSS, and the API server's view of wsroute's webhook latency
 * (apiserver_admission_webhook_admission_duration_seconds). In the default run it is a smoke test with 10 routes;
 * the benchmark is {@code bash hack/bench.sh reconcile 1000}. The heap and RSS are this JVM's: wsroute plus the test.
 */
@QuarkusTest
@QuarkusTestResource(value = RealApiServer.class, restrictToAnnotatedClass = true)
class ReconcileScaleIT {

    @Inject
    MeterRegistry registry;

    private static final String NS = "scale";
    private static final int ROUTES = Integer.getInteger("bench.routes", 10);
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)\\} (\\S+)$");

    @Test
    void everyRouteBecomesReadyWithBoundedRequests() throws Exception {
        Config config = Config.fromKubeconfig(RealApiServer.kubeconfigYaml);
        // the benchmark's own client must not be what limits creation
        config.setMaxConcurrentRequests(128);
        config.setMaxConcurrentRequestsPerHost(64);
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build()) {
            ClusterSeed.routeNamespace(client, NS);
            Set<String> ready = ConcurrentHashMap.newKeySet();
            CountDownLatch allReady = new CountDownLatch(ROUTES);
            Map<String, Double> before = requestCounts(client);
            Map<String, Double> webhookBefore = webhookSeconds(client);
            Map<String, long[]> histogramBefore = ROUTES >= 100 ? heapHistogram() : Map.of();
            Map<String, double[]> admissionTimes = new TreeMap<>();
            for (String endpoint : List.of("ingress/validate", "ingress/mutate")) {
                Timer timer = registry.find(AdmissionMetrics.DURATION)
                        .tag("endpoint", endpoint)
                        .timer();
                admissionTimes.put(
                        endpoint,
                        timer == null
                                ? new double[2]
                                : new double[] {timer.count(), timer.totalTime(TimeUnit.MILLISECONDS)});
            }
            double reconcilesBefore = reconciles();
            long heapBefore = heapAfterGc();
            long start = System.nanoTime();
            try (var watch = client.resources(WebSocketRoute.class)
                    .inNamespace(NS)
                    .watch(new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, WebSocketRoute route) {
                            if (route.getStatus() != null
                                    && route.getStatus().getConditions() != null
                                    && route.getStatus().getConditions().stream()
                                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                                    && ready.add(route.getMetadata().getName())) {
                                allReady.countDown();
                            }
                        }

                        @Override
                        public void onClose(WatcherException cause) {}
                    })) {
                ExecutorService creators = Executors.newFixedThreadPool(16);
                for (int i = 0; i < ROUTES; i++) {
                    int n = i;
                    creators.submit(
                            () -> client.resource(ReconcileBench.route(n)).create());
                }
                creators.shutdown();
                assertThat(creators.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
                double created = (System.nanoTime() - start) / 1e9;
                boolean done = allReady.await(Math.max(120, ROUTES / 10), TimeUnit.SECONDS);
                double allReadySeconds = (System.nanoTime() - start) / 1e9;
                assertThat(ready).as("routes Ready").hasSize(ROUTES);
                assertThat(done).isTrue();
                // quiet period: whatever wsroute still sends after the last Ready (status, events) is counted too
                Thread.sleep(Math.min(10_000, 1000 + ROUTES * 2L));
                long heapAfter = heapAfterGc();
                Map<String, Double> after = requestCounts(client);
                Map<String, Double> delta = new TreeMap<>();
                after.forEach((key, value) -> {
                    double d = value - before.getOrDefault(key, 0.0);
                    if (d > 0) {
                        delta.put(key, d);
                    }
                });
                // the benchmark's own: one POST per route and its one watch
                delta.computeIfPresent("POST websocketroutes", (k, v) -> v - ROUTES);
                delta.computeIfPresent("WATCH websocketroutes", (k, v) -> v - 1);
                double wsroute =
                        delta.values().stream().mapToDouble(Double::doubleValue).sum();
                System.out.printf(
                        "reconcile scale: %d routes created in %.2f s, all Ready after %.2f s (load %s)%n",
                        ROUTES, created, allReadySeconds, load());
                System.out.printf(
                        "reconcile scale: wsroute's API requests %.0f = %.2f per route%n", wsroute, wsroute / ROUTES);
                delta.forEach((k, v) -> System.out.printf("  %-40s %8.0f  %.2f per route%n", k, v, v / ROUTES));
                System.out.printf(
                        "reconcile scale: heap after GC %.1f MiB before, %.1f MiB after: %.2f KiB per route; RSS %.0f MiB%n",
                        heapBefore / 1048576.0,
                        heapAfter / 1048576.0,
                        (heapAfter - heapBefore) / 1024.0 / ROUTES,
                        rssMib());
                if (ROUTES >= 100) {
                    printHistogramGrowth(histogramBefore, heapHistogram(), 20);
                }
                admissionTimes.forEach((endpoint, earlier) -> {
                    Timer timer = registry.find(AdmissionMetrics.DURATION)
                            .tag("endpoint", endpoint)
                            .timer();
                    double count = timer == null ? 0 : timer.count() - earlier[0];
                    double total = timer == null ? 0 : timer.totalTime(TimeUnit.MILLISECONDS) - earlier[1];
                    if (count > 0) {
                        System.out.printf(
                                "  wsroute's own admission time %s: %.0f calls, mean %.2f ms%n",
                                endpoint, count, total / count);
                    }
                });
                Map<String, Double> webhookAfter = webhookSeconds(client);
                webhookAfter.forEach((k, v) -> {
                    if (!k.endsWith("_count")) {
                        return;
                    }
                    String base = k.substring(0, k.length() - "_count".length());
                    double count = v - webhookBefore.getOrDefault(k, 0.0);
                    double sum = webhookAfter.get(base + "_sum") - webhookBefore.getOrDefault(base + "_sum", 0.0);
                    double under5ms = webhookAfter.getOrDefault(base + "_le_0.005", 0.0)
                            - webhookBefore.getOrDefault(base + "_le_0.005", 0.0);
                    double under25ms = webhookAfter.getOrDefault(base + "_le_0.025", 0.0)
                            - webhookBefore.getOrDefault(base + "_le_0.025", 0.0);
                    if (count > 0) {
                        System.out.printf(
                                "  API server's webhook duration %s: %.0f calls, mean %.2f ms, %.1f%% under 5 ms, %.1f%% under 25 ms%n",
                                base, count, sum / count * 1000, 100 * under5ms / count, 100 * under25ms / count);
                    }
                });
                assertThat(wsroute / ROUTES).as("API requests per route").isLessThan(20);
                // the writes of a new route: its Ingress (server-side apply, counted as APPLY) and its status (a PUT of
                // the status subresource), once
                // each; no Event for a route Ready at once, no finalizer, and no GET of single objects (the
                // reconcile reads from the caches)
                assertThat(delta.getOrDefault("APPLY ingresses", 0.0))
                        .as("Ingress writes")
                        .isEqualTo(ROUTES);
                assertThat(delta.getOrDefault("PUT websocketroutes/status", 0.0))
                        .as("status writes")
                        .isEqualTo(ROUTES);
                assertThat(delta.entrySet().stream()
                                .filter(e -> e.getValue() > 0)
                                .map(Map.Entry::getKey)
                                .toList())
                        .as("other reads and writes of routes, Ingresses, Events and what the assessment reads")
                        .noneMatch(k -> k.matches("(GET|POST|PUT|PATCH|APPLY|DELETE) (events|websocketroutes"
                                        + "|ingresses|ingressclasses|configmaps)(/.*)?")
                                && !k.equals("APPLY ingresses")
                                && !k.equals("PUT websocketroutes/status"));
                double reconciles = reconciles() - reconcilesBefore;
                System.out.printf(
                        "reconcile scale: %.0f reconciles = %.2f per route%n", reconciles, reconciles / ROUTES);
                // one per new route: the echo of wsroute's own Ingress write does not reconcile the route again
                assertThat(reconciles / ROUTES).as("reconciles per route").isLessThan(1.5);
            }
        }
    }

    private double reconciles() {
        return registry.find(RouteMetrics.RECONCILES).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    /** apiserver_request_total summed by "VERB resource[/subresource]". */
    private static Map<String, Double> requestCounts(KubernetesClient client) {
        Map<String, Double> counts = new TreeMap<>();
        for (String line : client.raw("/metrics").split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches() && m.group(1).equals("apiserver_request_total")) {
                Map<String, String> labels = labels(m.group(2));
                if (labels.getOrDefault("resource", "").isEmpty()) {
                    continue; // non-resource URLs: /metrics read by this benchmark
                }
                String sub = labels.getOrDefault("subresource", "");
                String key = labels.get("verb") + " " + labels.get("resource") + (sub.isEmpty() ? "" : "/" + sub);
                counts.merge(key, Double.parseDouble(m.group(3)), Double::sum);
            }
        }
        return counts;
    }

    /** wsroute's webhooks in apiserver_admission_webhook_admission_duration_seconds: _sum, _count, _le_BOUND. */
    private static Map<String, Double> webhookSeconds(KubernetesClient client) {
        Map<String, Double> values = new TreeMap<>();
        for (String line : client.raw("/metrics").split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches() && m.group(1).startsWith("apiserver_admission_webhook_admission_duration_seconds")) {
                Map<String, String> labels = labels(m.group(2));
                if (!labels.getOrDefault("name", "").endsWith("wsroute.io")) {
                    continue;
                }
                String base = labels.get("name") + " " + labels.get("operation");
                String suffix = m.group(1).endsWith("_bucket")
                        ? "_le_" + labels.get("le")
                        : m.group(1).endsWith("_sum") ? "_sum" : "_count";
                values.merge(base + suffix, Double.parseDouble(m.group(3)), Double::sum);
            }
        }
        return values;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(text);
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        return labels;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Instances and bytes by class in this JVM's heap after a full GC (jcmd GC.class_histogram). */
    private static Map<String, long[]> heapHistogram() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(
                        jcmd.toString(), Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        Map<String, long[]> histogram = new TreeMap<>();
        Pattern row = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");
        for (String line : new String(process.getInputStream().readAllBytes()).split("\n")) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                histogram.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        process.waitFor(60, TimeUnit.SECONDS);
        return histogram;
    }

    /** What the routes added to the heap, by class, largest first: where the bytes per route go. */
    private static void printHistogramGrowth(Map<String, long[]> before, Map<String, long[]> after, int classes) {
        System.out.println("reconcile scale: heap growth by class, top " + classes + " (instances, bytes per route):");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {
                    e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                    e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]
                }))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(classes)
                .forEach(e -> System.out.printf(
                        "  %-70s %+8d %+9.0f B/route%n",
                        e.getKey(), e.getValue()[0], (double) e.getValue()[1] / ROUTES));
    }

    private static double rssMib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
