package io.wsroute.rules;

import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.SnippetScanner.Breakage;
import java.util.stream.Stream;

/**
 * WS106: the Connection or Upgrade header overridden so the upgrade request never reaches the backend as one.
 * ingress-nginx's connection-proxy-header accepts only "close" and "keep-alive", so it can only break WebSocket
 * (other values are WS118's: the controller drops the Ingress); a snippet's more_clear_input_headers Upgrade empties
 * the header the controller forwards. A snippet's second Connection header is only WS117
 * ({@link SecondConnectionHeaderCheck}).
 */
final class UpgradeHeaderCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        Stream<Finding> snippets = LocationSnippets.findings(
                ingress,
                Breakage.UPGRADE_CLEARED,
                Rule.WS106,
                "clears the Upgrade header, so the backend does not see an upgrade request");
        return Stream.concat(connectionProxyHeader(ingress), snippets);
    }

    /**
     * Only a value ingress-nginx uses as written (close or keep-alive, trimmed) replaces Connection: upgrade. Any
     * other value drops the Ingress or is refused by nginx (WS118), and an empty one is ignored, so the upgrade
     * still passes.
     */
    private static Stream<Finding> connectionProxyHeader(ReviewedIngress ingress) {
        String key = IngressNginxAnnotations.CONNECTION_PROXY_HEADER;
        if (!ingress.reads(key)) {
            return Stream.empty();
        }
        return ingress.annotation(key).filter(v -> ingress.ingressNginxAccepts(key)).stream()
                .map(value -> ingress.finding(
                        Rule.WS106,
                        ReviewedIngress.annotationField(key),
                        "connection-proxy-header \"%s\" replaces Connection: upgrade on every request of the location, so the backend never upgrades"
                                .formatted(value.strip()),
                        "remove %s; ingress-nginx forwards Upgrade and Connection by default".formatted(key)));
    }
}
