package io.wsroute.rules;

import io.wsroute.nginx.SnippetScanner.Breakage;
import java.util.stream.Stream;

/**
 * WS117: a location snippet's {@code proxy_set_header Connection close} does not replace the controller's
 * {@code Connection: upgrade}: nginx sends both lines (seen on real nginx, IngressNginxOnRealNginxTest), and
 * backends that read the header as a list, as RFC 9110 says to, still upgrade. Backends that read a single line
 * can miss the upgrade, so it is a warning, not an error.
 */
final class SecondConnectionHeaderCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        return LocationSnippets.findings(
                ingress,
                Breakage.CONNECTION_OVERRIDDEN,
                Rule.WS117,
                "adds a second Connection header without \"upgrade\" next to the controller's Connection: upgrade; "
                        + "nginx sends both, and a backend that reads only one line may not see an upgrade request");
    }
}
