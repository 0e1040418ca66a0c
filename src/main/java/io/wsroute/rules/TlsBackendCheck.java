package io.wsroute.rules;

import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * WS115: a WebSocket backend whose Service port says {@code appProtocol: kubernetes.io/wss} (it expects TLS), while
 * nginx connects to it in plain HTTP. Neither controller reads appProtocol: ingress-nginx needs backend-protocol
 * HTTPS (Ingress-wide), the F5 controller needs the Service in nginx.org/ssl-services.
 */
final class TlsBackendCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        List<Backend> wss =
                ingress.webSocketBackends().stream().filter(Backend::isTls).toList();
        if (wss.isEmpty()) {
            return Stream.empty();
        }
        // ingress-nginx turns TLS on Ingress-wide, the F5 controller per Service: whichever the serving one reads.
        Stream<Finding> protocol =
                ingress.reads(IngressNginxAnnotations.BACKEND_PROTOCOL) ? ingressNginx(ingress, wss) : Stream.empty();
        Stream<Finding> sslServices =
                ingress.reads(NginxIncAnnotations.SSL_SERVICES) ? nginxInc(ingress, wss) : Stream.empty();
        return Stream.concat(protocol, sslServices);
    }

    private static Stream<Finding> ingressNginx(ReviewedIngress ingress, List<Backend> wss) {
        String key = IngressNginxAnnotations.BACKEND_PROTOCOL;
        boolean https = ingress.annotation(key)
                .map(p -> p.strip().equalsIgnoreCase(IngressNginxAnnotations.HTTPS_BACKEND_PROTOCOL))
                .orElse(false);
        if (https) {
            return Stream.empty();
        }
        Set<String> plain = ingress.backends().stream()
                .filter(b -> !b.isTls())
                .map(Backend::path)
                .collect(Collectors.toCollection(TreeSet::new));
        String fix = "set %s: \"HTTPS\"".formatted(key)
                + (plain.isEmpty()
                        ? ""
                        : "; it applies to every path of the Ingress, so first move the plain-HTTP paths (%s) to another Ingress"
                                .formatted(String.join(", ", plain)));
        return Stream.of(ingress.finding(
                Rule.WS115,
                ReviewedIngress.annotationField(key),
                message(services(wss), "ingress-nginx connects in plain HTTP unless %s is HTTPS".formatted(key)),
                fix));
    }

    private static Stream<Finding> nginxInc(ReviewedIngress ingress, List<Backend> wss) {
        String key = NginxIncAnnotations.SSL_SERVICES;
        List<String> listed = ingress.annotation(key)
                .map(NginxIncAnnotations::parseServiceList)
                .orElse(List.of());
        Set<String> missing = services(wss);
        missing.removeAll(listed);
        if (missing.isEmpty()) {
            return Stream.empty();
        }
        Set<String> wanted = new TreeSet<>(missing);
        ingress.backends().stream()
                .map(Backend::serviceName)
                .filter(listed::contains)
                .forEach(wanted::add);
        return Stream.of(ingress.finding(
                Rule.WS115,
                ReviewedIngress.annotationField(key),
                message(missing, "the F5 controller connects in plain HTTP to Services not in " + key),
                "set %s: \"%s\"".formatted(key, String.join(",", wanted))));
    }

    private static Set<String> services(List<Backend> backends) {
        return backends.stream().map(Backend::serviceName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String message(Set<String> services, String why) {
        return "Service %s has appProtocol kubernetes.io/wss (TLS), but %s, so the backend's TLS handshake fails and no WebSocket opens"
                .formatted(String.join(", ", services), why);
    }
}
