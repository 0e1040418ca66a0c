package io.wsroute.route;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPortBuilder;
import io.wsroute.nginx.AccessPlan;
import io.wsroute.nginx.AnnotationCatalog;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.NginxTime;
import io.wsroute.nginx.RouteAccess;
import io.wsroute.nginx.WsrouteAnnotations;
import io.wsroute.route.api.RouteOwnership;
import io.wsroute.route.api.WebSocketRoute;
import io.wsroute.route.api.WebSocketRouteSpec;
import io.wsroute.rules.Finding;
import io.wsroute.rules.IngressReview;
import io.wsroute.rules.Severity;
import io.wsroute.rules.WebSocketRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a valid route into the Ingress its controller needs. Pure: the reconciler does the I/O. The route's own
 * settings become first-class annotations of the serving flavour; whatever else WebSocket needs on that
 * controller comes from the same rules engine the webhooks use ({@link WebSocketRules#remediate}), and the result
 * is checked by that engine too, so a route can never produce an Ingress the validating webhook would refuse.
 */
public final class RouteIngressPlanner {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "wsroute";
    public static final String ROUTE_LABEL = WsrouteAnnotations.GROUP + "/route";

    private final WebSocketRules rules = new WebSocketRules();

    /** @param route a route whose spec has no {@link RouteSpecCheck} problem */
    public RoutePlan plan(WebSocketRoute route, RouteTarget target) {
        WebSocketRouteSpec spec = route.getSpec();
        ControllerProfile profile = target.profile();
        ControllerFlavor flavor = profile.flavor();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(WsrouteAnnotations.WEBSOCKET, "true");
        if (spec.tls() != null) {
            // The route's URL is wss://, so the controller's HTTP to HTTPS redirect cannot meet a ws:// handshake.
            annotations.put(WsrouteAnnotations.WSS_ONLY, "true");
        }
        annotations.put(
                AnnotationCatalog.proxyReadTimeout(flavor),
                NginxTime.formatTimeout(
                        flavor, RouteSpecCheck.idle(spec, target.settings().minIdleTimeout())));
        annotations.put(
                AnnotationCatalog.proxySendTimeout(flavor),
                NginxTime.formatTimeout(
                        flavor, RouteSpecCheck.send(spec, target.settings().minIdleTimeout())));
        if (spec.acceptedWarnings() != null) {
            annotations.put(
                    WsrouteAnnotations.ACCEPT,
                    String.join(",", spec.acceptedWarnings().rulesOrEmpty()));
            if (spec.acceptedWarnings().reason() != null) {
                annotations.put(
                        WsrouteAnnotations.ACCEPT_REASON,
                        spec.acceptedWarnings().reason());
            }
        }
        AccessPlan access = flavor.plane().planAccess(access(spec), profile);
        annotations.putAll(access.annotations());
        List<String> notEnforced = access.notEnforced();
        Ingress ingress = ingress(route, target.ingressClassName(), annotations);
        IngressReview review =
                new IngressReview(ingress, target.services(), target.replicas(), profile, target.settings());
        ingress.getMetadata().getAnnotations().putAll(rules.remediate(review).annotationsToAdd());
        WebSocketRules.Evaluation evaluation = rules.evaluateWithDetection(
                new IngressReview(ingress, target.services(), target.replicas(), profile, target.settings()));
        List<Finding> findings = evaluation.findings();
        return new RoutePlan(
                ingress,
                notEnforced,
                findings.stream().filter(f -> f.severity() == Severity.ERROR).toList(),
                findings.stream().filter(f -> f.severity() == Severity.WARNING).toList(),
                evaluation.accepted(),
                url(spec));
    }

    /** The route's access settings in the terms any data plane can write them. */
    private static RouteAccess access(WebSocketRouteSpec spec) {
        boolean cookie =
                spec.sessionAffinity() != null && spec.sessionAffinity().cookie();
        List<String> origins = spec.allowedOriginsOrEmpty();
        List<String> ranges = spec.sourceRangesOrEmpty();
        return new RouteAccess(
                cookie ? Optional.of(spec.sessionAffinity().cookieNameOrDefault()) : Optional.empty(),
                Optional.ofNullable(spec.maxConnectionsPerClient()),
                ranges,
                origins.isEmpty() ? "" : AccessSnippets.originCheck(origins),
                ranges.isEmpty() ? "" : AccessSnippets.sourceRanges(ranges),
                spec.pathsOrEmpty().stream().map(p -> p.service().name()).toList());
    }

    private static Ingress ingress(WebSocketRoute route, String ingressClassName, Map<String, String> annotations) {
        WebSocketRouteSpec spec = route.getSpec();
        List<HTTPIngressPath> paths = spec.pathsOrEmpty().stream()
                .map(p -> new HTTPIngressPathBuilder()
                        .withPath(p.path())
                        .withPathType(p.pathTypeOrDefault().name())
                        .withNewBackend()
                        .withNewService()
                        .withName(p.service().name())
                        .withPort(new ServiceBackendPortBuilder()
                                .withNumber(p.service().port().number())
                                .withName(p.service().port().name())
                                .build())
                        .endService()
                        .endBackend()
                        .build())
                .toList();
        IngressBuilder builder = new IngressBuilder()
                .withNewMetadata()
                .withName(route.getMetadata().getName())
                .withNamespace(route.getMetadata().getNamespace())
                .withLabels(new LinkedHashMap<>(Map.of(
                        MANAGED_BY_LABEL,
                        MANAGED_BY,
                        ROUTE_LABEL,
                        route.getMetadata().getName())))
                .withAnnotations(annotations)
                .withOwnerReferences(RouteOwnership.controllerReference(route))
                .endMetadata()
                .withNewSpec()
                .withIngressClassName(ingressClassName)
                .addNewRule()
                .withHost(spec.host())
                .withNewHttp()
                .withPaths(paths)
                .endHttp()
                .endRule()
                .endSpec();
        if (spec.tls() != null) {
            builder.editSpec()
                    .addToTls(new IngressTLSBuilder()
                            .withHosts(spec.host())
                            .withSecretName(spec.tls().secretName())
                            .build())
                    .endSpec();
        }
        return builder.build();
    }

    static String url(WebSocketRouteSpec spec) {
        return (spec.tls() != null ? "wss://" : "ws://")
                + spec.host()
                + spec.pathsOrEmpty().get(0).path();
    }
}
