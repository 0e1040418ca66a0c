package io.wsroute.nginx.live;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceWithSectionName;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.wsroute.gateway.ProxySettingsPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What NGINX Gateway Fabric (nginx/nginx-gateway-fabric v2.6.7) writes into nginx.conf for an HTTPRoute, reduced to
 * what decides a WebSocket's fate. Written from NGF's own templates and the code that fills them, independently of
 * wsroute's rules (the facts are re-stated here, so a wrong fact in the rules cannot prove itself):
 *
 * <ul>
 *   <li>http block: {@code map $http_upgrade $connection_upgrade} and {@code map $http_host $gw_api_compliant_host}
 *       (internal/controller/nginx/config/base_http_config_template.go);</li>
 *   <li>location: {@code proxy_http_version 1.1}, then the base headers Host, X-Forwarded-*, X-Real-IP, Upgrade
 *       {@code $http_upgrade} and Connection {@code $connection_upgrade} (servers_template.go; servers.go
 *       updateLocationProxySettings, createBaseProxySetHeaders, getConnectionHeader), then {@code proxy_pass};</li>
 *   <li>ProxySettingsPolicy: {@code proxy_connect/read/send_timeout} with the policy's value verbatim
 *       (policies/proxysettings/generator.go proxySettingsTemplate), a Gateway's in its http block and a route's in
 *       its locations (GenerateForHTTP, GenerateForLocation); no policy, no directive: nginx's 60 s;</li>
 *   <li>a rule whose filters NGF rejects is written as {@code return 500} (servers.go updateLocation,
 *       InvalidFilter); header filters on Host, Connection or Upgrade are rejected
 *       (validation/common.go invalidHeaders);</li>
 *   <li>a backendRef NGF rejects goes to {@code invalid-backend-ref}, an upstream of the 500 server (upstreams.go
 *       createInvalidBackendRefUpstream): appProtocol {@code kubernetes.io/h2c} on an HTTPRoute, and
 *       {@code kubernetes.io/wss} without a BackendTLSPolicy (graph/backend_refs.go
 *       validateRouteBackendRefAppProtocol);</li>
 *   <li>a backend with a BackendTLSPolicy: {@code proxy_pass https://}, {@code proxy_ssl_server_name on},
 *       {@code proxy_ssl_verify on}, {@code proxy_ssl_name} the policy's hostname, the CA as
 *       {@code proxy_ssl_trusted_certificate} (servers.go createProxyTLSFromBackends, generateProtocolString).</li>
 * </ul>
 *
 * <p>Differences from NGF, none of which touches the WebSocket path: one nginx serves every route of the test, so a
 * Gateway's policy goes into the route's server block (nginx inherits it into the locations exactly as from the
 * http block); policy files are inlined instead of included; upstream names carry the host so routes stay apart;
 * the njs matching NGF uses for header and method matches is not modelled (the template refuses such a route).
 * Durations are scaled by {@link ControllerTemplate#TIME_SCALE}.
 */
public final class NgfTemplate {

    /** NGF's Duration (apis/v1alpha1/shared_types.go): at most four digits and ms, s, m or h. */
    private static final Pattern DURATION = Pattern.compile("^([0-9]{1,4})(ms|s|m|h)?$");

    /** validation/common.go invalidHeaders. */
    private static final Set<String> INVALID_FILTER_HEADERS = Set.of("host", "connection", "upgrade");

    private static final String INVALID_BACKEND = "invalid-backend-ref";

    /**
     * One HTTPRoute as NGF sees it, served under {@code host}.
     *
     * @param services backend Services by {@code namespace/name}
     */
    public record Route(
            String host,
            HTTPRoute route,
            List<ProxySettingsPolicy> policies,
            List<BackendTLSPolicy> tlsPolicies,
            Map<String, Service> services) {}

    /** Where a Service's endpoints are; {@code tls} when the backend speaks TLS. */
    @FunctionalInterface
    public interface Backends {
        String address(String namespace, String service, boolean tls);
    }

    public String render(List<Route> routes, Backends backends) {
        StringBuilder servers = new StringBuilder();
        Map<String, String> upstreams = new TreeMap<>();
        for (Route route : routes) {
            servers.append(server(route, backends, upstreams));
        }
        // base_http_config_template.go
        StringBuilder config = new StringBuilder("""
                    map $http_host $gw_api_compliant_host {
                        '' $host;
                        default $http_host;
                    }
                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        '' close;
                    }
                """);
        // NGF writes no timeout of its own: nginx's built-in 60 s apply, here scaled like every other duration.
        Duration nginxDefault = Duration.ofSeconds(60);
        config.append("    proxy_read_timeout %s;\n    proxy_send_timeout %s;\n"
                .formatted(ControllerTemplate.scaled(nginxDefault), ControllerTemplate.scaled(nginxDefault)));
        // upstreams.go createInvalidBackendRefUpstream; servers_template.go the 500 server
        upstreams.put(INVALID_BACKEND, "unix:$PREFIX/nginx-500-server.sock");
        upstreams.forEach((name, address) -> config.append("""
                    upstream %s {
                        server %s;
                    }
                """.formatted(name, address)));
        config.append("""
                    server {
                        listen unix:$PREFIX/nginx-500-server.sock;
                        access_log off;
                        return 500;
                    }
                """);
        return config.append(ControllerTemplate.defaultServer()).append(servers).toString();
    }

    private static String server(Route route, Backends backends, Map<String, String> upstreams) {
        StringBuilder server = new StringBuilder("    server {\n        listen 127.0.0.1:$PORT;\n")
                .append("        server_name ")
                .append(route.host())
                .append(";\n");
        gatewayPolicies(route).forEach(p -> server.append(timeouts(p, "        ")));
        List<HTTPRouteRule> rules = route.route().getSpec().getRules();
        for (HTTPRouteRule rule : rules) {
            String body = locationBody(route, rule, backends, upstreams);
            for (String path : paths(rule)) {
                server.append("        location ")
                        .append(path)
                        .append(" {\n")
                        .append(body)
                        .append("        }\n");
            }
        }
        return server.append("    }\n").toString();
    }

    /** servers.go createLocations: PathPrefix /ws becomes {@code /ws/} and {@code = /ws}; Exact {@code = /ws}. */
    private static List<String> paths(HTTPRouteRule rule) {
        List<HTTPRouteMatch> matches =
                rule.getMatches() == null || rule.getMatches().isEmpty()
                        ? List.of(new HTTPRouteMatch())
                        : rule.getMatches();
        List<String> out = new ArrayList<>();
        for (HTTPRouteMatch match : matches) {
            if (match.getHeaders() != null && !match.getHeaders().isEmpty()
                    || match.getMethod() != null
                    || match.getQueryParams() != null && !match.getQueryParams().isEmpty()) {
                throw new UnsupportedOperationException("NGF's njs matching is not modelled: " + match);
            }
            String type =
                    match.getPath() == null ? "PathPrefix" : match.getPath().getType();
            String value = match.getPath() == null ? "/" : match.getPath().getValue();
            if ("Exact".equals(type)) {
                out.add("= " + value);
            } else if (value.equals("/")) {
                out.add("/");
            } else {
                String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                out.add(trimmed + "/");
                out.add("= " + trimmed);
            }
        }
        return out;
    }

    private static String locationBody(
            Route route, HTTPRouteRule rule, Backends backends, Map<String, String> upstreams) {
        StringBuilder body = new StringBuilder();
        routePolicies(route).forEach(p -> body.append(timeouts(p, "            ")));
        List<HTTPRouteFilter> filters = rule.getFilters() == null ? List.of() : rule.getFilters();
        if (filters.stream().anyMatch(NgfTemplate::invalidFilter)) {
            return body.append("            return 500;\n").toString();
        }
        if (rule.getBackendRefs() == null || rule.getBackendRefs().size() != 1) {
            throw new UnsupportedOperationException("one backendRef per rule is modelled");
        }
        HTTPBackendRef ref = rule.getBackendRefs().get(0);
        String namespace =
                ref.getNamespace() == null ? route.route().getMetadata().getNamespace() : ref.getNamespace();
        Optional<ServicePort> port = port(route.services().get(namespace + "/" + ref.getName()), ref.getPort());
        String appProtocol = port.map(ServicePort::getAppProtocol).orElse("");
        Optional<BackendTLSPolicy> tls = route.tlsPolicies().stream()
                .filter(p -> covers(p, namespace, ref.getName(), port.map(ServicePort::getName)))
                .findFirst();
        boolean invalid =
                appProtocol.equals("kubernetes.io/h2c") || appProtocol.equals("kubernetes.io/wss") && tls.isEmpty();
        String upstream = INVALID_BACKEND;
        if (!invalid) {
            upstream = (route.host() + "_" + namespace + "_" + ref.getName() + "_" + ref.getPort()).replace('.', '_');
            upstreams.put(upstream, backends.address(namespace, ref.getName(), tls.isPresent()));
        }
        body.append("            proxy_http_version 1.1;\n");
        for (String[] header : List.of(
                new String[] {"Host", "$gw_api_compliant_host"},
                new String[] {"X-Forwarded-For", "$proxy_add_x_forwarded_for"},
                new String[] {"X-Real-IP", "$remote_addr"},
                new String[] {"X-Forwarded-Proto", "$scheme"},
                new String[] {"X-Forwarded-Host", "$host"},
                new String[] {"X-Forwarded-Port", "$server_port"},
                new String[] {"Upgrade", "$http_upgrade"},
                new String[] {"Connection", "$connection_upgrade"})) {
            body.append("            proxy_set_header %s \"%s\";\n".formatted(header[0], header[1]));
        }
        filters.forEach(f -> requestHeaders(f, body));
        body.append("            proxy_pass ")
                .append(tls.isPresent() ? "https://" : "http://")
                .append(upstream)
                .append(";\n");
        tls.ifPresent(p -> body.append("""
                            proxy_ssl_server_name on;
                            proxy_ssl_verify on;
                            proxy_ssl_verify_depth 4;
                            proxy_ssl_name %s;
                            proxy_ssl_trusted_certificate $CERT;
                """.formatted(p.getSpec().getValidation().getHostname())));
        return body.toString();
    }

    /** graph/common_filter.go validateFilterHeaderModifierFields, for request and response modifiers alike. */
    private static boolean invalidFilter(HTTPRouteFilter filter) {
        return invalidNames(filter.getRequestHeaderModifier()) || invalidNames(filter.getResponseHeaderModifier());
    }

    private static boolean invalidNames(HTTPHeaderFilter modifier) {
        if (modifier == null) {
            return false;
        }
        List<String> names = new ArrayList<>();
        names.addAll(
                modifier.getSet() == null
                        ? List.of()
                        : modifier.getSet().stream().map(HTTPHeader::getName).toList());
        names.addAll(
                modifier.getAdd() == null
                        ? List.of()
                        : modifier.getAdd().stream().map(HTTPHeader::getName).toList());
        names.addAll(modifier.getRemove() == null ? List.of() : modifier.getRemove());
        return names.stream().anyMatch(n -> INVALID_FILTER_HEADERS.contains(n.toLowerCase(Locale.ROOT)));
    }

    /** servers.go generateProxySetHeaders: set writes the value, remove an empty value (nginx then omits it). */
    private static void requestHeaders(HTTPRouteFilter filter, StringBuilder body) {
        HTTPHeaderFilter modifier = filter.getRequestHeaderModifier();
        if (filter.getResponseHeaderModifier() != null
                || modifier != null
                        && modifier.getAdd() != null
                        && !modifier.getAdd().isEmpty()) {
            throw new UnsupportedOperationException("only request header set and remove are modelled");
        }
        if (modifier == null) {
            return;
        }
        if (modifier.getSet() != null) {
            modifier.getSet()
                    .forEach(h -> body.append(
                            "            proxy_set_header %s \"%s\";\n".formatted(h.getName(), h.getValue())));
        }
        if (modifier.getRemove() != null) {
            modifier.getRemove().forEach(h -> body.append("            proxy_set_header %s \"\";\n".formatted(h)));
        }
    }

    private static List<ProxySettingsPolicy> routePolicies(Route route) {
        return applied(
                route,
                route.route().getMetadata().getNamespace(),
                "HTTPRoute",
                route.route().getMetadata().getName());
    }

    private static List<ProxySettingsPolicy> gatewayPolicies(Route route) {
        ParentReference parent = route.route().getSpec().getParentRefs().get(0);
        String namespace =
                parent.getNamespace() == null ? route.route().getMetadata().getNamespace() : parent.getNamespace();
        return applied(route, namespace, "Gateway", parent.getName());
    }

    /**
     * Policies NGF applies to this target: those whose every value fits its grammar (the CRD pattern and
     * proxysettings/validator.go refuse the whole policy otherwise). Conflicts between policies are not modelled.
     */
    private static List<ProxySettingsPolicy> applied(Route route, String namespace, String kind, String name) {
        return route.policies().stream()
                .filter(p -> Objects.equals(p.getMetadata().getNamespace(), namespace))
                .filter(p -> p.getSpec().getTargetRefs().stream()
                        .anyMatch(t -> kind.equals(t.getKind()) && name.equals(t.getName())))
                .filter(p -> p.getSpec().getTimeout() == null
                        || Optional.ofNullable(p.getSpec().getTimeout())
                                .map(t -> fits(t.getConnect()) && fits(t.getRead()) && fits(t.getSend()))
                                .orElse(true))
                .toList();
    }

    private static boolean fits(String value) {
        return value == null || DURATION.matcher(value).matches();
    }

    /** proxySettingsTemplate's timeout lines, each value scaled for the test. */
    private static String timeouts(ProxySettingsPolicy policy, String indent) {
        StringBuilder out = new StringBuilder();
        var timeout = policy.getSpec().getTimeout();
        if (timeout == null) {
            return "";
        }
        line(out, indent, "proxy_connect_timeout", timeout.getConnect());
        line(out, indent, "proxy_read_timeout", timeout.getRead());
        line(out, indent, "proxy_send_timeout", timeout.getSend());
        return out.toString();
    }

    private static void line(StringBuilder out, String indent, String directive, String value) {
        if (value != null) {
            out.append(indent)
                    .append(directive)
                    .append(' ')
                    .append(ControllerTemplate.scaled(duration(value)))
                    .append(";\n");
        }
    }

    private static Duration duration(String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(value);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static Optional<ServicePort> port(Service service, Integer port) {
        if (service == null || service.getSpec() == null || service.getSpec().getPorts() == null) {
            return Optional.empty();
        }
        return service.getSpec().getPorts().stream()
                .filter(p -> Objects.equals(p.getPort(), port))
                .findFirst();
    }

    /** graph/backend_tls_policy.go: the policy targets the Service, on all ports or the named one. */
    private static boolean covers(BackendTLSPolicy policy, String namespace, String service, Optional<String> port) {
        if (!Objects.equals(policy.getMetadata().getNamespace(), namespace)) {
            return false;
        }
        for (LocalPolicyTargetReferenceWithSectionName ref : policy.getSpec().getTargetRefs()) {
            if ("Service".equals(ref.getKind())
                    && service.equals(ref.getName())
                    && (ref.getSectionName() == null
                            || Optional.of(ref.getSectionName()).equals(port))) {
                return true;
            }
        }
        return false;
    }
}
