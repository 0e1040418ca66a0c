package io.wsroute.audit;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * @param summary counts over every audited Ingress of the namespace
 * @param results one per finding, by Ingress then rule; at most wsroute.audit.max-report-results of them
 * @param truncated true when results were left out (the summary still counts them)
 */
public record AuditReportSpec(
        @JsonPropertyDescription("Counts over every audited Ingress of the namespace.")
        AuditSummary summary,

        @JsonPropertyDescription("One entry per finding, by Ingress then rule.")
        List<AuditResult> results,

        @JsonPropertyDescription(
                "True when results were left out to keep the report small; the summary counts them all.")
        Boolean truncated) {

    /**
     * @param ingresses Ingresses audited (served by an NGINX class, in a namespace whose mode is not off)
     * @param failing Ingresses and HTTPRoutes with at least one finding
     * @param httpRoutes HTTPRoutes audited (in a namespace whose mode is not off)
     */
    public record AuditSummary(
            @JsonPropertyDescription("Ingresses audited.") int ingresses,

            @JsonPropertyDescription("Ingresses and HTTPRoutes with at least one finding.")
            int failing,

            @JsonPropertyDescription("Findings of severity error.")
            int errors,

            @JsonPropertyDescription("Findings of severity warning.")
            int warnings,

            @JsonPropertyDescription(
                    "Warnings accepted on purpose with the wsroute.io/accept annotation; not in results, not in warnings.")
            int accepted,

            @JsonPropertyDescription("HTTPRoutes audited.") int httpRoutes) {}

    public record AuditResult(
            @JsonPropertyDescription(
                    "Name of the Ingress, in the report's namespace (absent for an HTTPRoute's finding).")
            String ingress,

            @JsonPropertyDescription(
                    "Name of the HTTPRoute, in the report's namespace (absent for an Ingress's finding).")
            String httpRoute,

            @JsonPropertyDescription("Rule id, e.g. WS101 (see wsroute's README).")
            String rule,

            @JsonPropertyDescription("error or warning.") String severity,

            @JsonPropertyDescription("Where the problem is, as a path into the Ingress or HTTPRoute.")
            String field,

            @JsonPropertyDescription("What is wrong and what it does to WebSocket traffic.")
            String message,

            @JsonPropertyDescription("The change that repairs it.")
            String fix) {}
}
