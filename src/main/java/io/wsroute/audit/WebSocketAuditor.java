package io.wsroute.audit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.wsroute.audit.AuditReportSpec.AuditResult;
import io.wsroute.audit.AuditReportSpec.AuditSummary;
import io.wsroute.audit.AuditSink.RuleSeverity;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.GatewayApiView;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.nginx.WsrouteAnnotations;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The audit's state and one step of it, independent of threads and of Kubernetes writes (tests drive it directly).
 * It audits Ingresses and, where the cluster serves Gateway API, HTTPRoutes: the same bookkeeping for both kinds.
 * <p>
 * Cost model: everything is read from {@link ClusterView}'s caches, never listed from the API server. Cache changes
 * ({@link #changed}) only record what became stale, on the informer thread; {@link #step} then evaluates, on the
 * audit's thread, just the objects whose {@link AuditKey} moved, so a burst of changes costs one evaluation per
 * object. A forced step (the periodic pass) evaluates every object again. Reports and Events are only written when
 * their content differs from what was last written or reported.
 */
public final class WebSocketAuditor {

    /** An audited object: an Ingress or an HTTPRoute. */
    record ObjectRef(String kind, String namespace, String name) {}

    /**
     * An object as last evaluated; {@code findings} (open) and {@code accepted} (warnings accepted with
     * wsroute.io/accept) empty when it is not audited or has none.
     */
    private record Audited(AuditKey key, boolean audited, List<Finding> findings, List<Finding> accepted) {}

    /** What the rules say about one object: open findings, and warnings accepted on purpose. */
    public record Evaluated(List<Finding> open, List<Finding> accepted) {}

    static final String INGRESS = "Ingress";
    static final String HTTP_ROUTE = "HTTPRoute";

    /** Ingresses first, then HTTPRoutes; by name within a kind. */
    private static final Comparator<ObjectRef> REPORT_ORDER = Comparator.comparing(
                    (ObjectRef ref) -> ref.kind().equals(HTTP_ROUTE))
            .thenComparing(ObjectRef::name);

    private final ClusterView cluster;
    private final GatewayApiView gatewayApi;
    private final Function<HasMetadata, Optional<Evaluated>> evaluate;
    private final AuditSink sink;
    private final int maxReportResults;

    // Written by the informer thread, drained by the audit thread.
    private final Set<ObjectRef> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scanPending = new AtomicBoolean(true);
    private final AtomicLong epoch = new AtomicLong();
    private final Map<String, Long> namespaceEpochs = new ConcurrentHashMap<>();

    // Audit thread only.
    private final Map<String, Map<ObjectRef, Audited>> byNamespace = new HashMap<>();
    private final Map<String, Set<String>> seeded = new HashMap<>();
    private final Map<String, AuditReportSpec> written = new HashMap<>();
    private final Set<String> unwritten = new HashSet<>();

    public WebSocketAuditor(
            ClusterView cluster,
            GatewayApiView gatewayApi,
            Function<HasMetadata, Optional<Evaluated>> evaluate,
            AuditSink sink,
            int maxReportResults) {
        this.cluster = cluster;
        this.gatewayApi = gatewayApi;
        this.evaluate = evaluate;
        this.sink = sink;
        this.maxReportResults = maxReportResults;
    }

    /**
     * What earlier runs (another replica, before a restart) already reported, so an unchanged Ingress does not get a
     * second Event after a restart or a change of leader. Reports written before HTTPRoutes were audited name only
     * Ingresses.
     */
    public void seed(Collection<WebSocketAuditReport> reports) {
        for (WebSocketAuditReport report : reports) {
            String namespace = report.getMetadata().getNamespace();
            if (report.getSpec() == null) {
                continue;
            }
            written.put(namespace, report.getSpec());
            for (AuditResult result :
                    Optional.ofNullable(report.getSpec().results()).orElse(List.of())) {
                ObjectRef ref = result.httpRoute() != null
                        ? new ObjectRef(HTTP_ROUTE, namespace, result.httpRoute())
                        : new ObjectRef(INGRESS, namespace, result.ingress());
                seeded.computeIfAbsent(seedKey(ref), k -> new HashSet<>())
                        .add(signature(result.rule(), result.severity(), result.field(), result.message()));
            }
        }
    }

    /** A cache changed: note what it makes stale. Quick, thread-safe, called on the informer thread. */
    public void changed(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        if (object instanceof Ingress || object instanceof HTTPRoute) {
            pending.add(refOf(object));
        } else if (object instanceof Service) {
            // Any Ingress or HTTPRoute of the namespace may name it (and rules look at appProtocol and ports).
            namespaceEpochs.merge(namespace, 1L, Long::sum);
            scanPending.set(true);
        } else if (object instanceof IngressClass
                || object instanceof ConfigMap
                || object instanceof Gateway
                || object instanceof GatewayClass
                || object instanceof ProxySettingsPolicy
                || object instanceof BackendTLSPolicy) {
            // Controllers for Ingresses; Gateways, classes and policies for HTTPRoutes (a policy may target a
            // Gateway that serves routes of other namespaces).
            epoch.incrementAndGet();
            scanPending.set(true);
        } else if (object instanceof Namespace) {
            // Its admission label is in the AuditKey of each of its objects: a scan re-evaluates just those.
            scanPending.set(true);
        }
    }

    /** Whether a step would find anything to do, short of a forced one. */
    public boolean hasWork() {
        return scanPending.get() || !pending.isEmpty() || !unwritten.isEmpty();
    }

    /**
     * Evaluates what became stale (or everything, when {@code force}), then writes Events, reports and metrics for
     * what changed. Returns how many objects were evaluated.
     */
    public int step(boolean force) {
        Set<String> dirtyNamespaces = new HashSet<>(unwritten);
        unwritten.clear();
        int evaluated = 0;
        // HTTPRoutes wait (pending, unreported) until every Gateway API cache has listed: a route judged before its
        // ProxySettingsPolicies are known would get a false WS130 and an Event on every start of the leader.
        boolean routesReady = routeCachesReady();
        Set<ObjectRef> keys = new HashSet<>();
        pending.removeIf(ref -> (routesReady || !ref.kind().equals(HTTP_ROUTE)) && keys.add(ref));
        boolean scan = scanPending.getAndSet(false) || force;
        List<HasMetadata> candidates = new ArrayList<>();
        if (scan) {
            candidates.addAll(cluster.ingresses());
            if (routesReady) {
                candidates.addAll(gatewayApi.httpRoutes());
            }
            Set<ObjectRef> present = new HashSet<>();
            candidates.forEach(o -> present.add(refOf(o)));
            // Deleted while nobody looked (or the delete was coalesced): drop them from the reports.
            byNamespace.forEach((namespace, objects) -> objects.keySet().stream()
                    .filter(ref -> !present.contains(ref)
                            && (routesReady || !ref.kind().equals(HTTP_ROUTE)))
                    .forEach(keys::add));
        }
        for (ObjectRef ref : keys) {
            Optional<? extends HasMetadata> live = live(ref);
            if (live.isEmpty()) {
                Map<ObjectRef, Audited> objects = byNamespace.get(ref.namespace());
                if (objects != null && objects.remove(ref) != null) {
                    dirtyNamespaces.add(ref.namespace());
                }
            } else if (!scan) {
                evaluated += audit(live.get(), false, dirtyNamespaces);
            }
        }
        for (HasMetadata object : candidates) {
            evaluated += audit(object, force, dirtyNamespaces);
        }
        for (String namespace : dirtyNamespaces) {
            AuditReportSpec report = report(namespace);
            if (!report.equals(written.get(namespace))) {
                if (sink.report(namespace, report)) {
                    written.put(namespace, report);
                } else {
                    unwritten.add(namespace);
                }
            }
        }
        if (evaluated > 0 || !dirtyNamespaces.isEmpty()) {
            sink.totals(totals(), acceptedTotals(), auditedCount(INGRESS), auditedCount(HTTP_ROUTE), evaluated);
        }
        return evaluated;
    }

    /** Gateway API off or not served (no routes to wait for), or every served type listed. */
    private boolean routeCachesReady() {
        return gatewayApi.discovered() && (!gatewayApi.gatewayApiServed() || gatewayApi.synced());
    }

    private int auditedCount(String kind) {
        return (int) byNamespace.values().stream()
                .flatMap(m -> m.entrySet().stream())
                .filter(e -> e.getKey().kind().equals(kind) && e.getValue().audited())
                .count();
    }

    private Optional<? extends HasMetadata> live(ObjectRef ref) {
        return ref.kind().equals(HTTP_ROUTE)
                ? gatewayApi.httpRoute(ref.namespace(), ref.name())
                : cluster.ingress(ref.namespace(), ref.name());
    }

    private int audit(HasMetadata object, boolean force, Set<String> dirtyNamespaces) {
        ObjectRef ref = refOf(object);
        String namespace = ref.namespace();
        AuditKey key = new AuditKey(
                object.getMetadata().getResourceVersion(),
                epoch.get(),
                namespaceEpochs.getOrDefault(namespace, 0L),
                cluster.namespaceLabels(namespace)
                        .map(labels -> labels.get(WsrouteAnnotations.ADMISSION_LABEL))
                        .orElse(null));
        Map<ObjectRef, Audited> objects = byNamespace.computeIfAbsent(namespace, n -> new HashMap<>());
        Audited before = objects.get(ref);
        if (!force && before != null && before.key().equals(key)) {
            return 0;
        }
        Optional<Evaluated> evaluated = evaluate.apply(object);
        List<Finding> now = evaluated.map(Evaluated::open).orElse(List.of()).stream()
                .sorted(ORDER)
                .toList();
        List<Finding> accepted = evaluated.map(Evaluated::accepted).orElse(List.of()).stream()
                .sorted(ORDER)
                .toList();
        Audited after = new Audited(key, evaluated.isPresent(), now, accepted);
        objects.put(ref, after);
        Set<String> previous = before != null
                ? signatures(before.findings())
                : Objects.requireNonNullElse(seeded.remove(seedKey(ref)), Set.of());
        if (!previous.equals(signatures(now))) {
            sink.findingsChanged(object, before == null ? List.of() : before.findings(), now);
        }
        if (before == null
                || before.audited() != after.audited()
                || !before.findings().equals(now)
                || !before.accepted().equals(accepted)) {
            dirtyNamespaces.add(namespace);
        }
        return 1;
    }

    private AuditReportSpec report(String namespace) {
        Map<ObjectRef, Audited> objects = new TreeMap<>(REPORT_ORDER);
        objects.putAll(byNamespace.getOrDefault(namespace, Map.of()));
        int ingresses = 0;
        int httpRoutes = 0;
        int failing = 0;
        int errors = 0;
        int warnings = 0;
        int accepted = 0;
        List<AuditResult> results = new ArrayList<>();
        boolean truncated = false;
        for (Map.Entry<ObjectRef, Audited> entry : objects.entrySet()) {
            Audited a = entry.getValue();
            boolean route = entry.getKey().kind().equals(HTTP_ROUTE);
            if (a.audited()) {
                if (route) {
                    httpRoutes++;
                } else {
                    ingresses++;
                }
            }
            failing += a.findings().isEmpty() ? 0 : 1;
            accepted += a.accepted().size();
            for (Finding f : a.findings()) {
                if (f.severity() == Severity.ERROR) {
                    errors++;
                } else {
                    warnings++;
                }
                if (results.size() < maxReportResults) {
                    String name = entry.getKey().name();
                    results.add(new AuditResult(
                            route ? null : name,
                            route ? name : null,
                            f.rule(),
                            f.severity().label(),
                            f.field(),
                            f.message(),
                            f.fix()));
                } else {
                    truncated = true;
                }
            }
        }
        return new AuditReportSpec(
                new AuditSummary(ingresses, failing, errors, warnings, accepted, httpRoutes), results, truncated);
    }

    private Map<RuleSeverity, Integer> totals() {
        Map<RuleSeverity, Integer> totals =
                new TreeMap<>(Comparator.comparing(RuleSeverity::rule).thenComparing(RuleSeverity::severity));
        byNamespace
                .values()
                .forEach(m -> m.values()
                        .forEach(a -> a.findings()
                                .forEach(f -> totals.merge(
                                        new RuleSeverity(f.rule(), f.severity().label()), 1, Integer::sum))));
        return totals;
    }

    /** Accepted warnings by rule id, over every audited object. */
    private Map<String, Integer> acceptedTotals() {
        Map<String, Integer> totals = new TreeMap<>();
        byNamespace
                .values()
                .forEach(m ->
                        m.values().forEach(a -> a.accepted().forEach(f -> totals.merge(f.rule(), 1, Integer::sum))));
        return totals;
    }

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::rule)
            .thenComparing(f -> Objects.toString(f.field(), ""))
            .thenComparing(f -> Objects.toString(f.message(), ""));

    private static Set<String> signatures(List<Finding> findings) {
        Set<String> set = new HashSet<>();
        findings.forEach(f -> set.add(signature(f.rule(), f.severity().label(), f.field(), f.message())));
        return set;
    }

    private static String signature(String rule, String severity, String field, String message) {
        return rule + "\u0000" + severity + "\u0000" + field + "\u0000" + message;
    }

    private static ObjectRef refOf(HasMetadata object) {
        return new ObjectRef(
                object instanceof HTTPRoute ? HTTP_ROUTE : INGRESS,
                object.getMetadata().getNamespace(),
                object.getMetadata().getName());
    }

    private static String seedKey(ObjectRef ref) {
        return ref.kind() + "/" + ref.namespace() + "/" + ref.name();
    }
}
