package io.wsroute.rules;

import io.wsroute.nginx.AnnotationCatalog;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.NginxTime;
import io.wsroute.nginx.TimeoutSyntax;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * WS101, WS102, WS103: timeout values the controller would not use, and effective timeouts below the minimum.
 * Effective value = the annotation, else the controller ConfigMap, else the controller default (60 s).
 *
 * <p>proxy-read-timeout is the idle timer of an upgraded connection (re-armed by traffic either way).
 * proxy-send-timeout only runs while a write to the backend is blocked, so it cuts sockets only when the backend
 * stops reading; both controllers' WebSocket guides still raise it together with read, so it is checked too, with
 * a message that says what it really does.
 */
final class TimeoutCheck implements RuleCheck {

    /** The two timeouts, with where each lives and what it does once the connection is upgraded. */
    private enum Timeout {
        READ(
                AnnotationCatalog::proxyReadTimeout,
                ControllerProfile::proxyReadTimeout,
                "nginx closes a WebSocket that carries no message for %s",
                " (or have the server ping more often than every %s)"),
        SEND(
                AnnotationCatalog::proxySendTimeout,
                ControllerProfile::proxySendTimeout,
                "a WebSocket whose backend stops reading for %s is closed (the send timeout only runs while a write to the backend blocks)",
                "");

        final Function<ControllerFlavor, String> key;
        final Function<ControllerProfile, Duration> global;
        final String consequence;
        final String alternative;

        Timeout(
                Function<ControllerFlavor, String> key,
                Function<ControllerProfile, Duration> global,
                String consequence,
                String alternative) {
            this.key = key;
            this.global = global;
            this.consequence = consequence;
            this.alternative = alternative;
        }
    }

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        return Stream.of(Timeout.values()).flatMap(timeout -> check(ingress, timeout).stream());
    }

    private Optional<Finding> check(ReviewedIngress ingress, Timeout timeout) {
        ControllerFlavor flavor = ingress.flavor();
        String key = timeout.key.apply(flavor);
        Duration global = timeout.global.apply(ingress.profile());
        Optional<String> raw = ingress.annotation(key);
        if (raw.isEmpty()) {
            return tooShort(ingress, timeout, key, global, ingress.profile().source());
        }
        Optional<String> refusal = ingress.refusal(key);
        if (refusal.isPresent() && RejectionCheck.reports(ingress, key)) {
            // WS118 reports the refusal (ingress-nginx: nginx refuses a negative time); an idle timeout would be wrong
            return Optional.empty();
        }
        Optional<Duration> parsed = NginxTime.parseTimeout(flavor, raw.get());
        if (parsed.isEmpty() || refusal.isPresent()) {
            return Optional.of(invalid(ingress, timeout, key, raw.get(), global, refusal));
        }
        return tooShort(ingress, timeout, key, parsed.get(), "the annotation");
    }

    /**
     * @param refusal the F5 controller's own error for the value (its annotation table, which decides WS102), when
     *     it refuses it
     */
    private Finding invalid(
            ReviewedIngress ingress,
            Timeout timeout,
            String key,
            String raw,
            Duration global,
            Optional<String> refusal) {
        Duration minimum = ingress.settings().minIdleTimeout();
        // Keep what the user meant ("2h") when it is long enough; otherwise ask for the minimum.
        Duration wanted =
                NginxTime.parse(raw).filter(d -> d.compareTo(minimum) >= 0).orElse(minimum);
        String field = ReviewedIngress.annotationField(key);
        String fix = "set %s: \"%s\"".formatted(key, NginxTime.formatTimeout(ingress.flavor(), wanted));
        // ingress-nginx silently uses its default for a value it cannot read; the F5 controller rejects the Ingress.
        if (ingress.plane().timeoutSyntax() == TimeoutSyntax.INTEGER_SECONDS) {
            return ingress.finding(
                    Rule.WS101,
                    field,
                    "\"%s\" is not integer seconds, so ingress-nginx silently ignores it and uses %s (%s): %s"
                            .formatted(
                                    raw,
                                    seconds(global),
                                    ingress.profile().source(),
                                    timeout.consequence.formatted(seconds(global))),
                    fix + " (integer seconds, no unit)");
        }
        return ingress.finding(
                Rule.WS102,
                field,
                "%s \"%s\" is not an nginx time value (the controller says: %s), so the F5 controller rejects the whole Ingress (event \"Rejected\") and serves none of its paths"
                        .formatted(key, raw, refusal.orElse("must be a time")),
                fix);
    }

    private Optional<Finding> tooShort(
            ReviewedIngress ingress, Timeout timeout, String key, Duration effective, String origin) {
        Duration minimum = ingress.settings().minIdleTimeout();
        if (effective.compareTo(minimum) >= 0) {
            return Optional.empty();
        }
        return Optional.of(ingress.finding(
                Rule.WS103,
                ReviewedIngress.annotationField(key),
                "effective %s is %s (from %s), below the %s minimum: %s"
                        .formatted(
                                key.substring(key.indexOf('/') + 1),
                                seconds(effective),
                                origin,
                                seconds(minimum),
                                timeout.consequence.formatted(seconds(effective))),
                "set %s: \"%s\"%s"
                        .formatted(
                                key,
                                NginxTime.formatTimeout(ingress.flavor(), minimum),
                                timeout.alternative.formatted(seconds(effective)))));
    }

    private static String seconds(Duration duration) {
        return duration.getSeconds() + " s";
    }
}
