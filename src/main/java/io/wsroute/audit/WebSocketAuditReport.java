package io.wsroute.audit;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.wsroute.nginx.WsrouteAnnotations;

/**
 * The audit's findings for one namespace, written by wsroute only (one object per namespace, named
 * {@value #NAME}), in the spirit of Kyverno's PolicyReport: {@code kubectl get wsar -A} is the cluster's WebSocket
 * health at a glance, {@code kubectl get wsar -n team -o yaml} the details. Everything is in {@code spec} (there is
 * no separate desired state to keep apart from it), so one server-side apply writes it.
 */
@Group(WsrouteAnnotations.GROUP)
@Version("v1alpha1")
@Kind("WebSocketAuditReport")
@Plural("websocketauditreports")
@ShortNames("wsar")
@AdditionalPrinterColumn(
        name = "Ingresses",
        type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".spec.summary.ingresses")
@AdditionalPrinterColumn(
        name = "HTTPRoutes",
        type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".spec.summary.httpRoutes")
@AdditionalPrinterColumn(
        name = "Failing",
        type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".spec.summary.failing")
@AdditionalPrinterColumn(
        name = "Errors",
        type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".spec.summary.errors")
@AdditionalPrinterColumn(
        name = "Warnings",
        type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".spec.summary.warnings")
@AdditionalPrinterColumn(
        name = "Accepted",
        type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".spec.summary.accepted")
@AdditionalPrinterColumn(
        name = "Age",
        type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class WebSocketAuditReport extends CustomResource<AuditReportSpec, Void> implements Namespaced {

    /** The one report of a namespace. */
    public static final String NAME = "wsroute-audit";
}
