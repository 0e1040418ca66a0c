package io.wsroute.nginx.live;

import static io.wsroute.nginx.IngressNginxAnnotations.BACKEND_PROTOCOL;
import static io.wsroute.nginx.IngressNginxAnnotations.CONFIGURATION_SNIPPET;
import static io.wsroute.nginx.IngressNginxAnnotations.CONNECTION_PROXY_HEADER;
import static io.wsroute.nginx.IngressNginxAnnotations.FORCE_SSL_REDIRECT;
import static io.wsroute.nginx.IngressNginxAnnotations.HTTP_VERSIONS;
import static io.wsroute.nginx.IngressNginxAnnotations.PROXY_HTTP_VERSION;
import static io.wsroute.nginx.IngressNginxAnnotations.PROXY_READ_TIMEOUT;
import static io.wsroute.nginx.IngressNginxAnnotations.PROXY_SEND_TIMEOUT;
import static io.wsroute.nginx.IngressNginxAnnotations.SSL_REDIRECT;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.wsroute.nginx.AnnotationCatalog;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.GoBool;
import io.wsroute.nginx.IngressNginxAnnotationTable;
import io.wsroute.nginx.IngressNginxVerdict;
import io.wsroute.nginx.IngressNginxVerdict.Outcome;
import io.wsroute.nginx.IngressNginxVersion;
import io.wsroute.nginx.NginxTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Community ingress-nginx (research §1.1-§2.3): every location forwards Upgrade and Connection through the
 * {@code $connection_upgrade} map (nginx.tmpl 379-388, 1295-1301), timeouts come from the annotations when they are
 * integer seconds and from the ConfigMap otherwise (the proxy parser never fails, it falls back), the
 * configuration-snippet follows the template's own headers (1365), and the admission webhook denies snippets the
 * ConfigMap does not allow and connection-proxy-header values other than close/keep-alive.
 */
public final class IngressNginxTemplate implements ControllerTemplate {

    /** ingress-nginx's default upstream-keepalive-connections, which picks the '' branch of the map. */
    private static final int UPSTREAM_KEEPALIVE = 320;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public ControllerFlavor flavor() {
        return ControllerFlavor.INGRESS_NGINX;
    }

    @Override
    public Rendering render(List<Served> ingresses, Backends backends) {
        StringBuilder servers = new StringBuilder();
        Map<String, String> upstreams = new TreeMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Served served : ingresses) {
            Ingress ingress = served.ingress();
            ControllerProfile profile = served.profile();
            Optional<String> refusal = refusal(ingress, profile);
            if (refusal.isPresent()) {
                refused.put(ingress.getMetadata().getName(), refusal.get());
                continue;
            }
            for (IngressRule rule : ControllerTemplate.rules(ingress)) {
                servers.append(server(ingress, rule, profile, backends, upstreams));
            }
        }
        StringBuilder config = new StringBuilder("""
                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        '' '';
                    }
                """);
        upstreams.forEach((name, address) -> config.append("""
                    upstream %s {
                        server %s;
                        keepalive %d;
                    }
                """.formatted(name, address, UPSTREAM_KEEPALIVE)));
        config.append(ControllerTemplate.defaultServer()).append(servers);
        return new Rendering(config.toString(), refused);
    }

    /** Why the controller's webhook would deny the Ingress (and its sync loop skip it), if it would. */
    private static Optional<String> refusal(Ingress ingress, ControllerProfile profile) {
        Map<String, String> annotations = ControllerTemplate.annotations(ingress);
        for (String key : annotations.keySet()) {
            if (AnnotationCatalog.isSnippet(ControllerFlavor.INGRESS_NGINX, key) && !profile.snippetsAllowed()) {
                return Optional.of(key + " annotation cannot be used: snippet directives are disabled, or the "
                        + "annotation is riskier than annotations-risk-level");
            }
        }
        // annotations.go Extract: a validation error a parser returns leaves the Ingress out (the annotation table)
        for (String key : annotations.keySet()) {
            IngressNginxVerdict verdict = verdict(key, annotations, profile);
            if (verdict.outcome() == Outcome.INGRESS_DROPPED) {
                return Optional.of("annotation " + key + " contains invalid value " + annotations.get(key));
            }
        }
        return Optional.empty();
    }

    private static IngressNginxVerdict verdict(String key, Map<String, String> annotations, ControllerProfile profile) {
        return IngressNginxAnnotationTable.judge(key, annotations, IngressNginxVersion.LATEST, profile.riskLevel());
    }

    /** nginx.tmpl: a location whose annotations were denied answers 503 instead of proxying. */
    private static boolean denied(Map<String, String> annotations, ControllerProfile profile) {
        return annotations.keySet().stream()
                .anyMatch(key -> verdict(key, annotations, profile).outcome() == Outcome.LOCATION_DENIED);
    }

    private static String server(
            Ingress ingress,
            IngressRule rule,
            ControllerProfile profile,
            Backends backends,
            Map<String, String> upstreams) {
        Map<String, String> annotations = ControllerTemplate.annotations(ingress);
        boolean tls = ControllerTemplate.hasTls(ingress, rule.getHost());
        StringBuilder server = new StringBuilder("    server {\n        server_name " + rule.getHost() + ";\n")
                .append(ControllerTemplate.listen(tls));
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
            String service = path.getBackend().getService().getName();
            String upstream = "upstream-" + ingress.getMetadata().getNamespace() + "-" + service;
            upstreams.put(upstream, backends.address(ingress, service));
            server.append(location(path, annotations, tls, profile, upstream));
        }
        return server.append("    }\n").toString();
    }

    private static String location(
            HTTPIngressPath path,
            Map<String, String> annotations,
            boolean tls,
            ControllerProfile profile,
            String upstream) {
        String protocol = Optional.ofNullable(annotations.get(BACKEND_PROTOCOL))
                .map(p -> p.toUpperCase(Locale.ROOT))
                .filter(p -> List.of("HTTP", "HTTPS", "AUTO_HTTP", "GRPC", "GRPCS", "FCGI")
                        .contains(p))
                .orElse("HTTP");
        boolean grpc = protocol.startsWith("GRPC");
        // template.go proxySetHeader(): grpc_set_header for gRPC locations, proxy_set_header otherwise
        String setHeader = grpc ? "grpc_set_header" : "proxy_set_header";
        // connection/main.go: an empty value is "invalid content", ignored; a used value is trimmed
        String connection = Optional.ofNullable(annotations.get(CONNECTION_PROXY_HEADER))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .map(value -> "\"" + value + "\"")
                .orElse("$connection_upgrade");
        Duration read = timeout(annotations, PROXY_READ_TIMEOUT, profile.proxyReadTimeout());
        Duration send = timeout(annotations, PROXY_SEND_TIMEOUT, profile.proxySendTimeout());
        String httpVersion = Optional.ofNullable(annotations.get(PROXY_HTTP_VERSION))
                .filter(HTTP_VERSIONS::contains)
                .orElse(profile.proxyHttpVersion());
        // ssl-redirect defaults to true when the host has TLS; force-ssl-redirect redirects even without it.
        boolean redirect = tls && GoBool.parse(annotations.get(SSL_REDIRECT)).orElse(true)
                || GoBool.parse(annotations.get(FORCE_SSL_REDIRECT)).orElse(false);
        StringBuilder location = new StringBuilder("        location " + ControllerTemplate.location(path) + " {\n");
        if (denied(annotations, profile)) {
            return location.append("            return 503;\n        }\n").toString();
        }
        if (redirect) {
            location.append("            if ($scheme = http) { return 308 https://$host$request_uri; }\n");
        }
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
                            proxy_buffer_size 4k;
                            proxy_request_buffering on;
                            proxy_http_version %6$s;
                            proxy_next_upstream error timeout;
                """.formatted(
                        setHeader,
                        connection,
                        CONNECT_TIMEOUT.toSeconds() + "s",
                        ControllerTemplate.scaled(send),
                        ControllerTemplate.scaled(read),
                        httpVersion));
        if (grpc) {
            location.append("            grpc_read_timeout ")
                    .append(ControllerTemplate.scaled(read))
                    .append(";\n");
        }
        String snippet = annotations.get(CONFIGURATION_SNIPPET);
        if (snippet != null) {
            location.append("            ")
                    .append(snippet.strip().replace("\n", "\n            "))
                    .append('\n');
        }
        location.append(
                switch (protocol) {
                    case "GRPC" -> "            grpc_pass grpc://" + upstream + ";\n";
                    case "GRPCS" -> "            grpc_pass grpcs://" + upstream + ";\n";
                    case "FCGI" -> "            fastcgi_pass " + upstream + ";\n";
                    case "HTTPS" -> "            proxy_pass https://" + upstream + ";\n";
                    case "AUTO_HTTP" -> "            proxy_pass $scheme://" + upstream + ";\n";
                    default -> "            proxy_pass http://" + upstream + ";\n";
                });
        return location.append("        }\n").toString();
    }

    /** Integer seconds only (strconv.Atoi); anything else is the ConfigMap's value, with no error anywhere. */
    private static Duration timeout(Map<String, String> annotations, String key, Duration global) {
        return NginxTime.parseSeconds(annotations.get(key)).orElse(global);
    }
}
