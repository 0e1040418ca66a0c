package io.wsroute.audit;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wsroute.rules.Finding;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Writes the audit's results: Events on Ingresses, one report per namespace (server-side apply), metrics. */
@ApplicationScoped
public class AuditPublisher implements AuditSink {

    public static final String FIELD_MANAGER = "wsroute-audit";
    public static final String FINDINGS = "WebSocketFindings";
    public static final String RESOLVED = "WebSocketFindingsResolved";
    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);
    /** events.k8s.io caps a note at 1 kB; core Events are kept as short. */
    private static final int MESSAGE_LIMIT = 1024;

    private final KubernetesClient client;
    private final AuditMetrics metrics;

    public AuditPublisher(KubernetesClient client, AuditMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    @Override
    public void findingsChanged(HasMetadata object, List<Finding> before, List<Finding> now) {
        String namespace = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        String kind = HasMetadata.getKind(object.getClass());
        String rules = now.stream().map(Finding::rule).distinct().collect(Collectors.joining(","));
        LOG.infof(
                "audit %s %s/%s: %d finding(s) rules=[%s] (before: %d)",
                kind, namespace, name, now.size(), rules, before.size());
        if (now.isEmpty() && before.isEmpty()) {
            return;
        }
        String reason = now.isEmpty() ? RESOLVED : FINDINGS;
        String message = now.isEmpty()
                ? "wsroute audit: no WebSocket finding any more"
                : "wsroute audit: " + now.stream().map(Finding::summary).collect(Collectors.joining(" | "));
        if (message.length() > MESSAGE_LIMIT) {
            message = message.substring(0, MESSAGE_LIMIT - 3) + "...";
        }
        String time = DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC));
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(name + "."
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .withNamespace(namespace)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(HasMetadata.getApiVersion(object.getClass()))
                .withKind(kind)
                .withName(name)
                .withNamespace(namespace)
                .withUid(object.getMetadata().getUid())
                .withResourceVersion(object.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(
                        now.stream().anyMatch(f -> f.severity() == io.wsroute.rules.Severity.ERROR)
                                ? "Warning"
                                : now.isEmpty() ? "Normal" : "Warning")
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withCount(1)
                .withNewSource()
                .withComponent("wsroute-audit")
                .endSource()
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
            metrics.event(reason);
        } catch (KubernetesClientException e) {
            LOG.warnf("audit: cannot record event %s on %s %s/%s: %s", reason, kind, namespace, name, e.getMessage());
        }
    }

    @Override
    public boolean report(String namespace, AuditReportSpec spec) {
        WebSocketAuditReport report = new WebSocketAuditReport();
        report.setMetadata(new ObjectMetaBuilder()
                .withName(WebSocketAuditReport.NAME)
                .withNamespace(namespace)
                .build());
        report.setSpec(spec);
        try {
            client.resource(report).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            LOG.debugf("audit report %s: %s", namespace, spec.summary());
            return true;
        } catch (KubernetesClientException e) {
            // Not fatal: the next change or the periodic pass writes it (the content is compared again).
            LOG.warnf("audit: cannot write report in namespace %s: %s", namespace, e.getMessage());
            return false;
        }
    }

    @Override
    public void totals(
            Map<RuleSeverity, Integer> findings,
            Map<String, Integer> accepted,
            int auditedIngresses,
            int auditedHttpRoutes,
            int evaluated) {
        metrics.totals(findings, accepted, auditedIngresses, auditedHttpRoutes, evaluated);
    }
}
