package io.wsroute.rules;

import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.NginxTime;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * WS101, WS102, WS103: timeout values each controller would not accept, and effective idle timeouts below the
 * minimum. Read timeout is the idle timer of an upgraded connection; send timeout only runs while writes block,
 * but both controllers' WebSocket guides ask for both, so both are checked.
 */
final class TimeoutCheck implements RuleCheck {

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        boolean ingressNginx = ingress.flavor() == ControllerFlavor.INGRESS_NGINX;
        return Stream.of(
                timeout(ingress, ingressNginx ? IngressNginxAnnotations.PROXY_READ_TIMEOUT
                        : NginxIncAnnotations.PROXY_READ_TIMEOUT, ingress.profile().proxyReadTimeout()),
                timeout(ingress, ingressNginx ? IngressNginxAnnotations.PROXY_SEND_TIMEOUT
                        : NginxIncAnnotations.PROXY_SEND_TIMEOUT, ingress.profile().proxySendTimeout()))
                .flatMap(s -> s);
    }

    private Stream<Finding> timeout(ReviewedIngress ingress, String key, Duration global) {
        Optional<String> raw = ingress.annotation(key);
        String field = ReviewedIngress.annotationField(key);
        Duration minimum = ingress.settings().minIdleTimeout();
        if (raw.isPresent()) {
            Optional<Duration> parsed = parse(ingress.flavor(), raw.get());
            if (parsed.isEmpty()) {
                return Stream.of(invalid(ingress, key, raw.get(), field, global, minimum));
            }
            if (parsed.get().compareTo(minimum) < 0) {
                return Stream.of(tooShort(ingress, key, field, parsed.get(), "the annotation", minimum));
            }
            return Stream.empty();
        }
        if (global.compareTo(minimum) < 0) {
            return Stream.of(tooShort(ingress, key, field, global, ingress.profile().source(), minimum));
        }
        return Stream.empty();
    }

    static Optional<Duration> parse(ControllerFlavor flavor, String raw) {
        return flavor == ControllerFlavor.INGRESS_NGINX ? NginxTime.parseSeconds(raw.trim()) : NginxTime.parse(raw);
    }

    /** A timeout as the flavour spells it: bare seconds for ingress-nginx, nginx time for the F5 controller. */
    static String render(ControllerFlavor flavor, Duration value) {
        return flavor == ControllerFlavor.INGRESS_NGINX ? Long.toString(value.getSeconds()) : value.getSeconds() + "s";
    }

    private Finding invalid(ReviewedIngress ingress, String key, String raw, String field, Duration global,
            Duration minimum) {
        Duration wanted = NginxTime.parse(raw).filter(d -> d.compareTo(minimum) >= 0).orElse(minimum);
        String fix = "set %s: \"%s\"".formatted(key, render(ingress.flavor(), wanted));
        if (ingress.flavor() == ControllerFlavor.INGRESS_NGINX) {
            return ingress.finding(Rule.WS101, field,
                    "\"%s\" is not integer seconds; ingress-nginx silently ignores it and uses %ds, so idle WebSockets are cut"
                            .formatted(raw, global.getSeconds()), fix + " (integer seconds, no unit)");
        }
        return ingress.finding(Rule.WS102, field,
                "\"%s\" is not an nginx time value; the F5 controller rejects the whole Ingress and stops serving it"
                        .formatted(raw), fix);
    }

    private Finding tooShort(ReviewedIngress ingress, String key, String field, Duration effective, String from,
            Duration minimum) {
        return ingress.finding(Rule.WS103, field,
                "effective %s is %ds (from %s), below the %ds minimum; WebSockets idle longer are closed by nginx"
                        .formatted(key.substring(key.indexOf('/') + 1), effective.getSeconds(), from,
                                minimum.getSeconds()),
                "set %s: \"%s\", or have the server ping more often than every %ds".formatted(key,
                        render(ingress.flavor(), minimum), effective.getSeconds()));
    }
}
