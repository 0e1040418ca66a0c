package io.wsroute.nginx;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one NGINX controller does with an Ingress, as far as WebSocket traffic is concerned: its flavour and
 * the global settings of its ConfigMap (or the controller's own defaults where the ConfigMap is silent).
 *
 * @param flavor which controller
 * @param source where the settings came from, for messages ("ConfigMap ingress-nginx/ingress-nginx-controller")
 * @param snippetsAllowed whether snippet annotations are applied: ingress-nginx needs
 *        {@code allow-snippet-annotations: "true"} and risk level Critical; the F5 controller needs its
 *        {@code -enable-snippets} flag, which is not in the ConfigMap and so comes from wsroute's configuration
 * @param riskLevel ingress-nginx {@code annotations-risk-level}; {@link RiskLevel#CRITICAL} for the F5 controller,
 *        which has no such gate
 * @param proxyReadTimeout global idle timeout of an upgraded connection
 * @param proxySendTimeout global send timeout (only armed while writes to the backend block)
 * @param workerShutdownTimeout how long old workers keep sockets after a reload; empty when unset (F5 default:
 *        they stay until the sockets close)
 * @param proxyHttpVersion global upstream HTTP version (ingress-nginx ConfigMap {@code proxy-http-version})
 * @param problems ConfigMap values the controller would not accept and replaces by its default, each
 *        {@code "<key>: <what happens>"} ({@link ControllerConfigMaps#problemKey(String)} reads the key back)
 * @param reloadFailures ConfigMap values the controller copies into nginx.conf that nginx itself refuses, so every
 *        reload of the controller fails; same form as {@code problems}
 * @param redirects the ConfigMap's HTTP to HTTPS redirect, which Ingress annotations override
 * @param snippets the ConfigMap's own snippets, written into every http block, server or location
 * @param data the ConfigMap's data as written, for what the controller copies into nginx.conf verbatim
 * @param fromDefaults true when no ConfigMap was found and built-in defaults are assumed
 * @param nginxInc the F5 controller's release, NGINX Plus or OSS, {@code -enable-snippets} (always equal to
 *        {@code snippetsAllowed}) and ConfigMap {@code http2}; {@link NginxIncSetup#DEFAULTS} for ingress-nginx
 */
public record ControllerProfile(
        ControllerFlavor flavor,
        String source,
        boolean snippetsAllowed,
        RiskLevel riskLevel,
        Duration proxyReadTimeout,
        Duration proxySendTimeout,
        Optional<Duration> workerShutdownTimeout,
        String proxyHttpVersion,
        List<String> problems,
        List<String> reloadFailures,
        ConfigMapRedirects redirects,
        ConfigMapSnippets snippets,
        Map<String, String> data,
        boolean fromDefaults,
        NginxIncSetup nginxInc) {

    public static final Duration NGINX_DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public ControllerProfile {
        Objects.requireNonNull(flavor, "flavor");
        problems = List.copyOf(problems);
        reloadFailures = List.copyOf(reloadFailures);
        Objects.requireNonNull(redirects, "redirects");
        Objects.requireNonNull(snippets, "snippets");
        data = Map.copyOf(data);
        nginxInc = Objects.requireNonNullElse(nginxInc, NginxIncSetup.DEFAULTS)
                .withSnippetsEnabled(flavor.plane().snippetGate() == SnippetGate.CONTROLLER_FLAG && snippetsAllowed);
    }

    /** A profile with the F5 set-up at its defaults (latest release, NGINX OSS, no http2). */
    public ControllerProfile(
            ControllerFlavor flavor,
            String source,
            boolean snippetsAllowed,
            RiskLevel riskLevel,
            Duration proxyReadTimeout,
            Duration proxySendTimeout,
            Optional<Duration> workerShutdownTimeout,
            String proxyHttpVersion,
            List<String> problems,
            List<String> reloadFailures,
            ConfigMapRedirects redirects,
            ConfigMapSnippets snippets,
            Map<String, String> data,
            boolean fromDefaults) {
        this(
                flavor,
                source,
                snippetsAllowed,
                riskLevel,
                proxyReadTimeout,
                proxySendTimeout,
                workerShutdownTimeout,
                proxyHttpVersion,
                problems,
                reloadFailures,
                redirects,
                snippets,
                data,
                fromDefaults,
                NginxIncSetup.DEFAULTS);
    }

    /** The controller's documented defaults, used when its ConfigMap cannot be found (snippets off). */
    public static ControllerProfile defaults(ControllerFlavor flavor) {
        return flavor.plane().defaults(false);
    }

    public ControllerProfile withSnippetsAllowed(boolean allowed) {
        return new ControllerProfile(
                flavor,
                source,
                allowed,
                riskLevel,
                proxyReadTimeout,
                proxySendTimeout,
                workerShutdownTimeout,
                proxyHttpVersion,
                problems,
                reloadFailures,
                redirects,
                snippets,
                data,
                fromDefaults,
                nginxInc);
    }

    /** The same profile served by an F5 controller set up as given (snippets stay as this profile has them). */
    public ControllerProfile withNginxInc(NginxIncSetup setup) {
        return new ControllerProfile(
                flavor,
                source,
                snippetsAllowed,
                riskLevel,
                proxyReadTimeout,
                proxySendTimeout,
                workerShutdownTimeout,
                proxyHttpVersion,
                problems,
                reloadFailures,
                redirects,
                snippets,
                data,
                fromDefaults,
                setup);
    }
}
