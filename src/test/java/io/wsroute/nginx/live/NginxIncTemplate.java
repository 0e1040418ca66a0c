package io.wsroute.nginx.live;

import static io.wsroute.nginx.NginxIncAnnotations.GRPC_SERVICES;
import static io.wsroute.nginx.NginxIncAnnotations.LOCATION_SNIPPETS;
import static io.wsroute.nginx.NginxIncAnnotations.PROXY_CONNECT_TIMEOUT;
import static io.wsroute.nginx.NginxIncAnnotations.PROXY_READ_TIMEOUT;
import static io.wsroute.nginx.NginxIncAnnotations.PROXY_SEND_TIMEOUT;
import static io.wsroute.nginx.NginxIncAnnotations.REDIRECT_TO_HTTPS;
import static io.wsroute.nginx.NginxIncAnnotations.SERVER_SNIPPETS;
import static io.wsroute.nginx.NginxIncAnnotations.SSL_REDIRECT;
import static io.wsroute.nginx.NginxIncAnnotations.SSL_SERVICES;
import static io.wsroute.nginx.NginxIncAnnotations.WEBSOCKET_SERVICES;
import static io.wsroute.nginx.NginxIncAnnotations.parseServiceList;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.GoBool;
import io.wsroute.nginx.NginxTime;
import io.wsroute.rules.WebSocketRules;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * F5 NGINX Ingress Controller (research §4.1-§4.4): {@code proxy_http_version 1.1} always, Upgrade and Connection
 * only in locations whose Service is listed in {@code nginx.org/websocket-services} (nginx.ingress.tmpl 345-356),
 * location snippets right after that block, timeouts as nginx time. Its validation (internal/k8s/validation.go)
 * rejects the whole Ingress for an invalid time, a service list naming a Service the Ingress does not use, or a
 * snippet without -enable-snippets; a rejected Ingress is removed from nginx.conf.
 */
public final class NginxIncTemplate implements ControllerTemplate {

    private static final List<String> SERVICE_LISTS = List.of(WEBSOCKET_SERVICES, SSL_SERVICES, GRPC_SERVICES);

    @Override
    public ControllerFlavor flavor() {
        return ControllerFlavor.NGINX_INC;
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
        // version1/nginx.tmpl 97-100
        StringBuilder config = new StringBuilder("""
                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        '' close;
                    }
                """);
        upstreams.forEach((name, address) -> config.append("""
                    upstream %s {
                        server %s max_fails=1 fail_timeout=10s;
                    }
                """.formatted(name, address)));
        config.append(ControllerTemplate.defaultServer()).append(servers);
        return new Rendering(config.toString(), refused);
    }

    /** The controller's validation: a Warning "Rejected" event, and none of the Ingress's paths served. */
    private static Optional<String> refusal(Ingress ingress, ControllerProfile profile) {
        Map<String, String> annotations = ControllerTemplate.annotations(ingress);
        for (String key : List.of(PROXY_READ_TIMEOUT, PROXY_SEND_TIMEOUT, PROXY_CONNECT_TIMEOUT)) {
            String value = annotations.get(key);
            if (value != null && NginxTime.parse(value).isEmpty()) {
                return Optional.of("annotation " + key + ": must be a time, not " + value);
            }
        }
        List<String> backendsOfIngress = WebSocketRules.backendServiceNames(ingress);
        for (String key : SERVICE_LISTS) {
            String value = annotations.get(key);
            if (value != null) {
                List<String> missing = parseServiceList(value).stream()
                        .filter(name -> !backendsOfIngress.contains(name))
                        .toList();
                if (!missing.isEmpty()) {
                    return Optional.of("annotation " + key + ": the following services were not found: " + missing);
                }
            }
        }
        for (String key : List.of(LOCATION_SNIPPETS, SERVER_SNIPPETS)) {
            if (annotations.containsKey(key) && !profile.snippetsAllowed()) {
                return Optional.of("annotation " + key + ": snippet specified but snippets feature is not enabled");
            }
        }
        return Optional.empty();
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
        // ssl-redirect (default true) applies to hosts with TLS; redirect-to-https to every host
        boolean redirect = tls && GoBool.parse(annotations.get(SSL_REDIRECT)).orElse(true)
                || GoBool.parse(annotations.get(REDIRECT_TO_HTTPS)).orElse(false);
        if (redirect) {
            server.append("        if ($scheme = http) { return 301 https://$host$request_uri; }\n");
        }
        String serverSnippets = annotations.get(SERVER_SNIPPETS);
        if (serverSnippets != null) {
            server.append("        ")
                    .append(serverSnippets.strip().replace("\n", "\n        "))
                    .append('\n');
        }
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
            String service = path.getBackend().getService().getName();
            String upstream = ingress.getMetadata().getNamespace() + "-"
                    + ingress.getMetadata().getName() + "-" + rule.getHost() + "-" + service;
            upstreams.put(upstream, backends.address(ingress, service));
            server.append(location(path, service, annotations, profile, upstream));
        }
        return server.append("    }\n").toString();
    }

    private static String location(
            HTTPIngressPath path,
            String service,
            Map<String, String> annotations,
            ControllerProfile profile,
            String upstream) {
        boolean websocket = listed(annotations, WEBSOCKET_SERVICES, service);
        StringBuilder location = new StringBuilder("        location " + ControllerTemplate.location(path) + " {\n")
                .append("            set $service \"")
                .append(service)
                .append("\";\n")
                .append("            proxy_http_version 1.1;\n");
        if (websocket) {
            location.append("            proxy_set_header Upgrade $http_upgrade;\n")
                    .append("            proxy_set_header Connection $connection_upgrade;\n");
        }
        String snippets = annotations.get(LOCATION_SNIPPETS);
        if (snippets != null) {
            location.append("            ")
                    .append(snippets.strip().replace("\n", "\n            "))
                    .append('\n');
        }
        Duration connect = time(annotations, PROXY_CONNECT_TIMEOUT, Duration.ofSeconds(60));
        location.append("""
                            proxy_connect_timeout %s;
                            proxy_read_timeout %s;
                            proxy_send_timeout %s;
                            client_max_body_size 1m;
                            proxy_set_header Host $host;
                            proxy_set_header X-Real-IP $remote_addr;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_buffering on;
                """.formatted(
                        connect.toSeconds() + "s",
                        ControllerTemplate.scaled(time(annotations, PROXY_READ_TIMEOUT, profile.proxyReadTimeout())),
                        ControllerTemplate.scaled(time(annotations, PROXY_SEND_TIMEOUT, profile.proxySendTimeout()))));
        String scheme = listed(annotations, GRPC_SERVICES, service)
                ? "grpc_pass grpc://"
                : listed(annotations, SSL_SERVICES, service) ? "proxy_pass https://" : "proxy_pass http://";
        return location.append("            ")
                .append(scheme)
                .append(upstream)
                .append(";\n        }\n")
                .toString();
    }

    private static boolean listed(Map<String, String> annotations, String key, String service) {
        String value = annotations.get(key);
        return value != null && parseServiceList(value).contains(service);
    }

    private static Duration time(Map<String, String> annotations, String key, Duration global) {
        return Optional.ofNullable(annotations.get(key))
                .flatMap(NginxTime::parse)
                .orElse(global);
    }
}
