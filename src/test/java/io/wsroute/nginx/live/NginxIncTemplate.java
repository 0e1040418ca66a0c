package io.wsroute.nginx.live;

import static io.wsroute.nginx.NginxIncAnnotations.GRPC_SERVICES;
import static io.wsroute.nginx.NginxIncAnnotations.HTTP_REDIRECT_CODE;
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
import io.wsroute.nginx.ConfigMapRedirects;
import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.GoBool;
import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.NginxIncInput;
import io.wsroute.nginx.NginxIncProblem;
import io.wsroute.nginx.NginxIncValidation;
import io.wsroute.nginx.NginxTime;
import io.wsroute.rules.WebSocketRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * F5 NGINX Ingress Controller, v5.5.4. Each emitted directive cites where the controller writes it: {@code tmpl N}
 * is a line of internal/configs/version1/nginx.ingress.tmpl, {@code main N} of version1/nginx.tmpl. Values: an
 * annotation, parsed by internal/configs/annotations.go parseAnnotations (timeouts through parsing_helpers.go
 * ParseTime, which drops the spaces of "1h 30m"), replaces the ConfigMap's value, which configmaps.go
 * ParseConfigMap copies unparsed (so a ConfigMap "1h 30m" reaches nginx as two arguments); snippet annotations
 * replace the ConfigMap's snippets rather than add to them. Validation (internal/k8s/validation.go) rejects the
 * whole Ingress for any annotation the F5 annotation table in io.wsroute.nginx refuses (an invalid time, a service
 * list naming a Service the Ingress does not use, a snippet without -enable-snippets, a Plus-only annotation on NGINX
 * OSS...); a rejected Ingress is removed from nginx.conf. Left out: NGINX Plus, policies, auth, health
 * checks, and headers no WebSocket depends on.
 */
public final class NginxIncTemplate implements ControllerTemplate {

    private static final List<String> SERVICE_LISTS = List.of(WEBSOCKET_SERVICES, SSL_SERVICES, GRPC_SERVICES);

    @Override
    public ControllerFlavor flavor() {
        return ControllerFlavor.NGINX_INC;
    }

    /**
     * internal/configs/version1/nginx.tmpl (and nginx-plus.tmpl) lines 7-8: worker_shutdown_timeout only when the
     * ConfigMap sets it (configmaps.go ParseConfigMap MainWorkerShutdownTimeout, copied as it stands).
     */
    @Override
    public String mainContext(ControllerProfile profile) {
        return Optional.ofNullable(profile.data().get(ControllerConfigMaps.WORKER_SHUTDOWN_TIMEOUT))
                .map(value -> "worker_shutdown_timeout " + ControllerTemplate.timeout(value) + ";\n")
                .orElse("");
    }

    @Override
    public Rendering render(List<Served> ingresses, Backends backends) {
        StringBuilder servers = new StringBuilder();
        Map<String, String> upstreams = new TreeMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        // one http block for all: each distinct ConfigMap http snippet once
        java.util.Set<String> httpSnippets = new java.util.LinkedHashSet<>();
        for (Served served : ingresses) {
            Ingress ingress = served.ingress();
            ControllerProfile profile = served.profile();
            if (!profile.snippets().http().isEmpty()) {
                httpSnippets.add(profile.snippets().http());
            }
            Optional<String> refusal = refusal(ingress, profile);
            if (refusal.isPresent()) {
                refused.put(ingress.getMetadata().getName(), refusal.get());
                continue;
            }
            for (IngressRule rule : ControllerTemplate.rules(ingress)) {
                servers.append(server(ingress, rule, profile, backends, upstreams));
            }
        }
        // main 97-100
        StringBuilder config = new StringBuilder("""
                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        '' close;
                    }
                """);
        // main 40-41: the ConfigMap's http-snippets
        httpSnippets.forEach(snippet -> config.append(indent(snippet, "    ")));
        // tmpl 10-13 (max_fails/fail_timeout of config_params.go NewDefaultConfigParams)
        upstreams.forEach((name, address) -> config.append("""
                    upstream %s {
                        server %s max_fails=1 fail_timeout=10s;
                    }
                """.formatted(name, address)));
        config.append(ControllerTemplate.defaultServer()).append(servers);
        return new Rendering(config.toString(), refused);
    }

    /**
     * The controller's validation (internal/k8s/validation.go validateIngressAnnotations, as wsroute's F5 annotation
     * table models it): a Warning "Rejected" event, and none of the Ingress's paths served.
     */
    private static Optional<String> refusal(Ingress ingress, ControllerProfile profile) {
        NginxIncInput input = NginxIncInput.of(
                ControllerTemplate.annotations(ingress),
                Set.copyOf(WebSocketRules.backendServiceNames(ingress)),
                profile.nginxInc());
        return NginxIncValidation.rejections(input).stream()
                .map(NginxIncProblem::message)
                .findFirst();
    }

    private static String server(
            Ingress ingress,
            IngressRule rule,
            ControllerProfile profile,
            Backends backends,
            Map<String, String> upstreams) {
        Map<String, String> annotations = ControllerTemplate.annotations(ingress);
        boolean tls = ControllerTemplate.hasTls(ingress, rule.getHost());
        // tmpl 44-60: port 80 always, 443 ssl only for hosts with TLS
        StringBuilder server = new StringBuilder("    server {\n        server_name " + rule.getHost() + ";\n")
                .append(ControllerTemplate.listen(tls));
        // annotations.go parseAnnotations: each annotation Go can parse replaces the ConfigMap's value
        int code = Optional.ofNullable(annotations.get(HTTP_REDIRECT_CODE))
                .flatMap(ConfigMapRedirects::parseCode)
                .orElse(profile.redirects().code());
        boolean sslRedirect = GoBool.parse(
                        annotations.containsKey(SSL_REDIRECT)
                                ? annotations.get(SSL_REDIRECT)
                                : annotations.get(NginxIncAnnotations.LEGACY_SSL_REDIRECT))
                .orElse(profile.redirects().sslRedirect());
        boolean redirectToHttps = GoBool.parse(annotations.get(REDIRECT_TO_HTTPS))
                .orElse(profile.redirects().forceRedirect());
        if (tls && sslRedirect) {
            // tmpl 164-185 (without the health-status exception)
            server.append(
                    "        if ($scheme = http) { return %d https://$host:$TLS_PORT$request_uri; }\n".formatted(code));
        }
        if (redirectToHttps) {
            // tmpl 187-191: only what a load balancer in front marks as plain HTTP
            server.append("        if ($http_x_forwarded_proto = 'http') { return %d https://$host$request_uri; }\n"
                    .formatted(code));
        }
        // tmpl 206-207: the annotation's server-snippets, else the ConfigMap's
        String serverSnippets = Optional.ofNullable(annotations.get(SERVER_SNIPPETS))
                .orElse(profile.snippets().server());
        if (!serverSnippets.isEmpty()) {
            server.append(indent(serverSnippets, "        "));
        }
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
            String service = path.getBackend().getService().getName();
            String upstream = ingress.getMetadata().getNamespace() + "-"
                    + ingress.getMetadata().getName() + "-" + rule.getHost() + "-" + service;
            upstreams.put(upstream, backends.address(ingress, service));
            server.append(location(path, service, annotations, profile, redirectToHttps, upstream));
        }
        return server.append("    }\n").toString();
    }

    private static String location(
            HTTPIngressPath path,
            String service,
            Map<String, String> annotations,
            ControllerProfile profile,
            boolean redirectToHttps,
            String upstream) {
        boolean websocket = listed(annotations, WEBSOCKET_SERVICES, service);
        // ingress.go: grpc-services is ignored unless the ConfigMap sets http2
        boolean grpc = listed(annotations, GRPC_SERVICES, service)
                && GoBool.isTrue(profile.data().get("http2"));
        // tmpl 236-237
        StringBuilder location = new StringBuilder("        location " + ControllerTemplate.location(path) + " {\n")
                .append("            set $service \"")
                .append(service)
                .append("\";\n");
        if (!grpc) {
            // tmpl 352-356
            location.append("            proxy_http_version 1.1;\n");
            if (websocket) {
                location.append("            proxy_set_header Upgrade $http_upgrade;\n")
                        .append("            proxy_set_header Connection $connection_upgrade;\n");
            }
        }
        // tmpl 315-316 / 361-362: the annotation's location-snippets, else the ConfigMap's
        String snippets = Optional.ofNullable(annotations.get(LOCATION_SNIPPETS))
                .orElse(profile.snippets().location());
        if (!snippets.isEmpty()) {
            location.append(indent(snippets, "            "));
        }
        String prefix = grpc ? "grpc" : "proxy";
        // tmpl 324-326 / 368-370, then 371, 384-390
        location.append("""
                            %1$s_connect_timeout %2$s;
                            %1$s_read_timeout %3$s;
                            %1$s_send_timeout %4$s;
                            client_max_body_size 1m;
                            %1$s_set_header Host $host;
                            %1$s_set_header X-Real-IP $remote_addr;
                            %1$s_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            %1$s_set_header X-Forwarded-Proto %5$s;
                """.formatted(
                        prefix,
                        // connecting is not scaled: a TLS backend's handshake takes real time
                        time(annotations, profile, PROXY_CONNECT_TIMEOUT),
                        ControllerTemplate.timeout(time(annotations, profile, PROXY_READ_TIMEOUT)),
                        ControllerTemplate.timeout(time(annotations, profile, PROXY_SEND_TIMEOUT)),
                        redirectToHttps ? "https" : "$scheme"));
        if (grpc) {
            // tmpl 346-350
            return location.append("            grpc_pass grpc://")
                    .append(upstream)
                    .append(";\n        }\n")
                    .toString();
        }
        // tmpl 390 (proxy_buffering on by default), then proxy_pass (ingress.go: https:// for ssl-services)
        String scheme = listed(annotations, SSL_SERVICES, service) ? "https://" : "http://";
        return location.append("            proxy_buffering on;\n            proxy_pass ")
                .append(scheme)
                .append(upstream)
                .append(";\n        }\n")
                .toString();
    }

    private static boolean listed(Map<String, String> annotations, String key, String service) {
        String value = annotations.get(key);
        return value != null && parseServiceList(value).contains(service);
    }

    /**
     * A timeout as the template writes it: the annotation after ParseTime (spaces dropped, a bare number given an
     * "s"), else the ConfigMap's value as it stands, else config_params.go's "60s".
     */
    private static String time(Map<String, String> annotations, ControllerProfile profile, String annotation) {
        String configMapKey = annotation.substring(NginxIncAnnotations.PREFIX.length());
        return Optional.ofNullable(annotations.get(annotation))
                .filter(v -> NginxTime.parse(v).isPresent())
                .map(NginxIncTemplate::parseTime)
                .or(() -> Optional.ofNullable(profile.data().get(configMapKey)))
                .orElse("60s");
    }

    /** parsing_helpers.go ParseTime: the matched units joined without spaces, seconds given their "s". */
    static String parseTime(String value) {
        String joined = value.strip().replaceAll("\\s+", "");
        return joined.matches(".*\\d") && !joined.matches(".*\\d+ms\\d+") ? joined + "s" : joined;
    }

    private static String indent(String text, String indent) {
        return indent + text.strip().replace("\n", "\n" + indent) + "\n";
    }
}
