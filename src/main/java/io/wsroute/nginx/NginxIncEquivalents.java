package io.wsroute.nginx;

import com.google.re2j.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What an ingress-nginx annotation becomes on the F5 NGINX Ingress Controller: the {@code nginx.org/} annotation that
 * does the same with the value converted to that controller's grammar, or what is lost when nothing does. Every value
 * written is checked against the F5 controller's own grammar for that key, so a converted value can neither be
 * rejected nor carry anything into its nginx configuration that the grammar does not allow.
 */
public final class NginxIncEquivalents {

    /** A one-to-one equivalent: the F5 key and the conversion of the value, empty when it does not convert. */
    public record Equivalent(String target, Function<String, Optional<String>> convert) {}

    /** Why ingress-nginx's key has no F5 annotation, and what that means for the traffic. */
    public record Loss(String consequence) {}

    /** The F5 controller's ParseOffset grammar (client-max-body-size). */
    private static final Pattern OFFSET = Pattern.compile("\\d+[kKmMgG]?");
    /** The F5 controller's ParseSize grammar (buffer sizes). */
    private static final Pattern SIZE = Pattern.compile("\\d+[kKmM]?");
    /** nginx variables only, the F5 controller's limit-req-key grammar: the key of a translated hash lb-method. */
    private static final Pattern HASH_KEY =
            Pattern.compile("(\\$\\{[a-zA-Z_][a-zA-Z0-9_]*}|\\$[a-zA-Z_][a-zA-Z0-9_]*)+");
    /** Cookie names and paths written into sticky-cookie-services: a strict subset of both controllers' grammars. */
    private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Pattern COOKIE_PATH = Pattern.compile("/[A-Za-z0-9/_.~-]{0,255}");
    private static final Pattern SECONDS = Pattern.compile("[1-9]\\d{0,9}");
    /** ingress-nginx's cookie name when session-cookie-name is absent. */
    private static final String INGRESS_NGINX_DEFAULT_COOKIE = "INGRESSCOOKIE";

    private static final Map<String, Equivalent> ONE_TO_ONE = Map.ofEntries(
            Map.entry(
                    IngressNginxAnnotations.PROXY_READ_TIMEOUT,
                    new Equivalent(NginxIncAnnotations.PROXY_READ_TIMEOUT, NginxIncEquivalents::secondsToTime)),
            Map.entry(
                    IngressNginxAnnotations.PROXY_SEND_TIMEOUT,
                    new Equivalent(NginxIncAnnotations.PROXY_SEND_TIMEOUT, NginxIncEquivalents::secondsToTime)),
            Map.entry(
                    IngressNginxAnnotations.PROXY_CONNECT_TIMEOUT,
                    new Equivalent(NginxIncAnnotations.PROXY_CONNECT_TIMEOUT, NginxIncEquivalents::secondsToTime)),
            Map.entry(
                    IngressNginxAnnotations.PREFIX + "proxy-next-upstream-timeout",
                    new Equivalent(
                            NginxIncAnnotations.PREFIX + "proxy-next-upstream-timeout",
                            NginxIncEquivalents::secondsToTime)),
            Map.entry(
                    IngressNginxAnnotations.PREFIX + "proxy-next-upstream-tries",
                    new Equivalent(
                            NginxIncAnnotations.PREFIX + "proxy-next-upstream-tries",
                            v -> matching(v, Pattern.compile("\\d{1,9}")))),
            Map.entry(
                    IngressNginxAnnotations.PREFIX + "proxy-body-size",
                    new Equivalent(NginxIncAnnotations.PREFIX + "client-max-body-size", v -> matching(v, OFFSET))),
            Map.entry(
                    IngressNginxAnnotations.PREFIX + "client-body-buffer-size",
                    new Equivalent(NginxIncAnnotations.PREFIX + "client-body-buffer-size", v -> matching(v, SIZE))),
            Map.entry(
                    IngressNginxAnnotations.PREFIX + "proxy-buffer-size",
                    new Equivalent(NginxIncAnnotations.PREFIX + "proxy-buffer-size", v -> matching(v, SIZE))),
            Map.entry(
                    IngressNginxAnnotations.PREFIX + "proxy-busy-buffers-size",
                    new Equivalent(NginxIncAnnotations.PREFIX + "proxy-busy-buffers-size", v -> matching(v, SIZE))),
            Map.entry(
                    IngressNginxAnnotations.PREFIX + "proxy-max-temp-file-size",
                    new Equivalent(NginxIncAnnotations.PREFIX + "proxy-max-temp-file-size", v -> matching(v, SIZE))),
            Map.entry(
                    IngressNginxAnnotations.PREFIX + "proxy-buffering",
                    new Equivalent(NginxIncAnnotations.PREFIX + "proxy-buffering", NginxIncEquivalents::onOffToBool)),
            Map.entry(
                    IngressNginxAnnotations.SSL_REDIRECT,
                    new Equivalent(NginxIncAnnotations.SSL_REDIRECT, NginxIncEquivalents::goBool)),
            Map.entry(
                    IngressNginxAnnotations.SERVICE_UPSTREAM,
                    new Equivalent(NginxIncAnnotations.USE_CLUSTER_IP, NginxIncEquivalents::goBool)));

    /** Losses worth naming precisely; every other ingress-nginx key without an equivalent gets {@link #lossOf}'s text. */
    private static final Map<String, String> LOSSES = Map.ofEntries(
            Map.entry("whitelist-source-range", "the client address allowlist is gone: every address is admitted"),
            Map.entry("allowlist-source-range", "the client address allowlist is gone: every address is admitted"),
            Map.entry("denylist-source-range", "the client address denylist is gone: those addresses are admitted"),
            Map.entry("auth-url", "external authentication is gone: requests reach the backend unauthenticated"),
            Map.entry("auth-type", "basic/digest authentication is gone: requests reach the backend unauthenticated"),
            Map.entry("auth-tls-verify-client", "client certificate verification is gone"),
            Map.entry(
                    "force-ssl-redirect",
                    "plain-HTTP requests are no longer redirected to HTTPS when the Ingress has "
                            + "no TLS section (nginx.org/redirect-to-https redirects on X-Forwarded-Proto only)"),
            Map.entry(
                    "ssl-passthrough",
                    "TLS passthrough needs a TransportServer on the F5 controller; the Ingress "
                            + "now terminates TLS itself"),
            Map.entry("rewrite-target", "paths are no longer rewritten: the backend sees the original path"),
            Map.entry("upstream-hash-by-subset", "subset hashing is gone: the hash picks among all pods"),
            Map.entry("enable-cors", "CORS headers are no longer added: browsers refuse cross-origin responses"),
            Map.entry("limit-connections", "the per-client connection limit is gone"),
            Map.entry("limit-rps", "the per-client request rate limit is gone"),
            Map.entry("limit-rpm", "the per-client request rate limit is gone"),
            Map.entry(
                    "canary",
                    "this Ingress no longer acts as a canary: the F5 controller serves it as an ordinary "
                            + "Ingress for its host"),
            Map.entry("custom-http-errors", "error pages are no longer replaced"),
            Map.entry("default-backend", "the per-Ingress default backend for unmatched requests is gone"),
            Map.entry("upstream-vhost", "the Host header sent to the backend is the client's again"),
            Map.entry("x-forwarded-prefix", "X-Forwarded-Prefix is no longer sent to the backend"),
            Map.entry("app-root", "/ no longer redirects to the application root"),
            Map.entry("permanent-redirect", "the permanent redirect is gone: requests reach the backend"),
            Map.entry("temporal-redirect", "the temporary redirect is gone: requests reach the backend"),
            Map.entry(
                    "proxy-http-version",
                    "the upstream HTTP version now follows the F5 controller: 1.1 for WebSocket Services"),
            Map.entry("connection-proxy-header", "the Connection header now follows the F5 controller's own settings"));

    /** load-balance values with an F5 lb-method of the same name. */
    private static final Set<String> SAME_NAMED_LB_METHODS = Set.of("round_robin");

    /** Snippet directives the F5 controller itself writes for a Service in websocket-services (and timeouts). */
    private static final Set<String> WEBSOCKET_SNIPPET_DIRECTIVES = Set.of("proxy_http_version", "proxy_set_header");

    private NginxIncEquivalents() {}

    /** The one-to-one equivalent of an ingress-nginx annotation, if it has one. */
    public static Optional<Equivalent> equivalent(String ingressNginxKey) {
        return Optional.ofNullable(ONE_TO_ONE.get(ingressNginxKey));
    }

    /** What is lost with an ingress-nginx annotation the F5 controller has nothing for. */
    public static Loss lossOf(String ingressNginxKey) {
        String name = ingressNginxKey.substring(IngressNginxAnnotations.PREFIX.length());
        String known = LOSSES.get(name);
        if (known != null) {
            return new Loss(known);
        }
        if (name.startsWith("auth-")) {
            return new Loss("part of the authentication setup: authentication is gone with it");
        }
        if (name.startsWith("cors-")) {
            return new Loss("part of the CORS setup, which is gone");
        }
        if (name.startsWith("canary-")) {
            return new Loss("part of the canary setup, which is gone");
        }
        if (name.startsWith("session-cookie-") || name.startsWith("affinity-")) {
            return new Loss("a detail of ingress-nginx's cookie affinity without an F5 counterpart");
        }
        if (IngressNginxAnnotations.isSnippet(ingressNginxKey)) {
            return new Loss("the snippet's nginx directives no longer apply");
        }
        return new Loss("no nginx.org annotation does this, so its effect is gone");
    }

    /** True for keys ingress-nginx reads at all (others were ignored by it too, so nothing is lost). */
    public static boolean readByIngressNginx(String key) {
        return key.startsWith(IngressNginxAnnotations.PREFIX)
                && IngressNginxAnnotations.KNOWN_NAMES.contains(key.substring(IngressNginxAnnotations.PREFIX.length()));
    }

    /**
     * ingress-nginx's integer seconds as nginx time. A value ingress-nginx does not read (such as {@code 3600s}) is
     * empty: that controller used its default, and writing the value would change behaviour.
     */
    public static Optional<String> secondsToTime(String value) {
        return NginxTime.parseSeconds(value)
                .filter(d -> !d.isNegative())
                .map(d -> d.getSeconds() + "s")
                .filter(t -> NginxTime.parse(t).isPresent());
    }

    /** ingress-nginx's seconds, when it reads the value. */
    public static Optional<Duration> seconds(String value) {
        return NginxTime.parseSeconds(value);
    }

    /**
     * The F5 lb-method for ingress-nginx's load-balance, when one behaves the same; ewma has none (the closest,
     * least_conn, is the user's call).
     */
    public static Optional<String> lbMethodFor(String loadBalance) {
        String value = loadBalance.strip().toLowerCase(Locale.ROOT);
        return SAME_NAMED_LB_METHODS.contains(value) ? Optional.of(value) : Optional.empty();
    }

    /**
     * {@code hash KEY consistent} for ingress-nginx's upstream-hash-by (a consistent hash over the pods), when the
     * key is made of nginx variables only.
     */
    public static Optional<String> hashLbMethodFor(String upstreamHashBy) {
        String key = upstreamHashBy.strip();
        return HASH_KEY.matcher(key).matches() ? Optional.of("hash " + key + " consistent") : Optional.empty();
    }

    /**
     * The sticky cookie parameters after {@code serviceName=S} in sticky-cookie-services, for ingress-nginx cookie
     * affinity: the cookie name (default INGRESSCOOKIE), its lifetime and path. Empty when a value is outside the
     * strict grammar written here.
     */
    public static Optional<String> stickyCookieFor(
            Optional<String> name, Optional<String> maxAge, Optional<String> expires, Optional<String> path) {
        String cookie = name.map(String::strip).orElse(INGRESS_NGINX_DEFAULT_COOKIE);
        if (!COOKIE_NAME.matcher(cookie).matches()) {
            return Optional.empty();
        }
        StringBuilder parameters = new StringBuilder(cookie);
        Optional<String> lifetime = maxAge.or(() -> expires).map(String::strip);
        if (lifetime.isPresent()) {
            if (!SECONDS.matcher(lifetime.get()).matches()) {
                return Optional.empty();
            }
            parameters.append(" expires=").append(lifetime.get()).append('s');
        }
        if (path.isPresent()) {
            if (!COOKIE_PATH.matcher(path.get().strip()).matches()) {
                return Optional.empty();
            }
            parameters.append(" path=").append(path.get().strip());
        }
        return Optional.of(parameters.toString());
    }

    /**
     * True when a location snippet holds only what the F5 controller writes itself for a Service in
     * websocket-services: {@code proxy_http_version 1.1} and the Upgrade and Connection headers.
     */
    public static boolean onlyWebSocketHeaders(String snippet) {
        List<NginxDirectives.Directive> directives = NginxDirectives.parse(snippet);
        return !directives.isEmpty()
                && directives.stream()
                        .allMatch(d -> d.blocks().isEmpty()
                                && WEBSOCKET_SNIPPET_DIRECTIVES.contains(d.name())
                                && (d.name().equals("proxy_http_version")
                                        ? d.arg(0).equals("1.1")
                                        : isUpgradeHeader(d.arg(0), d.arg(1))));
    }

    /** True when a snippet sets the Upgrade request header for the backend: its author meant WebSocket. */
    public static boolean setsUpgradeHeader(String snippet) {
        return NginxDirectives.parse(snippet).stream()
                .anyMatch(d -> d.name().equals("proxy_set_header") && d.arg(0).equalsIgnoreCase("upgrade"));
    }

    private static boolean isUpgradeHeader(String name, String value) {
        String header = name.toLowerCase(Locale.ROOT);
        String lower = value.toLowerCase(Locale.ROOT);
        return header.equals("upgrade") && lower.equals("$http_upgrade")
                || header.equals("connection") && (lower.equals("upgrade") || lower.equals("$connection_upgrade"));
    }

    private static Optional<String> matching(String value, Pattern grammar) {
        String stripped = value.strip();
        return grammar.matcher(stripped).matches() ? Optional.of(stripped) : Optional.empty();
    }

    /** ingress-nginx's proxy-buffering takes on/off (exact case, trimmed); the F5 one is a Go boolean. */
    private static Optional<String> onOffToBool(String value) {
        return switch (value.strip()) {
            case "on" -> Optional.of("true");
            case "off" -> Optional.of("false");
            default -> Optional.empty();
        };
    }

    /** Both controllers read these with strconv.ParseBool: the value carries over as the canonical word. */
    private static Optional<String> goBool(String value) {
        return GoBool.parse(value).map(String::valueOf);
    }
}
