package io.wsroute.route;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPortBuilder;
import io.wsroute.nginx.AnnotationCatalog;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.NginxTime;
import io.wsroute.nginx.WsrouteAnnotations;
import io.wsroute.rules.Finding;
import io.wsroute.rules.IngressReview;
import io.wsroute.rules.Severity;
import io.wsroute.rules.WebSocketRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        List<String> notEnforced = new ArrayList<>();
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
        if (flavor == ControllerFlavor.INGRESS_NGINX) {
            ingressNginx(spec, profile, annotations, notEnforced);
        } else {
            nginxInc(spec, profile, annotations, notEnforced);
        }
        Ingress ingress = ingress(route, target.ingressClassName(), annotations);
        IngressReview review = new IngressReview(ingress, target.services(), Map.of(), profile, target.settings());
        ingress.getMetadata().getAnnotations().putAll(rules.remediate(review).annotationsToAdd());
        List<Finding> findings =
                rules.evaluate(new IngressReview(ingress, target.services(), Map.of(), profile, target.settings()));
        return new RoutePlan(
                ingress,
                notEnforced,
                findings.stream().filter(f -> f.severity() == Severity.ERROR).toList(),
                findings.stream().filter(f -> f.severity() == Severity.WARNING).toList(),
                url(spec));
    }

    private static void ingressNginx(
            WebSocketRouteSpec spec,
            ControllerProfile profile,
            Map<String, String> annotations,
            List<String> notEnforced) {
        if (spec.sessionAffinity() != null && spec.sessionAffinity().cookie()) {
            annotations.put(IngressNginxAnnotations.AFFINITY, "cookie");
            annotations.put(
                    IngressNginxAnnotations.SESSION_COOKIE_NAME,
                    spec.sessionAffinity().cookieNameOrDefault());
        }
        if (spec.maxConnectionsPerClient() != null) {
            annotations.put(
                    IngressNginxAnnotations.LIMIT_CONNECTIONS,
                    spec.maxConnectionsPerClient().toString());
        }
        if (!spec.sourceRangesOrEmpty().isEmpty()) {
            annotations.put(
                    IngressNginxAnnotations.WHITELIST_SOURCE_RANGE, String.join(",", spec.sourceRangesOrEmpty()));
        }
        if (!spec.allowedOriginsOrEmpty().isEmpty()) {
            if (profile.snippetsAllowed()) {
                annotations.put(
                        IngressNginxAnnotations.CONFIGURATION_SNIPPET,
                        AccessSnippets.originCheck(spec.allowedOriginsOrEmpty()));
            } else {
                notEnforced.add(("spec.allowedOrigins: ingress-nginx has no Origin check but a configuration snippet, "
                                + "and %s does not allow snippet annotations (allow-snippet-annotations \"true\" and "
                                + "annotations-risk-level Critical)")
                        .formatted(profile.source()));
            }
        }
    }

    private static void nginxInc(
            WebSocketRouteSpec spec,
            ControllerProfile profile,
            Map<String, String> annotations,
            List<String> notEnforced) {
        if (spec.sessionAffinity() != null && spec.sessionAffinity().cookie()) {
            notEnforced.add("spec.sessionAffinity: cookie affinity on the F5 NGINX Ingress Controller needs NGINX Plus "
                    + "(nginx.com/sticky); wsroute does not assume Plus");
        }
        if (spec.maxConnectionsPerClient() != null) {
            notEnforced.add("spec.maxConnectionsPerClient: the F5 NGINX Ingress Controller has no per-Ingress "
                    + "connection limit (limit_conn needs a zone in its ConfigMap's http-snippets)");
        }
        StringBuilder snippet = new StringBuilder();
        if (!spec.allowedOriginsOrEmpty().isEmpty()) {
            snippet.append(AccessSnippets.originCheck(spec.allowedOriginsOrEmpty()));
        }
        if (!spec.sourceRangesOrEmpty().isEmpty()) {
            snippet.append(AccessSnippets.sourceRanges(spec.sourceRangesOrEmpty()));
        }
        if (snippet.isEmpty()) {
            return;
        }
        if (profile.snippetsAllowed()) {
            annotations.put(NginxIncAnnotations.LOCATION_SNIPPETS, snippet.toString());
        } else {
            notEnforced.add("spec.allowedOrigins/spec.sourceRanges: the F5 NGINX Ingress Controller needs location "
                    + "snippets for these, and its -enable-snippets flag is off (wsroute.controllers.nginx-inc."
                    + "snippets-enabled)");
        }
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
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(route.getApiVersion())
                        .withKind(route.getKind())
                        .withName(route.getMetadata().getName())
                        .withUid(route.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
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
