package io.wsroute.rules;

import io.wsroute.nginx.IngressNginxVersion;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the rules.
 *
 * @param minIdleTimeout the idle time a WebSocket must survive through the proxy. Default 1 h: ingress-nginx's own
 *        WebSocket guide asks for "a value higher than one hour (3600)", and an hour covers clients that ping less
 *        often than nginx's 60 s default. The mutator sets timeouts to this value.
 * @param minReloadGrace how long old nginx workers must keep sockets after a reload before it counts as dropping
 *        them early. Default 240 s, ingress-nginx's own default; lower values caused the SignalR drops every
 *        10–40 s reported in kubernetes/ingress-nginx#2647.
 * @param ingressNginxVersion the community ingress-nginx release that serves ingress-nginx Ingresses; a few
 *        verdicts differ between releases (README "ingress-nginx releases")
 * @param ingressNginxSslPassthrough whether ingress-nginx runs with {@code --enable-ssl-passthrough}. Default true:
 *        the annotation only does what its author asks for with the flag, so an Ingress that carries it is taken to
 *        be served by a controller that has it (README "TLS passthrough")
 */
public record RuleSettings(
        Duration minIdleTimeout,
        Duration minReloadGrace,
        IngressNginxVersion ingressNginxVersion,
        boolean ingressNginxSslPassthrough) {

    public static final RuleSettings DEFAULTS = new RuleSettings(Duration.ofHours(1), Duration.ofSeconds(240));

    public RuleSettings {
        Objects.requireNonNull(minIdleTimeout, "minIdleTimeout");
        Objects.requireNonNull(minReloadGrace, "minReloadGrace");
        Objects.requireNonNull(ingressNginxVersion, "ingressNginxVersion");
    }

    /** The latest ingress-nginx release, with --enable-ssl-passthrough. */
    public RuleSettings(Duration minIdleTimeout, Duration minReloadGrace) {
        this(minIdleTimeout, minReloadGrace, IngressNginxVersion.LATEST, true);
    }

    /** An ingress-nginx release, with --enable-ssl-passthrough. */
    public RuleSettings(Duration minIdleTimeout, Duration minReloadGrace, IngressNginxVersion ingressNginxVersion) {
        this(minIdleTimeout, minReloadGrace, ingressNginxVersion, true);
    }

    public RuleSettings withIngressNginxSslPassthrough(boolean enabled) {
        return new RuleSettings(minIdleTimeout, minReloadGrace, ingressNginxVersion, enabled);
    }
}
