package io.wsroute.rules;

import io.wsroute.nginx.ControllerConfigMaps;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * WS114, WS116: what the controller's own configuration does to every WebSocket it serves: a short
 * worker-shutdown-timeout closes sockets that soon after each reload, and values the controller does not accept.
 */
final class ControllerCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        String source = ingress.profile().source();
        Duration grace = ingress.settings().minReloadGrace();
        Stream<Finding> reload = ingress.profile().workerShutdownTimeout().filter(t -> t.compareTo(grace) < 0)
                .map(t -> ingress.finding(Rule.WS114, source + " data[\"" + ControllerConfigMaps.WORKER_SHUTDOWN_TIMEOUT + "\"]",
                        "worker-shutdown-timeout is %ds: after every nginx reload (any Ingress change of the class), open WebSockets are closed that soon"
                                .formatted(t.getSeconds()),
                        "raise worker-shutdown-timeout to at least %ds and make clients reconnect".formatted(grace.getSeconds())))
                .stream();
        Stream<Finding> problems = ingress.profile().problems().stream().map(problem -> ingress.finding(Rule.WS116,
                source + " data[\"" + problem.substring(0, problem.indexOf(':')) + "\"]", problem,
                "correct the value in " + source));
        return Stream.concat(reload, problems);
    }
}
