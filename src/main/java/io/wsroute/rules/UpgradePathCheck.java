package io.wsroute.rules;

import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.SnippetScanner;
import io.wsroute.nginx.SnippetScanner.Breakage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * WS105, WS106, WS107, WS115: settings that stop the upgrade itself: HTTP/1.0 upstream, Connection/Upgrade
 * overridden, a backend protocol with no tunnel, and a TLS (wss) backend spoken to in plain HTTP. Only location
 * snippets are scanned: server-level proxy_set_header is not inherited by the controllers' locations, which all
 * set their own.
 */
final class UpgradePathCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        return ingress.flavor() == ControllerFlavor.INGRESS_NGINX ? ingressNginx(ingress) : nginxInc(ingress);
    }

    private Stream<Finding> ingressNginx(ReviewedIngress ingress) {
        Stream.Builder<Finding> findings = Stream.builder();
        Optional<String> version = ingress.annotation(IngressNginxAnnotations.PROXY_HTTP_VERSION);
        if (version.map(v -> v.trim().equals("1.0")).orElse(false)) {
            findings.add(ingress.finding(Rule.WS105, ReviewedIngress.annotationField(IngressNginxAnnotations.PROXY_HTTP_VERSION),
                    "proxy-http-version \"1.0\" makes nginx speak HTTP/1.0 to the backend, which cannot carry the Upgrade",
                    "remove %s or set it to \"1.1\"".formatted(IngressNginxAnnotations.PROXY_HTTP_VERSION)));
        } else if (version.isEmpty() && ingress.profile().proxyHttpVersion().equals("1.0")) {
            findings.add(ingress.finding(Rule.WS105, ReviewedIngress.annotationField(IngressNginxAnnotations.PROXY_HTTP_VERSION),
                    "%s sets proxy-http-version \"1.0\", which cannot carry the Upgrade".formatted(ingress.profile().source()),
                    "set %s: \"1.1\" on this Ingress".formatted(IngressNginxAnnotations.PROXY_HTTP_VERSION)));
        }
        ingress.annotation(IngressNginxAnnotations.CONNECTION_PROXY_HEADER).ifPresent(value -> findings.add(
                ingress.finding(Rule.WS106, ReviewedIngress.annotationField(IngressNginxAnnotations.CONNECTION_PROXY_HEADER),
                        "connection-proxy-header \"%s\" replaces the Connection: upgrade header on every request of the location, so the backend never upgrades"
                                .formatted(value),
                        "remove %s; ingress-nginx forwards Upgrade and Connection by default"
                                .formatted(IngressNginxAnnotations.CONNECTION_PROXY_HEADER))));
        snippetFindings(ingress, IngressNginxAnnotations.CONFIGURATION_SNIPPET).forEach(findings);
        ingress.annotation(IngressNginxAnnotations.BACKEND_PROTOCOL).map(p -> p.trim().toUpperCase(Locale.ROOT))
                .filter(IngressNginxAnnotations.NON_WEBSOCKET_BACKEND_PROTOCOLS::contains)
                .ifPresent(protocol -> findings.add(ingress.finding(Rule.WS107,
                        ReviewedIngress.annotationField(IngressNginxAnnotations.BACKEND_PROTOCOL),
                        "backend-protocol %s proxies with %s, which has no WebSocket tunnel".formatted(protocol,
                                protocol.startsWith("GRPC") ? "grpc_pass" : protocol.equals("FCGI") ? "fastcgi_pass" : "AJP"),
                        "serve the WebSocket paths from an Ingress with backend-protocol HTTP or HTTPS")));
        boolean httpsBackend = ingress.annotation(IngressNginxAnnotations.BACKEND_PROTOCOL)
                .map(p -> p.trim().equalsIgnoreCase("HTTPS")).orElse(false);
        if (!httpsBackend) {
            ingress.webSocketBackends().stream().filter(Backend::isTls).findFirst()
                    .ifPresent(b -> findings.add(plainToTls(ingress, b,
                            "set %s: \"HTTPS\"".formatted(IngressNginxAnnotations.BACKEND_PROTOCOL))));
        }
        return findings.build();
    }

    private Stream<Finding> nginxInc(ReviewedIngress ingress) {
        Stream.Builder<Finding> findings = Stream.builder();
        snippetFindings(ingress, NginxIncAnnotations.LOCATION_SNIPPETS).forEach(findings);
        Set<String> grpc = serviceList(ingress, NginxIncAnnotations.GRPC_SERVICES);
        ingress.webSocketBackends().stream().map(Backend::serviceName).distinct().filter(grpc::contains)
                .forEach(service -> findings.add(ingress.finding(Rule.WS107,
                        ReviewedIngress.annotationField(NginxIncAnnotations.GRPC_SERVICES),
                        "Service %s is listed in %s, so it is proxied with grpc_pass, which has no WebSocket tunnel"
                                .formatted(service, NginxIncAnnotations.GRPC_SERVICES),
                        "remove %s from %s".formatted(service, NginxIncAnnotations.GRPC_SERVICES))));
        Set<String> ssl = serviceList(ingress, NginxIncAnnotations.SSL_SERVICES);
        ingress.webSocketBackends().stream().filter(Backend::isTls).filter(b -> !ssl.contains(b.serviceName()))
                .findFirst().ifPresent(b -> findings.add(plainToTls(ingress, b,
                        "add %s to %s".formatted(b.serviceName(), NginxIncAnnotations.SSL_SERVICES))));
        return findings.build();
    }

    private Stream<Finding> snippetFindings(ReviewedIngress ingress, String key) {
        List<SnippetScanner.Hit> hits = ingress.annotation(key).map(SnippetScanner::scan).orElse(List.of());
        String field = ReviewedIngress.annotationField(key);
        return hits.stream().map(hit -> hit.breakage() == Breakage.HTTP_VERSION_BELOW_1_1
                ? ingress.finding(Rule.WS105, field,
                        "snippet directive `%s` makes nginx speak HTTP/1.0 to the backend, which cannot carry the Upgrade"
                                .formatted(hit.directive()),
                        "remove `%s` from %s".formatted(hit.directive(), key))
                : ingress.finding(Rule.WS106, field,
                        "snippet directive `%s` %s, so the backend never sees an upgrade request".formatted(hit.directive(),
                                hit.breakage() == Breakage.UPGRADE_CLEARED ? "clears the Upgrade header"
                                        : "replaces Connection: upgrade"),
                        "remove `%s` from %s".formatted(hit.directive(), key)));
    }

    private static Finding plainToTls(ReviewedIngress ingress, Backend backend, String fix) {
        return ingress.finding(Rule.WS115, backend.field() + ".port",
                "Service %s port has appProtocol kubernetes.io/wss, but nginx connects to it in plain HTTP, so the TLS handshake with the backend fails"
                        .formatted(backend.serviceName()), fix);
    }

    /** The F5 controller splits service lists on commas without trimming; names are compared as it does. */
    static Set<String> serviceList(ReviewedIngress ingress, String key) {
        return ingress.annotation(key).map(v -> Arrays.stream(v.split(",")).collect(Collectors.toSet()))
                .orElse(Set.of());
    }
}
