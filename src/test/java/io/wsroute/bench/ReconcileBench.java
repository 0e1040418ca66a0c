package io.wsroute.bench;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.wsroute.it.ClusterSeed;
import io.wsroute.it.RealApiServer;
import io.wsroute.it.TestCertificates;
import io.wsroute.route.api.WebSocketRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reconcile cost with wsroute as its own process (the packaged jar, as deployed) against a real kube-apiserver and
 * etcd: N WebSocketRoutes created by 16 client threads, time until every one is Ready, and per route the reconciles
 * (wsroute's own {@code wsroute_route_reconciles_total}), the CPU of wsroute, the API server, etcd and this load
 * client (from /proc), how busy the machine's cores were, and what wsroute's reconcile threads wait for a third of the
 * way (a thread dump). In the same run, before wsroute starts and after a warm-up of the load client, the floor: the
 * same API server storing N objects of a bare custom resource from 16 threads and from 64. Run: {@code bash hack/bench.sh reconcile [N]} ({@code -Dbench.jfr=true} records a JFR
 * profile of wsroute over the creates; {@code -Dbench.baseline=JAR} runs another build first, against the same API
 * server, for a before/after in one run). Java 25 with the image's options, without the AOT cache (the same for both
 * builds); {@code -Dbench.aot=true} then runs this build once more as the image does, with the cache its training
 * script writes (which trains on admissions, not on reconciles: the image is built without a cluster).
 */
public final class ReconcileBench {

    private static final String NS = "scale";
    private static final int THREADS = 16;
    private static final String TOKEN = "wsroute-bench-" + java.util.UUID.randomUUID();
    private static final String WSROUTE_NAMESPACE = "wsroute-bench";
    private static final String WSROUTE_SERVICE_ACCOUNT = "wsroute";
    private static final String SERVICE_ACCOUNT_USER =
            "system:serviceaccount:" + WSROUTE_NAMESPACE + ":" + WSROUTE_SERVICE_ACCOUNT;
    private static final Pattern RECONCILES =
            Pattern.compile("^wsroute_route_reconciles_total\\{[^}]*\\} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern INGRESS_REVIEWS = Pattern.compile(
            "^wsroute_admission_requests_total\\{endpoint=\"ingress/[a-z]+\",[^}]*\\} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern OWN_WRITE_REVIEWS = Pattern.compile(
            "^wsroute_admission_requests_total\\{endpoint=\"ingress/[a-z]+\",verdict=\"own-write\",?\\} (\\S+)$",
            Pattern.MULTILINE);

    /** The CPU seconds of the four processes at one moment: wsroute, the API server, etcd and this load client. */
    record Cpu(double wsroute, double apiServer, double etcd, double client) {
        static Cpu now(long wsroutePid, Pids pids) throws java.io.IOException {
            return new Cpu(
                    wsroutePid == 0 ? 0 : Machine.cpuSeconds(wsroutePid),
                    Machine.cpuSeconds(pids.apiServer()),
                    Machine.cpuSeconds(pids.etcd()),
                    Machine.cpuSeconds(ProcessHandle.current().pid()));
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(
                    wsroute - earlier.wsroute,
                    apiServer - earlier.apiServer,
                    etcd - earlier.etcd,
                    client - earlier.client);
        }

        double total() {
            return wsroute + apiServer + etcd + client;
        }

        String perItem(int n) {
            return "wsroute %.2f ms, API server %.2f ms, etcd %.2f ms, load client %.2f ms"
                    .formatted(wsroute * 1000 / n, apiServer * 1000 / n, etcd * 1000 / n, client * 1000 / n);
        }

        /**
         * The four processes share the machine's cores: their CPU over the cores is the least wall time the work
         * could take here, whatever the concurrency.
         */
        String bound(int cores, double seconds) {
            return "%.1f s of CPU on %d cores: at least %.1f s of wall time; took %.1f s (%.0f %% of the cores)"
                    .formatted(total(), cores, total() / cores, seconds, 100 * total() / cores / seconds);
        }
    }

    /** HotSpot's thread names as Linux keeps them (15 characters). */
    private static final String[] JIT_THREADS = {"C1 CompilerThre", "C2 CompilerThre"};

    private static final String[] GC_THREADS = {"GC Thread", "VM Thread", "G1 ", "ParGC"};

    private ReconcileBench() {}

    public static void main(String[] args) throws Exception {
        int routes = Integer.getInteger("bench.routes", 1000);
        System.out.printf("machine: %s%n", Machine.describe());
        // wsroute authenticates with a bearer token, as a pod does with its ServiceAccount token: with a client
        // certificate, fabric8's token refresh re-reads the whole client configuration before every request
        Path tokens = Files.createTempFile("wsroute-bench-tokens", ".csv");
        // named as the chart's ServiceAccount would be, so the webhooks know wsroute's own writes (README "Admission
        // webhooks"); the wsroute process learns the same name as a pod does, from WSROUTE_POD_* (downward API)
        Files.writeString(
                tokens,
                TOKEN + "," + SERVICE_ACCOUNT_USER + ",wsroute-bench,\"system:masters,system:serviceaccounts\"\n");
        KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(RealApiServer.KUBE_VERSION)
                .withUpdateKubeConfig(false)
                .withApiServerFlag("--token-auth-file", tokens.toString())
                .build());
        server.start();
        int status = 1;
        try {
            run(server.getKubeConfigYaml(), routes);
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            server.stop();
        }
        // the clients' Vert.x event loops are not daemon threads: without an exit the JVM, and the lock it runs
        // under, would stay after the last figure
        System.exit(status);
    }

    private static void run(String kubeconfig, int routes) throws Exception {
        Pids pids = new Pids(childPid("kube-apiserver"), childPid("etcd"));
        Config config = Config.fromKubeconfig(kubeconfig);
        // fabric8's maxConcurrentRequests(PerHost) do not apply to its Vert.x client (it pools up to 8,192
        // connections per host): the creating threads are the only bound on the benchmark's requests in flight
        // deleting a thousand routes in one request outlasts the default 10 s on a loaded machine
        config.setRequestTimeout(120_000);
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build()) {
            RealApiServer.installCrd(client);
            ClusterSeed.routeNamespace(client, NS);
            installFloorCrd(client);

            // the load client is a JVM too: its first thousand requests are compiled as they run, which the floor
            // would charge to the API server's rate
            ClusterSeed.routeNamespace(client, "warm-up");
            createAll(
                    Math.min(routes, 500),
                    THREADS,
                    i -> client.resource(floorObject("warm-up", i)).create());
            // the floor: the API server and etcd alone, the same number of custom resources, from as many threads
            // as the routes are created with and from four times as many
            Cpu floor = floor(client, routes, THREADS, pids);
            floor(client, routes, 4 * THREADS, pids);

            writeCosts(client, routes, pids).measure();

            List<Path> jars = new ArrayList<>();
            String baseline = System.getProperty("bench.baseline", "");
            if (!baseline.isBlank()) {
                jars.add(Path.of(baseline));
            }
            jars.add(WsrouteProcess.packagedJar());
            for (Path jar : jars) {
                phase(client, kubeconfig, jar, false, routes, pids, floor);
            }
            if (Boolean.getBoolean("bench.aot")) {
                // as the image runs it: the same build in the image's packaging, with the cache its training writes
                phase(client, kubeconfig, WsrouteProcess.packagedImageJar(), true, routes, pids, floor);
            }
        }
    }

    /** Priced on at most a thousand of each: enough for a per-write figure, minutes less at 10,000 routes. */
    private static WriteCosts writeCosts(KubernetesClient client, int routes, Pids pids) {
        return new WriteCosts(
                client,
                Math.min(routes, 1000),
                pids.apiServer(),
                pids.etcd(),
                (n, write) -> createAll(n, THREADS, write));
    }

    /** N bare custom resources from this many threads: the rate and what each cost the API server and etcd. */
    private static Cpu floor(KubernetesClient client, int n, int threads, Pids pids) throws Exception {
        String namespace = "floor-" + threads;
        ClusterSeed.routeNamespace(client, namespace);
        Cpu before = Cpu.now(0, pids);
        double[] machineBefore = Machine.busyAndTotalSeconds();
        double seconds = createAll(
                n, threads, i -> client.resource(floorObject(namespace, i)).create());
        Cpu cost = Cpu.now(0, pids).minus(before);
        System.out.printf(
                "floor, %d threads: %d bare custom resources created in %.2f s = %.0f/s; per object API server %.2f ms, etcd %.2f ms, load client %.2f ms; %s (load %s)%n",
                threads,
                n,
                seconds,
                n / seconds,
                cost.apiServer() * 1000 / n,
                cost.etcd() * 1000 / n,
                cost.client() * 1000 / n,
                busy(machineBefore, cost, seconds),
                Machine.load());
        return cost;
    }

    /**
     * How busy the machine's cores were over an interval, and how much of that was the benchmark's processes: a
     * saturated machine is CPU-bound (more concurrency cannot help), an idle share says something waited.
     */
    private static String busy(double[] machineBefore, Cpu cost, double seconds) throws java.io.IOException {
        double[] after = Machine.busyAndTotalSeconds();
        double total = after[1] - machineBefore[1];
        return "cores busy %.0f %% (the benchmark's processes %.0f %%, the rest of the machine %.0f %%)"
                .formatted(
                        100 * (after[0] - machineBefore[0]) / total,
                        100 * cost.total() / total,
                        100 * ((after[0] - machineBefore[0]) - cost.total()) / total);
    }

    record Pids(long apiServer, long etcd) {}

    /** wsroute from this jar started, N routes created, all Ready: what it cost. */
    private static void phase(
            KubernetesClient client, String kubeconfig, Path jar, boolean aotCache, int routes, Pids pids, Cpu floor)
            throws Exception {
        try (Wsroute wsroute = Wsroute.start(kubeconfig, jar, aotCache)) {
            RealApiServer.registerWebhooks(
                    client, "https://127.0.0.1:" + wsroute.httpsPort, wsroute.caBundle, "wsroute");
            System.out.printf("%nwsroute %s: %s%n", jar, wsroute.describe());
            // cold: a freshly started wsroute; warm: the same process again after the routes were deleted
            for (String round : List.of("cold", "warm")) {
                round(client, wsroute, round, routes, pids, floor);
                deleteRoutes(client, NS);
            }
            writeCosts(client, routes, pids).measureThroughWebhooks(wsroute.pid());
        }
    }

    private static void round(KubernetesClient client, Wsroute wsroute, String round, int routes, Pids pids, Cpu floor)
            throws Exception {
        Thread.sleep(3000); // its informers settle; then its idle CPU over 3 s, for scale
        double idleBefore = Machine.cpuSeconds(wsroute.pid());
        Thread.sleep(3000);
        double idlePerSecond = (Machine.cpuSeconds(wsroute.pid()) - idleBefore) / 3;
        double reconcilesBefore = wsroute.reconciles();
        double reviewsBefore = wsroute.sum(INGRESS_REVIEWS);
        double ownWritesBefore = wsroute.sum(OWN_WRITE_REVIEWS);
        wsroute.startJfr();
        double jitBefore = Machine.threadCpuSeconds(wsroute.pid(), JIT_THREADS);
        double gcBefore = Machine.threadCpuSeconds(wsroute.pid(), GC_THREADS);
        Cpu before = Cpu.now(wsroute.pid(), pids);
        double[] machineBefore = Machine.busyAndTotalSeconds();
        Set<String> ready = ConcurrentHashMap.newKeySet();
        CountDownLatch allReady = new CountDownLatch(routes);
        CountDownLatch thirdReady = new CountDownLatch(Math.max(1, routes / 3));
        long start = System.nanoTime();
        double created;
        // a thread dump of wsroute once a third of the routes are Ready: what its reconcile threads wait for
        CensusLater census = new CensusLater(wsroute, thirdReady);
        try (var watch = client.resources(WebSocketRoute.class).inNamespace(NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, WebSocketRoute route) {
                if (isReady(route) && ready.add(route.getMetadata().getName())) {
                    allReady.countDown();
                    thirdReady.countDown();
                }
            }

            @Override
            public void onClose(WatcherException cause) {}
        })) {
            created = createAll(routes, THREADS, i -> client.resource(route(i)).create());
            if (!allReady.await(Math.max(120, routes / 10), TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + ready.size() + " of " + routes + " routes became Ready");
            }
        }
        double allReadySeconds = (System.nanoTime() - start) / 1e9;
        // whatever wsroute still does for these routes right after the last Ready counts too
        Thread.sleep(2000);
        Cpu cost = Cpu.now(wsroute.pid(), pids).minus(before);
        String machine = busy(machineBefore, cost, allReadySeconds + 2);
        double jit = Machine.threadCpuSeconds(wsroute.pid(), JIT_THREADS) - jitBefore;
        double gc = Machine.threadCpuSeconds(wsroute.pid(), GC_THREADS) - gcBefore;
        wsroute.stopJfr(round);
        double reconciles = wsroute.reconciles() - reconcilesBefore;
        double reviews = wsroute.sum(INGRESS_REVIEWS) - reviewsBefore;
        double ownWrites = wsroute.sum(OWN_WRITE_REVIEWS) - ownWritesBefore;
        System.out.printf(
                "%s: %d routes created in %.2f s, all Ready %.2f s after the first create (load %s)%n",
                round, routes, created, allReadySeconds, Machine.load());
        System.out.printf(
                "%s: %.0f reconciles = %.2f per route; CPU per route: %s (wsroute idle before: %.1f ms/s)%n",
                round, reconciles, reconciles / routes, cost.perItem(routes), idlePerSecond * 1000);
        System.out.printf(
                "%s: Ingress reviews per route %.2f, of them answered as wsroute's own writes %.2f%n",
                round, reviews / routes, ownWrites / routes);
        System.out.printf(
                "%s: of wsroute's CPU per route, JIT compilation %.2f ms, GC and VM thread %.2f ms, the rest (its own work) %.2f ms%n",
                round, jit * 1000 / routes, gc * 1000 / routes, (cost.wsroute() - jit - gc) * 1000 / routes);
        System.out.printf(
                "%s: the API server's CPU per route is %.1f× its bare custom-resource write%n",
                round, cost.apiServer() / floor.apiServer());
        System.out.printf(
                "%s: the four processes spent %s; %s%n",
                round, cost.bound(Runtime.getRuntime().availableProcessors(), allReadySeconds + 2), machine);
        System.out.printf("%s: wsroute a third of the way: %s%n", round, census.result());
    }

    /** Takes wsroute's thread census on its own thread once the latch opens (or says why there is none). */
    private static final class CensusLater {
        private final java.util.concurrent.CompletableFuture<String> result;

        CensusLater(Wsroute wsroute, CountDownLatch when) {
            result = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    if (!when.await(10, TimeUnit.MINUTES)) {
                        return "no census (too few routes Ready)";
                    }
                    return ThreadCensus.of(wsroute.threadDump()).describe();
                } catch (Exception e) {
                    return "no census (" + e + ")";
                }
            });
        }

        String result() throws Exception {
            return result.get(2, TimeUnit.MINUTES);
        }
    }

    /**
     * The routes and Ingresses of the namespace (no garbage collector runs here), until the API server has no route
     * left there.
     */
    static void deleteRoutes(KubernetesClient client, String namespace) throws InterruptedException {
        client.resources(WebSocketRoute.class).inNamespace(namespace).delete();
        client.network().v1().ingresses().inNamespace(namespace).delete();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline
                && !client.resources(WebSocketRoute.class)
                        .inNamespace(namespace)
                        .list()
                        .getItems()
                        .isEmpty()) {
            Thread.sleep(500);
        }
    }

    private static boolean isReady(WebSocketRoute route) {
        return route.getStatus() != null
                && route.getStatus().getConditions() != null
                && route.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Runs create(0..n-1) on this many threads; the seconds it took. */
    private static double createAll(int n, int threads, IntConsumer create) throws InterruptedException {
        long start = System.nanoTime();
        ExecutorService creators = Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int item = i;
            futures.add(creators.submit(() -> create.accept(item)));
        }
        creators.shutdown();
        if (!creators.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("creates did not finish in 10 minutes");
        }
        for (var future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a create failed", e.getCause());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Route i of the scale namespace: host ri.scale.example.com, /ws to Service chat port 8080 (ReconcileScaleIT too). */
    public static WebSocketRoute route(int i) {
        return ClusterSeed.webSocketRoute(NS, "r" + i, "r" + i + ".scale.example.com", "chat", null);
    }

    private static void installFloorCrd(KubernetesClient client) {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("floors.bench.wsroute.io")
                .endMetadata()
                .withNewSpec()
                .withGroup("bench.wsroute.io")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("Floor")
                .withPlural("floors")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .withNewSubresources()
                .withNewStatus()
                .endStatus()
                .endSubresources()
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build();
        RealApiServer.applyEstablished(client, crd);
    }

    /** A bare custom resource with a spec the size of a route's. */
    private static GenericKubernetesResource floorObject(String namespace, int i) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("bench.wsroute.io/v1")
                .withKind("Floor")
                .withNewMetadata()
                .withName("f" + i)
                .withNamespace(namespace)
                .endMetadata()
                .withAdditionalProperties(Map.of(
                        "spec",
                        Map.of(
                                "host",
                                "f" + i + ".floor.example.com",
                                "paths",
                                List.of(Map.of("path", "/ws", "service", Map.of("name", "chat", "port", 8080))))))
                .build();
    }

    /** The child process of this JVM whose command ends with the name (kube-api-test starts them). */
    private static long childPid(String name) {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + name)).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " process"))
                .pid();
    }

    /** wsroute started from the packaged jar with the image's JVM and options against the API server. */
    static final class Wsroute implements AutoCloseable {
        final Process process;
        final int httpsPort;
        final int httpPort;
        final String caBundle;
        final Path java;
        final List<String> options;
        final Path dir;

        private Wsroute(
                Process process,
                int httpsPort,
                int httpPort,
                String caBundle,
                Path java,
                List<String> options,
                Path dir) {
            this.process = process;
            this.httpsPort = httpsPort;
            this.httpPort = httpPort;
            this.caBundle = caBundle;
            this.java = java;
            this.options = options;
            this.dir = dir;
        }

        static Wsroute start(String kubeconfig, Path jar, boolean aotCache) throws Exception {
            Path dir = Files.createTempDirectory("wsroute-reconcile-bench");
            TestCertificates certificates = TestCertificates.create(dir);
            int httpPort = WsrouteProcess.freePort();
            int httpsPort = WsrouteProcess.freePort();
            Optional<Path> java25 = Boolean.getBoolean("bench.java17") ? Optional.empty() : Jdks.jdk25();
            List<String> options = new ArrayList<>(FootprintBench.AS_DEPLOYED);
            Path java = java25.orElse(Jdks.current());
            if (java25.isPresent()) {
                options.addAll(FootprintBench.JAVA25);
            }
            if (aotCache) {
                Path cache = FootprintBench.trainAotCaches(
                                java25.orElseThrow(() -> new IllegalStateException("an AOT cache needs a JDK 25")),
                                jar,
                                options,
                                200)
                        .resolve("wsroute.aot");
                options.add("-XX:AOTCache=" + cache);
            }
            List<String> command = new ArrayList<>(List.of(java.toString()));
            command.addAll(options);
            RealApiServer.clientProperties(kubeconfig).forEach((k, v) -> {
                if (!k.contains(".client-")) {
                    command.add("-D" + k + "=" + v);
                }
            });
            command.add("-Dquarkus.kubernetes-client.token=" + TOKEN);
            // e.g. another reconcile pool size, to see whether it bounds the reconciles in flight
            for (String option : System.getProperty("bench.wsrouteOptions", "").split(" ")) {
                if (!option.isBlank()) {
                    command.add(option);
                }
            }
            command.addAll(List.of(
                    "-Dquarkus.http.port=" + httpPort,
                    "-Dquarkus.http.ssl-port=" + httpsPort,
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dwsroute.tls.cert=" + certificates.certFile,
                    "-Dwsroute.tls.key=" + certificates.keyFile,
                    // no NGINX controller runs here to probe handshakes through
                    "-Dwsroute.probe.mode=off",
                    "-jar",
                    jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("WSROUTE_POD_NAMESPACE", WSROUTE_NAMESPACE);
            builder.environment().put("WSROUTE_POD_SERVICE_ACCOUNT", WSROUTE_SERVICE_ACCOUNT);
            Process process = builder.redirectErrorStream(true)
                    .redirectOutput(dir.resolve("wsroute.log").toFile())
                    .start();
            Wsroute wsroute =
                    new Wsroute(process, httpsPort, httpPort, certificates.caBundleBase64, java, options, dir);
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                    .build();
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return wsroute;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            wsroute.close();
            throw new IllegalStateException(
                    "wsroute did not become ready; log: " + Files.readString(dir.resolve("wsroute.log")));
        }

        long pid() {
            return process.pid();
        }

        String describe() {
            return java + " " + String.join(" ", options) + " (log " + dir.resolve("wsroute.log") + ")";
        }

        /** Sum of wsroute_route_reconciles_total over its outcomes. */
        double reconciles() throws Exception {
            return sum(RECONCILES);
        }

        /** Sum of the metric lines the pattern's group 1 matches. */
        double sum(Pattern lines) throws Exception {
            String metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            double sum = 0;
            Matcher m = lines.matcher(metrics);
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return sum;
        }

        void startJfr() throws Exception {
            if (Boolean.getBoolean("bench.jfr")) {
                jcmd("JFR.start", "name=bench", "settings=profile");
            }
        }

        void stopJfr(String round) throws Exception {
            if (Boolean.getBoolean("bench.jfr")) {
                Path file = dir.resolve("reconcile-" + round + ".jfr");
                jcmd("JFR.stop", "name=bench", "filename=" + file);
                System.out.println("JFR recording of wsroute over the creates: " + file);
            }
        }

        String threadDump() throws Exception {
            return jcmd("Thread.print");
        }

        private String jcmd(String... arguments) throws Exception {
            List<String> command =
                    new ArrayList<>(List.of(java.resolveSibling("jcmd").toString(), Long.toString(pid())));
            command.addAll(List.of(arguments));
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", arguments) + ": " + output);
            }
            return output;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
