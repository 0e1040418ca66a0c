package io.wsroute.rules;

import io.wsroute.nginx.ControllerConfigMaps;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * WS114: after every nginx reload, old workers keep their upgraded connections only for worker-shutdown-timeout,
 * then close them. On ingress-nginx any Ingress change of the class reloads; the F5 controller with NGINX OSS also
 * reloads on every endpoint change. Unset (the F5 default), old workers wait for their sockets to close.
 */
final class ReloadCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        Duration grace = ingress.settings().minReloadGrace();
        return ingress.profile().workerShutdownTimeout().filter(t -> t.compareTo(grace) < 0).stream()
                .map(t -> ingress.finding(
                        Rule.WS114,
                        ConfigMapProblemsCheck.configMapField(ingress, ControllerConfigMaps.WORKER_SHUTDOWN_TIMEOUT),
                        "worker-shutdown-timeout is %d s: after every nginx reload, open WebSockets are closed that soon"
                                .formatted(t.getSeconds()),
                        "raise worker-shutdown-timeout to at least %ds, and make clients reconnect with backoff"
                                .formatted(grace.getSeconds())));
    }
}
