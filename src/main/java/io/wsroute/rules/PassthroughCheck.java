package io.wsroute.rules;

import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.IngressNginxPassthrough;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * WS143 and WS144: ingress-nginx's ssl-passthrough (README "TLS passthrough"). With the controller's flag, TLS
 * connections bypass nginx: the Ingress's HTTP-level WebSocket settings do not reach them (WS143) and every TLS
 * connection to a host goes to the Service of its {@code /} path (WS144). Without the flag nothing passes through
 * (WS143). {@link #withoutBypassed} drops the findings about nginx settings that passthrough connections never meet.
 */
final class PassthroughCheck implements RuleCheck {

    /** Findings about nginx's HTTP layer: idle timeouts, upgrade headers, upstream protocol, reloads. */
    private static final Set<String> HTTP_LAYER_RULES = Set.of(
            Rule.WS101.id(),
            Rule.WS103.id(),
            Rule.WS105.id(),
            Rule.WS106.id(),
            Rule.WS107.id(),
            Rule.WS114.id(),
            Rule.WS115.id(),
            Rule.WS117.id());

    private static final String FIELD = ReviewedIngress.annotationField(IngressNginxAnnotations.SSL_PASSTHROUGH);

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        if (!ingress.passthroughRequested()) {
            return Stream.empty();
        }
        if (!ingress.settings().ingressNginxSslPassthrough()) {
            return Stream.of(ingress.finding(
                    Rule.WS143,
                    FIELD,
                    "ssl-passthrough \"true\" passes nothing through: the controller runs without "
                            + "--enable-ssl-passthrough (wsroute.controllers.ingress-nginx.ssl-passthrough=false), so nginx "
                            + "terminates TLS itself and only proxies to the backend over HTTPS",
                    "start ingress-nginx with --enable-ssl-passthrough, or remove %s"
                            .formatted(IngressNginxAnnotations.SSL_PASSTHROUGH)));
        }
        return Stream.concat(bypassed(ingress).stream(), wrongService(ingress).stream());
    }

    /** The findings that still hold for an Ingress whose TLS connections bypass nginx. */
    static List<Finding> withoutBypassed(ReviewedIngress ingress, List<Finding> findings) {
        if (!ingress.tlsPassthrough()) {
            return findings;
        }
        return findings.stream()
                .filter(f -> !HTTP_LAYER_RULES.contains(f.rule()))
                .toList();
    }

    private static Optional<Finding> bypassed(ReviewedIngress ingress) {
        List<String> keys = IngressNginxPassthrough.bypassed(ingress.annotations());
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ingress.finding(
                Rule.WS143,
                FIELD,
                "ssl-passthrough \"true\": the controller pipes TLS connections past nginx to the Service, so %s never "
                                .formatted(String.join(", ", keys))
                        + "apply to wss:// connections (the pipe has no idle timeout and survives reloads); they act "
                        + "only on plain-HTTP requests on port 80",
                "remove %s, or remove %s to have nginx terminate TLS and apply them"
                        .formatted(String.join(", ", keys), IngressNginxAnnotations.SSL_PASSTHROUGH)));
    }

    /** WebSocket backends on other paths than {@code /} of a host whose {@code /} path goes to another Service. */
    private static List<Finding> wrongService(ReviewedIngress ingress) {
        var spec = ingress.review().ingress().getSpec();
        List<IngressRule> rules = spec == null || spec.getRules() == null ? List.of() : spec.getRules();
        Optional<String> defaultService = ingress.backends().stream()
                .filter(b -> b.field().startsWith("spec.defaultBackend"))
                .map(Backend::serviceName)
                .findFirst();
        List<Finding> findings = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            String prefix = "spec.rules[" + r + "].";
            List<Backend> ofRule = ingress.backends().stream()
                    .filter(b -> b.field().startsWith(prefix))
                    .toList();
            // The host's / location: the rule's own / path, else the Ingress's default backend. Neither: another
            // Ingress of the same host may give it, which wsroute cannot see here.
            Optional<String> root = ofRule.stream()
                    .filter(b -> b.path().equals(IngressNginxPassthrough.ROOT_PATH))
                    .map(Backend::serviceName)
                    .findFirst()
                    .or(() -> defaultService);
            if (root.isEmpty()) {
                continue;
            }
            String host =
                    rules.get(r).getHost() == null ? "(any host)" : rules.get(r).getHost();
            ingress.webSocketBackends().stream()
                    .filter(b -> b.field().startsWith(prefix))
                    .filter(b -> !b.serviceName().equals(root.get()))
                    .findFirst()
                    .ifPresent(b -> findings.add(ingress.finding(
                            Rule.WS144,
                            b.field(),
                            ("ssl-passthrough \"true\": the controller sends every TLS connection to %s to Service %s "
                                            + "(its / path) without looking at the path, so wss:// handshakes for %s never "
                                            + "reach Service %s")
                                    .formatted(host, root.get(), b.path(), b.serviceName()),
                            "serve %s's WebSocket on a host of its own, or remove %s so nginx routes by path"
                                    .formatted(b.path(), IngressNginxAnnotations.SSL_PASSTHROUGH))));
        }
        return findings;
    }
}
