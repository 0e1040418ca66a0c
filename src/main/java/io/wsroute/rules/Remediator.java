package io.wsroute.rules;

import io.wsroute.nginx.AnnotationCatalog;
import io.wsroute.nginx.GeneratedValues;
import io.wsroute.nginx.NginxTime;
import io.wsroute.nginx.UpgradeNeeds;
import java.time.Duration;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Works out the annotations that make a WebSocket Ingress work on its controller. Only keys the Ingress does not
 * carry are added, so a user's value always wins (a wrong one stays a finding) and a second run adds nothing.
 *
 * <p>No snippet is ever added: every fix has a first-class annotation (timeouts, proxy-http-version,
 * backend-protocol, nginx.org/websocket-services, nginx.org/ssl-services), and snippets are refused by default by
 * both controllers and are how ingress controllers get owned.
 */
final class Remediator {

    private Remediator() {}

    static Remediation remediate(ReviewedIngress ingress) {
        if (ingress.tlsPassthrough()) {
            // nginx never sees the TLS connections, so no nginx setting helps them (README "TLS passthrough").
            return Remediation.NONE;
        }
        Map<String, String> add = new TreeMap<>();
        addTimeouts(ingress, add);
        add.putAll(ingress.plane().upgradeAnnotations(needs(ingress)));
        add.keySet().removeAll(ingress.annotations().keySet());
        add.forEach((key, value) -> {
            // A generator bug must not write something nginx would parse as more than a value: admission fails open
            // (admits unchanged) on this exception rather than patch it in.
            if (!GeneratedValues.isAllowed(value)) {
                throw new IllegalStateException("generated value for %s is outside the allowed grammar".formatted(key));
            }
        });
        return Remediation.of(add);
    }

    /** Read and send timeouts at the minimum, where the controller's own value (ConfigMap or default) is lower. */
    private static void addTimeouts(ReviewedIngress ingress, Map<String, String> add) {
        Duration minimum = ingress.settings().minIdleTimeout();
        String value = NginxTime.formatTimeout(ingress.flavor(), minimum);
        if (ingress.profile().proxyReadTimeout().compareTo(minimum) < 0) {
            add.put(AnnotationCatalog.proxyReadTimeout(ingress.flavor()), value);
        }
        if (ingress.profile().proxySendTimeout().compareTo(minimum) < 0) {
            add.put(AnnotationCatalog.proxySendTimeout(ingress.flavor()), value);
        }
    }

    /** What the serving controller needs beyond timeouts (its plane says which annotations). */
    private static UpgradeNeeds needs(ReviewedIngress ingress) {
        // backend-protocol applies to every path of the Ingress: only safe when every backend speaks TLS.
        boolean everyBackendTls =
                !ingress.backends().isEmpty() && ingress.backends().stream().allMatch(Backend::isTls);
        // A mergeable master has no paths, so it has no services: the lists go on the minions.
        // Service names are checked (GeneratedValues): the mutating webhook sees them before the API server does.
        SortedSet<String> services = ingress.detection().services().stream()
                .filter(GeneratedValues::isServiceName)
                .collect(Collectors.toCollection(TreeSet::new));
        SortedSet<String> tls = ingress.webSocketBackends().stream()
                .filter(Backend::isTls)
                .map(Backend::serviceName)
                .filter(GeneratedValues::isServiceName)
                .collect(Collectors.toCollection(TreeSet::new));
        return new UpgradeNeeds(ingress.profile().proxyHttpVersion(), everyBackendTls, services, tls);
    }
}
