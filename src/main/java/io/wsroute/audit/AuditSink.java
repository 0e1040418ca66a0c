package io.wsroute.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.wsroute.rules.Finding;
import java.util.List;
import java.util.Map;

/** Where the audit's results go: Events, report resources, metrics. Called on the audit's own thread only. */
public interface AuditSink {

    /** The findings of an Ingress or HTTPRoute differ from what was last reported for it (never called per resync). */
    void findingsChanged(HasMetadata object, List<Finding> before, List<Finding> now);

    /** A namespace's report differs from the one last written; false when it could not be written (tried again later). */
    boolean report(String namespace, AuditReportSpec report);

    /**
     * After a step that evaluated anything: the current totals of open findings, and of warnings accepted with
     * wsroute.io/accept by rule id.
     */
    void totals(
            Map<RuleSeverity, Integer> findings,
            Map<String, Integer> accepted,
            int auditedIngresses,
            int auditedHttpRoutes,
            int evaluated);

    record RuleSeverity(String rule, String severity) {}
}
