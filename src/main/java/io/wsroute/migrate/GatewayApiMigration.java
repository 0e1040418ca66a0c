package io.wsroute.migrate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.wsroute.gateway.GatewayRoutePlanner;
import io.wsroute.gateway.GatewayRouteRequest;
import io.wsroute.gateway.GatewayRouteRequest.PathBackend;
import io.wsroute.gateway.ParentRef;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.gateway.ProxySettingsPolicySpec;
import io.wsroute.gateway.ProxyTimeout;
import io.wsroute.migrate.Change.Kind;
import io.wsroute.nginx.GoBool;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxGatewayFabric;
import io.wsroute.nginx.NginxIncEquivalents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rewrites one ingress-nginx Ingress for Gateway API on NGINX Gateway Fabric (README "Migration off ingress-nginx"):
 * an HTTPRoute per host on the given Gateway, and the idle timeouts in a ProxySettingsPolicy, NGF's only place for
 * them. Never {@code rules[].timeouts}: those are absolute deadlines that cut a WebSocket however busy it is. Pure.
 */
public final class GatewayApiMigration {

    /** ingress-nginx timeouts and the ProxySettingsPolicy field each becomes. */
    private static final Map<String, String> TIMEOUTS = Map.of(
            IngressNginxAnnotations.PROXY_READ_TIMEOUT, "read",
            IngressNginxAnnotations.PROXY_SEND_TIMEOUT, "send",
            IngressNginxAnnotations.PROXY_CONNECT_TIMEOUT, "connect");

    /** Keys whose effect the HTTPRoute carries by itself (NGF forwards Upgrade/Connection on every route). */
    private static final Set<String> CARRIED = Set.of(
            IngressNginxAnnotations.PROXY_HTTP_VERSION, IngressNginxAnnotations.PREFIX + "connection-proxy-header");

    private final ParentRef gateway;
    private final Set<String> pinnedServices;

    public GatewayApiMigration(ParentRef gateway, Set<String> pinnedServices) {
        this.gateway = gateway;
        this.pinnedServices = Set.copyOf(pinnedServices);
    }

    public MigratedObjects migrate(String file, Ingress source, Map<String, Service> services) {
        // An Ingress without a namespace goes where kubectl would put it (the CLI fills in -n before this).
        String namespace =
                Optional.ofNullable(source.getMetadata().getNamespace()).orElse("default");
        String name = source.getMetadata().getName();
        Map<String, String> annotations = new TreeMap<>(
                source.getMetadata().getAnnotations() == null
                        ? Map.of()
                        : source.getMetadata().getAnnotations());
        List<Change> changes = new ArrayList<>();
        List<HasMetadata> objects = new ArrayList<>();

        Map<String, List<PathBackend>> pathsByHost = paths(source, services, annotations, changes);
        int index = 0;
        List<String> routeNames = new ArrayList<>();
        for (Map.Entry<String, List<PathBackend>> host : pathsByHost.entrySet()) {
            String routeName = pathsByHost.size() == 1 ? name : name + "-" + index;
            index++;
            HTTPRoute route = GatewayRoutePlanner.plan(new GatewayRouteRequest(
                            namespace,
                            routeName,
                            gateway,
                            host.getKey().isEmpty() ? List.of() : List.of(host.getKey()),
                            host.getValue(),
                            NginxGatewayFabric.DEFAULT_TIMEOUT,
                            Map.of()))
                    .route();
            objects.add(route);
            routeNames.add(routeName);
            changes.add(new Change(
                    Kind.TRANSLATED,
                    "host %s -> HTTPRoute %s on Gateway %s/%s (%d path%s)"
                            .formatted(
                                    host.getKey().isEmpty() ? "(any)" : host.getKey(),
                                    routeName,
                                    gateway.namespace(),
                                    gateway.name(),
                                    host.getValue().size(),
                                    host.getValue().size() == 1 ? "" : "s")));
        }
        if (!gateway.namespace().equals(namespace)) {
            changes.add(new Change(
                    Kind.NOTE,
                    "the Gateway is in namespace %s: its listener's allowedRoutes must admit routes from %s"
                            .formatted(gateway.namespace(), namespace)));
        }

        ProxyTimeout timeout = new ProxyTimeout();
        annotations.forEach((key, value) -> {
            if (TIMEOUTS.containsKey(key)) {
                timeout(key, value, timeout, changes);
            } else if (key.startsWith(IngressNginxAnnotations.PREFIX)) {
                other(key, value, annotations, changes);
            }
        });
        if (!routeNames.isEmpty()
                && (timeout.getRead() != null || timeout.getSend() != null || timeout.getConnect() != null)) {
            objects.add(policy(namespace, name, routeNames, timeout));
        }
        changes.add(new Change(
                Kind.NOTE,
                "no rules[].timeouts: Gateway API's request timeouts are absolute deadlines (GEP-1742) that would cut "
                        + "every WebSocket after that time; NGF takes idle timeouts from ProxySettingsPolicy only"));

        Map<String, Optional<String>> webSocket =
                WebSocketServices.decide(source, Backend.of(source), services, pinnedServices);
        webSocket.forEach((service, reason) -> reason.ifPresent(why -> changes.add(new Change(
                Kind.NOTE,
                ("Service %s carries WebSocket (%s): NGF forwards Upgrade and Connection on every route, so "
                                + "nothing is written for it")
                        .formatted(service, why)))));
        boolean webSocketWithoutTimeout =
                webSocket.values().stream().anyMatch(Optional::isPresent) && timeout.getRead() == null;
        if (webSocketWithoutTimeout) {
            changes.add(new Change(
                    Kind.NOTE,
                    "idle WebSockets are still closed after nginx's 60 s, as on ingress-nginx: add "
                            + "proxy-read-timeout (or a ProxySettingsPolicy) if clients ping less often"));
        }
        if (source.getSpec() != null
                && source.getSpec().getTls() != null
                && !source.getSpec().getTls().isEmpty()) {
            changes.add(new Change(
                    Kind.DECIDE,
                    "spec.tls: TLS ends at the Gateway's HTTPS listener, which needs certificateRefs to Secret(s) %s"
                            .formatted(String.join(
                                    ", ",
                                    source.getSpec().getTls().stream()
                                            .map(t -> String.valueOf(t.getSecretName()))
                                            .toList()))));
        }
        return new MigratedObjects(file, namespace + "/" + name, objects, changes);
    }

    /** Paths grouped by host ("" for none), in Ingress order; paths that cannot become a rule are reported. */
    private static Map<String, List<PathBackend>> paths(
            Ingress source, Map<String, Service> services, Map<String, String> annotations, List<Change> changes) {
        Map<String, List<PathBackend>> byHost = new LinkedHashMap<>();
        boolean regex = GoBool.isTrue(annotations.get(IngressNginxAnnotations.USE_REGEX));
        List<IngressRule> rules = source.getSpec() == null || source.getSpec().getRules() == null
                ? List.of()
                : source.getSpec().getRules();
        for (IngressRule rule : rules) {
            if (rule == null || rule.getHttp() == null || rule.getHttp().getPaths() == null) {
                continue;
            }
            String host = rule.getHost() == null ? "" : rule.getHost();
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                if (path == null
                        || path.getBackend() == null
                        || path.getBackend().getService() == null) {
                    continue;
                }
                String value = path.getPath() == null ? "/" : path.getPath();
                if (regex) {
                    changes.add(new Change(
                            Kind.DECIDE,
                            ("path %s: with use-regex ingress-nginx matched it as a regular expression; it is written "
                                            + "as a PathPrefix, check it")
                                    .formatted(value)));
                }
                Optional<Integer> port = port(path.getBackend().getService(), services);
                if (port.isEmpty()) {
                    changes.add(new Change(
                            Kind.DECIDE,
                            ("path %s: Service %s port %s is named and the Service is not in the input, so its number "
                                            + "is unknown; the path is left out: add it with the port number")
                                    .formatted(
                                            value,
                                            path.getBackend().getService().getName(),
                                            path.getBackend().getService().getPort() == null
                                                    ? "(none)"
                                                    : path.getBackend()
                                                            .getService()
                                                            .getPort()
                                                            .getName())));
                    continue;
                }
                byHost.computeIfAbsent(host, h -> new ArrayList<>())
                        .add(new PathBackend(
                                value,
                                "Exact".equals(path.getPathType()),
                                path.getBackend().getService().getName(),
                                port.get()));
            }
        }
        if (source.getSpec() != null && source.getSpec().getDefaultBackend() != null) {
            changes.add(new Change(
                    Kind.DECIDE,
                    "spec.defaultBackend: a Gateway has no per-route default; add a catch-all \"/\" rule to one route "
                            + "if unmatched requests should reach it"));
        }
        return byHost;
    }

    private static Optional<Integer> port(IngressServiceBackend backend, Map<String, Service> services) {
        if (backend.getPort() == null) {
            return Optional.empty();
        }
        if (backend.getPort().getNumber() != null) {
            return Optional.of(backend.getPort().getNumber());
        }
        Service service = services.get(backend.getName());
        if (service == null || service.getSpec() == null || service.getSpec().getPorts() == null) {
            return Optional.empty();
        }
        return service.getSpec().getPorts().stream()
                .filter(p -> backend.getPort().getName().equals(p.getName()))
                .map(ServicePort::getPort)
                .findFirst();
    }

    private static void timeout(String key, String value, ProxyTimeout timeout, List<Change> changes) {
        Optional<Duration> seconds = NginxIncEquivalents.seconds(value);
        if (seconds.isEmpty()) {
            changes.add(new Change(
                    Kind.DECIDE,
                    ("%s \"%s\": ingress-nginx does not read this value (it used 60 s), so it is not carried over")
                            .formatted(key, value)));
            return;
        }
        String duration = NginxGatewayFabric.formatDuration(seconds.get());
        switch (TIMEOUTS.get(key)) {
            case "read" -> timeout.setRead(duration);
            case "send" -> timeout.setSend(duration);
            default -> timeout.setConnect(duration);
        }
        changes.add(new Change(
                Kind.TRANSLATED,
                "%s \"%s\" -> ProxySettingsPolicy spec.timeout.%s \"%s\""
                        .formatted(key, value, TIMEOUTS.get(key), duration)));
    }

    private static void other(String key, String value, Map<String, String> annotations, List<Change> changes) {
        if (!NginxIncEquivalents.readByIngressNginx(key)) {
            changes.add(new Change(Kind.NOTE, "%s: ingress-nginx does not read it either; dropped".formatted(key)));
            return;
        }
        if (CARRIED.contains(key)) {
            changes.add(new Change(
                    Kind.TRANSLATED, "%s: NGF speaks HTTP/1.1 upstream and forwards Upgrade itself".formatted(key)));
            return;
        }
        String name = key.substring(IngressNginxAnnotations.PREFIX.length());
        switch (name) {
            case "backend-protocol" -> backendProtocol(key, value, changes);
            case "use-regex" -> {} // reported per path
            case "affinity", "upstream-hash-by" ->
                changes.add(new Change(
                        Kind.DECIDE,
                        ("%s \"%s\": NGF keeps a client on one pod with an UpstreamSettingsPolicy (loadBalancingMethod "
                                        + "ip_hash or hash) on NGINX Open Source, or HTTPRoute sessionPersistence (cookie) "
                                        + "on NGINX Plus; a WebSocket needs neither unless it falls back to long-polling")
                                .formatted(key, value)));
            case "session-cookie-name", "session-cookie-path", "session-cookie-max-age", "session-cookie-expires" -> {
                if (!"cookie"
                        .equals(annotations
                                .getOrDefault(IngressNginxAnnotations.AFFINITY, "")
                                .strip())) {
                    changes.add(new Change(
                            Kind.NOTE, "%s: without cookie affinity it did nothing; dropped".formatted(key)));
                }
            }
            default ->
                changes.add(new Change(
                        Kind.LOST,
                        "%s \"%s\": not written as Gateway API; its effect is gone unless rebuilt with HTTPRoute filters "
                                        .formatted(key, abbreviate(value))
                                + "or NGF policies"));
        }
    }

    private static void backendProtocol(String key, String value, List<Change> changes) {
        switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "HTTP", "" -> changes.add(new Change(Kind.TRANSLATED, key + " \"HTTP\": plain HTTP is the default"));
            case "HTTPS" ->
                changes.add(new Change(
                        Kind.DECIDE,
                        ("%s \"HTTPS\": NGF speaks TLS to a backend only with a BackendTLSPolicy naming its CA and "
                                        + "hostname; write one per Service (or mark the port appProtocol kubernetes.io/wss)")
                                .formatted(key)));
            default ->
                changes.add(new Change(
                        Kind.DECIDE,
                        "%s \"%s\": Gateway API has GRPCRoute for gRPC; this HTTPRoute speaks HTTP"
                                .formatted(key, value)));
        }
    }

    private static HasMetadata policy(String namespace, String name, List<String> routes, ProxyTimeout timeout) {
        ProxySettingsPolicy policy = new ProxySettingsPolicy();
        policy.getMetadata().setNamespace(namespace);
        policy.getMetadata().setName(name + GatewayRoutePlanner.POLICY_SUFFIX);
        ProxySettingsPolicySpec spec = new ProxySettingsPolicySpec();
        List<LocalPolicyTargetReference> targets = routes.stream()
                .map(route -> new LocalPolicyTargetReferenceBuilder()
                        .withGroup(NginxGatewayFabric.GATEWAY_API_GROUP)
                        .withKind("HTTPRoute")
                        .withName(route)
                        .build())
                .toList();
        spec.setTargetRefs(targets);
        spec.setTimeout(timeout);
        policy.setSpec(spec);
        return policy;
    }

    private static String abbreviate(String value) {
        String line = value.strip().replace('\n', ' ');
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
