package io.wsroute.rules;

import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.SnippetScanner;
import io.wsroute.nginx.SnippetScanner.Breakage;
import java.util.stream.Stream;

/**
 * WS117: a location snippet's {@code proxy_set_header Connection close} does not replace the controller's
 * {@code Connection: upgrade}: nginx sends both lines (seen on real nginx, IngressNginxOnRealNginxTest), and
 * backends that read the header as a list, as RFC 9110 says to, still upgrade. Backends that read a single line
 * can miss the upgrade, so it is a warning, not an error. The F5 controller's nginx.org/proxy-set-headers does the
 * same: it writes its lines into every location after the controller's own Connection line.
 */
final class SecondConnectionHeaderCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        return Stream.concat(snippet(ingress), proxySetHeaders(ingress));
    }

    private static Stream<Finding> proxySetHeaders(ReviewedIngress ingress) {
        String key = NginxIncAnnotations.PROXY_SET_HEADERS;
        if (!ingress.reads(key)) {
            return Stream.empty();
        }
        return ingress.annotation(key).stream()
                .flatMap(v -> NginxIncAnnotations.parseProxySetHeaders(v).stream())
                .filter(h -> SnippetScanner.proxySetHeader(h.name(), h.value())
                        .filter(b -> b == Breakage.CONNECTION_OVERRIDDEN)
                        .isPresent())
                .map(h -> ingress.finding(
                        Rule.WS117,
                        ReviewedIngress.annotationField(key),
                        ("%s sets %s: \"%s\", which the F5 controller writes as a second proxy_set_header line after its own "
                                        + "Connection $connection_upgrade; nginx sends both, and a backend that reads only one line "
                                        + "may not see an upgrade request")
                                .formatted(key, h.name(), h.value()),
                        "remove the %s entry from %s".formatted(h.name(), key)));
    }

    private static Stream<Finding> snippet(ReviewedIngress ingress) {
        return LocationSnippets.findings(
                ingress,
                Breakage.CONNECTION_OVERRIDDEN,
                Rule.WS117,
                "adds a second Connection header without \"upgrade\" next to the controller's Connection: upgrade; "
                        + "nginx sends both, and a backend that reads only one line may not see an upgrade request");
    }
}
