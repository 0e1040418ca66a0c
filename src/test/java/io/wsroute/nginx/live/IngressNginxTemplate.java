package io.wsroute.nginx.live;

import static io.wsroute.nginx.IngressNginxAnnotations.BACKEND_PROTOCOL;
import static io.wsroute.nginx.IngressNginxAnnotations.CONFIGURATION_SNIPPET;
import static io.wsroute.nginx.IngressNginxAnnotations.CONNECTION_PROXY_HEADER;
import static io.wsroute.nginx.IngressNginxAnnotations.FORCE_SSL_REDIRECT;
import static io.wsroute.nginx.IngressNginxAnnotations.PROXY_HTTP_VERSION;
import static io.wsroute.nginx.IngressNginxAnnotations.PROXY_READ_TIMEOUT;
import static io.wsroute.nginx.IngressNginxAnnotations.PROXY_SEND_TIMEOUT;
import static io.wsroute.nginx.IngressNginxAnnotations.SSL_REDIRECT;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.wsroute.nginx.AnnotationCatalog;
import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.GoBool;
import io.wsroute.nginx.IngressNginxAnnotationTable;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.IngressNginxVerdict;
import io.wsroute.nginx.IngressNginxVerdict.Outcome;
import io.wsroute.nginx.IngressNginxVersion;
import io.wsroute.nginx.RiskLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Community ingress-nginx, controller-v1.15.1. Each emitted directive cites where the controller writes it:
 * {@code tmpl N} is a line of rootfs/etc/nginx/template/nginx.tmpl, {@code template.go F} a function of
 * internal/ingress/controller/template/template.go, {@code lua} rootfs/etc/nginx/lua/lua_ingress.lua, which does the
 * HTTPS redirect in the rewrite phase (modelled here with nginx's own {@code if}/{@code return}). Values come from
 * the annotation parsers under internal/ingress/annotations/ (the proxy parser never fails, it falls back to the
 * ConfigMap; parser.GetStringAnnotation trims each line and treats "" as absent) and from the ConfigMap
 * ({@link ControllerProfile}, with the raw data for what nginx.tmpl writes as it stands). Left out: Lua balancing
 * (one endpoint per upstream here), auth, CORS, rate limits, logging, and headers no WebSocket depends on.
 *
 * <p>With {@code admissionWebhook} the controller's validating webhook is in front (controller.go CheckIngress):
 * it denies snippets the ConfigMap does not allow. Without it (a webhook bypassed or failing open) the sync loop
 * decides: controller.go dropSnippetDirectives removes disallowed snippets and serves the rest of the Ingress, while
 * an annotation above annotations-risk-level still makes annotations.go Extract drop the whole Ingress. Since the
 * CVE-2025-1974 fix, CheckIngress no longer runs nginx -t (the call is commented out), so a configuration nginx
 * refuses is admitted either way and only fails at the next reload.
 */
public final class IngressNginxTemplate implements ControllerTemplate {

    /** config.go NewDefault UpstreamKeepaliveConnections: 320, which picks the '' '' branch of the map (tmpl 380). */
    private static final int UPSTREAM_KEEPALIVE = 320;

    /** defaults Backend ProxyConnectTimeout (config.go NewDefault): 5 s. */
    private static final long CONNECT_TIMEOUT_SECONDS = 5;

    private final boolean admissionWebhook;

    public IngressNginxTemplate() {
        this(true);
    }

    public IngressNginxTemplate(boolean admissionWebhook) {
        this.admissionWebhook = admissionWebhook;
    }

    @Override
    public ControllerFlavor flavor() {
        return ControllerFlavor.INGRESS_NGINX;
    }

    /** tmpl 47: worker_shutdown_timeout, always written; config.go NewDefault WorkerShutdownTimeout "240s". */
    @Override
    public String mainContext(ControllerProfile profile) {
        String value = profile.data().getOrDefault(ControllerConfigMaps.WORKER_SHUTDOWN_TIMEOUT, "240s");
        return "worker_shutdown_timeout " + ControllerTemplate.timeout(value) + " ;\n";
    }

    @Override
    public Rendering render(List<Served> ingresses, Backends backends) {
        StringBuilder servers = new StringBuilder();
        Map<String, String> upstreams = new TreeMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        // one http block for all: each distinct ConfigMap http snippet once
        java.util.Set<String> httpSnippet = new java.util.LinkedHashSet<>();
        for (Served served : ingresses) {
            Ingress ingress = served.ingress();
            ControllerProfile profile = served.profile();
            if (!profile.snippets().http().isEmpty()) {
                httpSnippet.add(profile.snippets().http());
            }
            Optional<String> refusal = refusal(ingress, profile);
            if (refusal.isPresent()) {
                refused.put(ingress.getMetadata().getName(), refusal.get());
                continue;
            }
            Map<String, String> annotations = servedAnnotations(ingress, profile);
            for (IngressRule rule : ControllerTemplate.rules(ingress)) {
                servers.append(server(ingress, annotations, rule, profile, backends, upstreams));
            }
        }
        // tmpl 380-388
        StringBuilder config = new StringBuilder("""
                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        '' '';
                    }
                """);
        // tmpl 513-516: the ConfigMap's http-snippet
        httpSnippet.forEach(snippet -> config.append(indent(snippet, "    ")));
        // tmpl 518-538 (upstream_balancer; one upstream per Service here, keepalive as configured)
        upstreams.forEach((name, address) -> config.append("""
                    upstream %s {
                        server %s;
                        keepalive %d;
                    }
                """.formatted(name, address, UPSTREAM_KEEPALIVE)));
        config.append(ControllerTemplate.defaultServer()).append(servers);
        return new Rendering(config.toString(), refused);
    }

    /** Why the controller does not serve the Ingress: its webhook's denial, or the sync loop skipping it. */
    private Optional<String> refusal(Ingress ingress, ControllerProfile profile) {
        Map<String, String> annotations = ControllerTemplate.annotations(ingress);
        for (String key : annotations.keySet()) {
            if (!AnnotationCatalog.isSnippet(ControllerFlavor.INGRESS_NGINX, key)) {
                continue;
            }
            if (!profile.riskLevel().admits(RiskLevel.CRITICAL)) {
                // annotations.go Extract: Validate fails with NewRiskyAnnotations, webhook and sync loop alike
                return Optional.of(key + " annotation is riskier than annotations-risk-level "
                        + profile.riskLevel().configValue() + ": the Ingress is not served");
            }
            if (admissionWebhook && !profile.snippetsAllowed()) {
                // controller.go CheckIngress
                return Optional.of(key + " annotation cannot be used. Snippet directives are disabled by the Ingress "
                        + "administrator");
            }
        }
        // annotations.go Extract: a validation error a parser returns leaves the Ingress out (the annotation table;
        // e.g. connection/main.go ValidateRegex ^(close|keep-alive)$ on the value with its spaces removed)
        for (String key : annotations.keySet()) {
            if (verdict(key, annotations, profile).outcome() == Outcome.INGRESS_DROPPED) {
                return Optional.of("annotation " + key + " contains invalid value " + annotations.get(key));
            }
        }
        return Optional.empty();
    }

    private static IngressNginxVerdict verdict(String key, Map<String, String> annotations, ControllerProfile profile) {
        return IngressNginxAnnotationTable.judge(key, annotations, IngressNginxVersion.LATEST, profile.riskLevel());
    }

    /** tmpl 1129 isLocationAllowed, 1427-1430: a location whose annotations were denied answers 503 instead of proxying. */
    private static boolean denied(Map<String, String> annotations, ControllerProfile profile) {
        return annotations.keySet().stream()
                .anyMatch(key -> verdict(key, annotations, profile).outcome() == Outcome.LOCATION_DENIED);
    }

    /** The annotations the sync loop keeps: controller.go dropSnippetDirectives when snippets are not allowed. */
    private static Map<String, String> servedAnnotations(Ingress ingress, ControllerProfile profile) {
        Map<String, String> annotations = new LinkedHashMap<>(ControllerTemplate.annotations(ingress));
        if (!profile.snippetsAllowed()) {
            annotations.keySet().removeIf(IngressNginxAnnotations::isSnippet);
        }
        return annotations;
    }

    private static String server(
            Ingress ingress,
            Map<String, String> annotations,
            IngressRule rule,
            ControllerProfile profile,
            Backends backends,
            Map<String, String> upstreams) {
        boolean tls = ControllerTemplate.hasTls(ingress, rule.getHost());
        // tmpl 592-595 / template.go buildHTTPListener, buildHTTPSListener: every server listens on both ports,
        // hosts without a certificate of their own with the default one
        StringBuilder server = new StringBuilder("    server {\n        server_name " + rule.getHost() + ";\n")
                .append(ControllerTemplate.listen(true));
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
            String service = path.getBackend().getService().getName();
            String upstream = "upstream-" + ingress.getMetadata().getNamespace() + "-" + service;
            upstreams.put(upstream, backends.address(ingress, service));
            server.append(location(path, annotations, tls, profile, upstream));
        }
        // tmpl 976-979: the Ingress's server-snippet, inside the SERVER template
        stringAnnotation(annotations, IngressNginxAnnotations.SERVER_SNIPPET)
                .ifPresent(snippet -> server.append(indent(snippet, "        ")));
        // tmpl 658-661: the ConfigMap's server-snippet, after the SERVER template
        if (!profile.snippets().server().isEmpty()) {
            server.append(indent(profile.snippets().server(), "        "));
        }
        return server.append("    }\n").toString();
    }

    private static String location(
            HTTPIngressPath path,
            Map<String, String> annotations,
            boolean tls,
            ControllerProfile profile,
            String upstream) {
        // backendprotocol/main.go: ValidateOptions(case-insensitive, trimmed), the value kept as written (trimmed);
        // template.go buildProxyPass upper-cases it, proxySetHeader and tmpl 1357/1407 compare it as written
        String protocol = stringAnnotation(annotations, BACKEND_PROTOCOL)
                .filter(p -> List.of("AUTO_HTTP", "HTTP", "HTTPS", "GRPC", "GRPCS", "FCGI")
                        .contains(p.toUpperCase(Locale.ROOT)))
                .orElse("HTTP");
        String setHeader = protocol.equals("GRPC") || protocol.equals("GRPCS") ? "grpc_set_header" : "proxy_set_header";
        // connection/main.go: "" is no header (Connection stays $connection_upgrade), else the trimmed value
        Optional<String> connection = stringAnnotation(annotations, CONNECTION_PROXY_HEADER);
        // proxy/main.go: GetIntAnnotation (strconv.Atoi), else the ConfigMap's value (defaults.Backend)
        String read = intAnnotation(annotations, PROXY_READ_TIMEOUT)
                .orElseGet(() -> configMapSeconds(profile, ControllerConfigMaps.PROXY_READ_TIMEOUT));
        String send = intAnnotation(annotations, PROXY_SEND_TIMEOUT)
                .orElseGet(() -> configMapSeconds(profile, ControllerConfigMaps.PROXY_SEND_TIMEOUT));
        // proxy/main.go: ValidateOptions 1.0/1.1 (trimmed), else the ConfigMap's proxy-http-version
        String httpVersion = stringAnnotation(annotations, PROXY_HTTP_VERSION)
                .filter(IngressNginxAnnotations.HTTP_VERSIONS::contains)
                .orElse(profile.proxyHttpVersion());
        StringBuilder location = new StringBuilder("        location " + ControllerTemplate.location(path) + " {\n");
        if (denied(annotations, profile)) {
            return location.append("            return 503;\n        }\n").toString();
        }
        // tmpl 1165 locationConfigForLua + lua redirect_to_https: force-ssl-redirect for any plain-HTTP request,
        // ssl-redirect for hosts with a certificate; annotation values Go cannot parse fall back to the ConfigMap
        boolean force = GoBool.parse(annotations.get(FORCE_SSL_REDIRECT))
                .orElse(profile.redirects().forceRedirect());
        boolean ssl = GoBool.parse(annotations.get(SSL_REDIRECT))
                .orElse(profile.redirects().sslRedirect());
        if (force || ssl && tls) {
            // lua: ngx_redirect(uri, config.http_redirect_code)
            location.append("            if ($scheme = http) { return %d https://$host$request_uri; }\n"
                    .formatted(profile.redirects().code()));
        }
        // tmpl 1282 (Host), 1295-1301 (Upgrade, Connection), 1304, 1308, 1333-1335, 1337, 1346-1347, 1353
        location.append("""
                            %1$s Host $host;
                            # Allow websocket connections
                            %1$s Upgrade $http_upgrade;
                            %1$s Connection %2$s;
                            %1$s X-Real-IP $remote_addr;
                            %1$s X-Forwarded-For $remote_addr;
                            proxy_connect_timeout %3$s;
                            proxy_send_timeout %4$s;
                            proxy_read_timeout %5$s;
                            proxy_buffering off;
                            proxy_request_buffering on;
                            proxy_http_version %6$s;
                            proxy_next_upstream error timeout;
                """.formatted(
                        setHeader,
                        connection.orElse("$connection_upgrade"),
                        // connecting is not scaled: a TLS backend's handshake takes real time
                        CONNECT_TIMEOUT_SECONDS + "s",
                        ControllerTemplate.timeout(send + "s"),
                        ControllerTemplate.timeout(read + "s"),
                        httpVersion));
        if (setHeader.equals("grpc_set_header")) {
            // tmpl 1357-1362
            location.append("            grpc_read_timeout ")
                    .append(ControllerTemplate.timeout(read + "s"))
                    .append(";\n");
        }
        // tmpl 1365: the configuration-snippet, as snippet/main.go GetStringAnnotation returns it (lines trimmed)
        stringAnnotation(annotations, CONFIGURATION_SNIPPET)
                .ifPresent(snippet -> location.append(indent(snippet, "            ")));
        // tmpl 1367-1370: the ConfigMap's location-snippet
        if (!profile.snippets().location().isEmpty()) {
            location.append(indent(profile.snippets().location(), "            "));
        }
        // tmpl 1421 template.go buildProxyPass
        location.append(
                switch (protocol.toUpperCase(Locale.ROOT)) {
                    case "GRPC" -> "            grpc_pass grpc://" + upstream + ";\n";
                    case "GRPCS" -> "            grpc_pass grpcs://" + upstream + ";\n";
                    case "FCGI" -> "            fastcgi_pass " + upstream + ";\n";
                    case "HTTPS" -> "            proxy_pass https://" + upstream + ";\n";
                    case "AUTO_HTTP" -> "            proxy_pass $scheme://" + upstream + ";\n";
                    default -> "            proxy_pass http://" + upstream + ";\n";
                });
        return location.append("        }\n").toString();
    }

    /** parser.GetStringAnnotation: each line trimmed (normalizeString), and "" is no value. */
    private static Optional<String> stringAnnotation(Map<String, String> annotations, String key) {
        String raw = annotations.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        String normalized = String.join("\n", raw.lines().map(String::strip).toList());
        return normalized.isEmpty() ? Optional.empty() : Optional.of(normalized);
    }

    /** parser.GetIntAnnotation: strconv.Atoi, so "-1" is -1 and "60s" no value. */
    private static Optional<String> intAnnotation(Map<String, String> annotations, String key) {
        return Optional.ofNullable(annotations.get(key))
                .filter(v -> v.matches("[+-]?\\d{1,18}"))
                .map(v -> Long.toString(Long.parseLong(v)));
    }

    /** The ConfigMap's value as configmap.go ReadConfig decodes it, or the 60 s default. */
    private static String configMapSeconds(ControllerProfile profile, String key) {
        return Optional.ofNullable(profile.data().get(key))
                .flatMap(ControllerConfigMaps::weakInt)
                .orElse(ControllerProfile.NGINX_DEFAULT_TIMEOUT.toSeconds())
                .toString();
    }

    private static String indent(String text, String indent) {
        return indent + text.strip().replace("\n", "\n" + indent) + "\n";
    }
}
