package io.wsroute.audit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.wsroute.audit.AuditReportSpec.AuditResult;
import io.wsroute.audit.AuditReportSpec.AuditSummary;
import io.wsroute.audit.AuditSink.RuleSeverity;
import io.wsroute.cluster.ClusterView;
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
 * <p>
 * Cost model: everything is read from {@link ClusterView}'s caches, never listed from the API server. Cache changes
 * ({@link #changed}) only record what became stale, on the informer thread; {@link #step} then evaluates, on the
 * audit's thread, just the Ingresses whose {@link AuditKey} moved, so a burst of changes costs one evaluation per
 * Ingress. A forced step (the periodic pass) evaluates every Ingress again. Reports and Events are only written when
 * their content differs from what was last written or reported.
 */
public final class IngressAuditor {

    /**
     * An Ingress as last evaluated; {@code findings} (open) and {@code accepted} (warnings accepted with
     * wsroute.io/accept) empty when it is not audited or has none.
     */
    private record Audited(AuditKey key, boolean audited, List<Finding> findings, List<Finding> accepted) {}

    /** What the rules say about one Ingress: open findings, and warnings accepted on purpose. */
    public record Evaluated(List<Finding> open, List<Finding> accepted) {}

    private final ClusterView cluster;
    private final Function<Ingress, Optional<Evaluated>> evaluate;
    private final AuditSink sink;
    private final int maxReportResults;

    // Written by the informer thread, drained by the audit thread.
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scanPending = new AtomicBoolean(true);
    private final AtomicLong epoch = new AtomicLong();
    private final Map<String, Long> namespaceEpochs = new ConcurrentHashMap<>();

    // Audit thread only.
    private final Map<String, Map<String, Audited>> byNamespace = new HashMap<>();
    private final Map<String, Set<String>> seeded = new HashMap<>();
    private final Map<String, AuditReportSpec> written = new HashMap<>();
    private final Set<String> unwritten = new HashSet<>();

    public IngressAuditor(
            ClusterView cluster,
            Function<Ingress, Optional<Evaluated>> evaluate,
            AuditSink sink,
            int maxReportResults) {
        this.cluster = cluster;
        this.evaluate = evaluate;
        this.sink = sink;
        this.maxReportResults = maxReportResults;
    }

    /**
     * What earlier runs (another replica, before a restart) already reported, so an unchanged Ingress does not get a
     * second Event after a restart or a change of leader.
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
                seeded.computeIfAbsent(namespace + "/" + result.ingress(), k -> new HashSet<>())
                        .add(signature(result.rule(), result.severity(), result.field(), result.message()));
            }
        }
    }

    /** A cache changed: note what it makes stale. Quick, thread-safe, called on the informer thread. */
    public void changed(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        if (object instanceof Ingress) {
            pending.add(namespace + "/" + object.getMetadata().getName());
        } else if (object instanceof Service) {
            // Any Ingress of the namespace may name it (and rules look at appProtocol and ports).
            namespaceEpochs.merge(namespace, 1L, Long::sum);
            scanPending.set(true);
        } else if (object instanceof IngressClass || object instanceof ConfigMap) {
            epoch.incrementAndGet();
            scanPending.set(true);
        } else if (object instanceof Namespace) {
            // Its admission label is in the AuditKey of each of its Ingresses: a scan re-evaluates just those.
            scanPending.set(true);
        }
    }

    /** Whether a step would find anything to do, short of a forced one. */
    public boolean hasWork() {
        return scanPending.get() || !pending.isEmpty() || !unwritten.isEmpty();
    }

    /**
     * Evaluates what became stale (or everything, when {@code force}), then writes Events, reports and metrics for
     * what changed. Returns how many Ingresses were evaluated.
     */
    public int step(boolean force) {
        Set<String> dirtyNamespaces = new HashSet<>(unwritten);
        unwritten.clear();
        int evaluated = 0;
        Set<String> keys = new HashSet<>();
        pending.removeIf(keys::add);
        boolean scan = scanPending.getAndSet(false) || force;
        Collection<Ingress> candidates;
        if (scan) {
            candidates = cluster.ingresses();
            Set<String> present = new HashSet<>();
            candidates.forEach(i -> present.add(keyOf(i)));
            // Deleted while nobody looked (or the delete was coalesced): drop them from the reports.
            byNamespace.forEach((namespace, ingresses) -> ingresses.keySet().stream()
                    .filter(name -> !present.contains(namespace + "/" + name))
                    .forEach(name -> keys.add(namespace + "/" + name)));
        } else {
            candidates = List.of();
        }
        for (String key : keys) {
            String[] parts = key.split("/", 2);
            Optional<Ingress> live = cluster.ingress(parts[0], parts[1]);
            if (live.isEmpty()) {
                Map<String, Audited> ingresses = byNamespace.get(parts[0]);
                if (ingresses != null && ingresses.remove(parts[1]) != null) {
                    dirtyNamespaces.add(parts[0]);
                }
            } else if (!scan) {
                evaluated += audit(live.get(), false, dirtyNamespaces);
            }
        }
        for (Ingress ingress : candidates) {
            evaluated += audit(ingress, force, dirtyNamespaces);
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
            sink.totals(
                    totals(),
                    acceptedTotals(),
                    (int) byNamespace.values().stream()
                            .flatMap(m -> m.values().stream())
                            .filter(Audited::audited)
                            .count(),
                    evaluated);
        }
        return evaluated;
    }

    private int audit(Ingress ingress, boolean force, Set<String> dirtyNamespaces) {
        String namespace = ingress.getMetadata().getNamespace();
        String name = ingress.getMetadata().getName();
        AuditKey key = new AuditKey(
                ingress.getMetadata().getResourceVersion(),
                epoch.get(),
                namespaceEpochs.getOrDefault(namespace, 0L),
                cluster.namespaceLabels(namespace)
                        .map(labels -> labels.get(WsrouteAnnotations.ADMISSION_LABEL))
                        .orElse(null));
        Map<String, Audited> ingresses = byNamespace.computeIfAbsent(namespace, n -> new HashMap<>());
        Audited before = ingresses.get(name);
        if (!force && before != null && before.key().equals(key)) {
            return 0;
        }
        Optional<Evaluated> evaluated = evaluate.apply(ingress);
        List<Finding> now = evaluated.map(Evaluated::open).orElse(List.of()).stream()
                .sorted(ORDER)
                .toList();
        List<Finding> accepted = evaluated.map(Evaluated::accepted).orElse(List.of()).stream()
                .sorted(ORDER)
                .toList();
        Audited after = new Audited(key, evaluated.isPresent(), now, accepted);
        ingresses.put(name, after);
        Set<String> previous = before != null
                ? signatures(before.findings())
                : Objects.requireNonNullElse(seeded.remove(namespace + "/" + name), Set.of());
        if (!previous.equals(signatures(now))) {
            sink.findingsChanged(ingress, before == null ? List.of() : before.findings(), now);
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
        Map<String, Audited> ingresses = new TreeMap<>(byNamespace.getOrDefault(namespace, Map.of()));
        int audited = 0;
        int failing = 0;
        int errors = 0;
        int warnings = 0;
        int accepted = 0;
        List<AuditResult> results = new ArrayList<>();
        boolean truncated = false;
        for (Map.Entry<String, Audited> entry : ingresses.entrySet()) {
            Audited a = entry.getValue();
            audited += a.audited() ? 1 : 0;
            failing += a.findings().isEmpty() ? 0 : 1;
            accepted += a.accepted().size();
            for (Finding f : a.findings()) {
                if (f.severity() == Severity.ERROR) {
                    errors++;
                } else {
                    warnings++;
                }
                if (results.size() < maxReportResults) {
                    results.add(new AuditResult(
                            entry.getKey(), f.rule(), f.severity().label(), f.field(), f.message(), f.fix()));
                } else {
                    truncated = true;
                }
            }
        }
        return new AuditReportSpec(new AuditSummary(audited, failing, errors, warnings, accepted), results, truncated);
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

    /** Accepted warnings by rule id, over every audited Ingress. */
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

    private static String keyOf(Ingress ingress) {
        return ingress.getMetadata().getNamespace() + "/"
                + ingress.getMetadata().getName();
    }
}
