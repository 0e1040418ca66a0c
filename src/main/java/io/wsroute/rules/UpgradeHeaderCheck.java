package io.wsroute.rules;

import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.SnippetScanner.Breakage;
import java.util.Set;
import java.util.stream.Stream;

/**
 * WS106: the Connection or Upgrade header overridden so the upgrade request never reaches the backend as one.
 * ingress-nginx's connection-proxy-header accepts only "close" and "keep-alive", so it can only break WebSocket
 * (any other value makes the controller refuse the Ingress); a snippet's more_clear_input_headers Upgrade empties
 * the header the controller forwards. A snippet's second Connection header is only WS117
 * ({@link SecondConnectionHeaderCheck}).
 */
final class UpgradeHeaderCheck implements RuleCheck {

    private static final Set<String> ACCEPTED_CONNECTION_VALUES = Set.of("close", "keep-alive");

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        Stream<Finding> snippets = LocationSnippets.findings(
                ingress,
                Breakage.UPGRADE_CLEARED,
                Rule.WS106,
                "clears the Upgrade header, so the backend does not see an upgrade request");
        return Stream.concat(connectionProxyHeader(ingress), snippets);
    }

    private static Stream<Finding> connectionProxyHeader(ReviewedIngress ingress) {
        String key = IngressNginxAnnotations.CONNECTION_PROXY_HEADER;
        if (!ingress.reads(key)) {
            return Stream.empty();
        }
        return ingress.annotation(key).stream()
                .map(value -> ingress.finding(
                        Rule.WS106,
                        ReviewedIngress.annotationField(key),
                        ACCEPTED_CONNECTION_VALUES.contains(value.strip())
                                ? "connection-proxy-header \"%s\" replaces Connection: upgrade on every request of the location, so the backend never upgrades"
                                        .formatted(value.strip())
                                : "connection-proxy-header \"%s\" is not close or keep-alive, so ingress-nginx refuses the whole Ingress (and either accepted value would replace Connection: upgrade)"
                                        .formatted(value),
                        "remove %s; ingress-nginx forwards Upgrade and Connection by default".formatted(key)));
    }
}
