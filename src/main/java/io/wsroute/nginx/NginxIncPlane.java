package io.wsroute.nginx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * F5 NGINX Ingress Controller: forwards Upgrade only for the Services in {@code nginx.org/websocket-services}, nginx
 * time values, snippets gated by its {@code -enable-snippets} flag.
 */
final class NginxIncPlane implements DataPlane {

    @Override
    public ControllerFlavor flavor() {
        return ControllerFlavor.NGINX_INC;
    }

    @Override
    public boolean reads(String key) {
        return key.startsWith(NginxIncAnnotations.PREFIX)
                        && NginxIncAnnotations.KNOWN_NAMES.contains(key.substring(NginxIncAnnotations.PREFIX.length()))
                || key.startsWith(NginxIncAnnotations.PLUS_PREFIX)
                        && NginxIncAnnotations.KNOWN_PLUS_NAMES.contains(
                                key.substring(NginxIncAnnotations.PLUS_PREFIX.length()))
                || key.equals(NginxIncAnnotations.LEGACY_SSL_REDIRECT);
    }

    @Override
    public boolean reads(String key, IngressNginxVersion ingressNginx) {
        return reads(key);
    }

    /** nginx.com/ (NGINX Plus annotations) counts as this controller's too. */
    @Override
    public boolean ownsPrefix(String key) {
        return key.startsWith(NginxIncAnnotations.PREFIX) || key.startsWith(NginxIncAnnotations.PLUS_PREFIX);
    }

    @Override
    public boolean isSnippet(String key) {
        return NginxIncAnnotations.isSnippet(key);
    }

    @Override
    public ConfigMapSnippets.Keys configMapSnippetKeys() {
        return new ConfigMapSnippets.Keys("http-snippets", "server-snippets", "location-snippets");
    }

    @Override
    public SnippetGate snippetGate() {
        return SnippetGate.CONTROLLER_FLAG;
    }

    @Override
    public String locationSnippet() {
        return NginxIncAnnotations.LOCATION_SNIPPETS;
    }

    @Override
    public String proxyReadTimeout() {
        return NginxIncAnnotations.PROXY_READ_TIMEOUT;
    }

    @Override
    public String proxySendTimeout() {
        return NginxIncAnnotations.PROXY_SEND_TIMEOUT;
    }

    @Override
    public TimeoutSyntax timeoutSyntax() {
        return TimeoutSyntax.NGINX_TIME;
    }

    @Override
    public String sslRedirect() {
        return NginxIncAnnotations.SSL_REDIRECT;
    }

    @Override
    public Optional<String> legacySslRedirect() {
        return Optional.of(NginxIncAnnotations.LEGACY_SSL_REDIRECT);
    }

    @Override
    public String forceSslRedirect() {
        return NginxIncAnnotations.REDIRECT_TO_HTTPS;
    }

    /** version1/nginx.ingress.tmpl: {@code if ($http_x_forwarded_proto = 'http')}. */
    @Override
    public String forceRedirectScope() {
        return "requests that arrive with X-Forwarded-Proto: http (plain HTTP at a TLS-terminating load balancer in front)";
    }

    /** annotations.go parseAnnotations overwrites ConfigParams.LocationSnippets/ServerSnippets. */
    @Override
    public boolean snippetAnnotationsReplaceConfigMap() {
        return true;
    }

    /** Default http-redirect-code 301; an empty boolean is refused like any other non-boolean. */
    @Override
    public ConfigMapRedirects.Dialect configMapRedirects() {
        return new ConfigMapRedirects.Dialect(ConfigMapRedirects.REDIRECT_TO_HTTPS, 301, false);
    }

    @Override
    public Optional<String> redirectCodeAnnotation() {
        return Optional.of(NginxIncAnnotations.HTTP_REDIRECT_CODE);
    }

    @Override
    public String serverSnippet() {
        return NginxIncAnnotations.SERVER_SNIPPETS;
    }

    @Override
    public Optional<String> webSocketServices() {
        return Optional.of(NginxIncAnnotations.WEBSOCKET_SERVICES);
    }

    @Override
    public Optional<String> refusal(String key, AnnotatedIngress ingress) {
        NginxIncInput input = NginxIncInput.of(
                ingress.annotations(), ingress.services(), ingress.profile().nginxInc());
        return Optional.of(NginxIncValidation.judge(key, input))
                .filter(NginxIncVerdict::rejects)
                .map(NginxIncVerdict::reason);
    }

    @Override
    public boolean droppedByMergeable(String key, Map<String, String> annotations, ControllerProfile profile) {
        return NginxIncAnnotationTable.droppedFromMergeable(
                key, annotations, profile.nginxInc().version());
    }

    @Override
    public boolean isMergeableMinion(Map<String, String> annotations) {
        return "minion".equals(annotations.get(NginxIncAnnotations.MERGEABLE_INGRESS_TYPE));
    }

    /** The F5 controller validates Ingresses only when it processes them (event "Rejected"). */
    @Override
    public boolean hasAdmissionWebhook() {
        return false;
    }

    /** websocket-services lists the WebSocket Services (Upgrade is forwarded only for them), ssl-services the TLS ones. */
    @Override
    public Map<String, String> upgradeAnnotations(UpgradeNeeds needs) {
        Map<String, String> add = new LinkedHashMap<>();
        if (!needs.webSocketServices().isEmpty()) {
            add.put(NginxIncAnnotations.WEBSOCKET_SERVICES, String.join(",", needs.webSocketServices()));
        }
        if (!needs.tlsWebSocketServices().isEmpty()) {
            add.put(NginxIncAnnotations.SSL_SERVICES, String.join(",", needs.tlsWebSocketServices()));
        }
        return add;
    }

    @Override
    public String affinityAdvice() {
        return "set %s: \"%s\" (or use %s)"
                .formatted(
                        NginxIncAnnotations.LB_METHOD,
                        NginxIncAnnotations.LB_METHOD_IP_HASH,
                        NginxIncAnnotations.STICKY_COOKIE_SERVICES);
    }

    /** No worker-shutdown-timeout by default: old workers keep sockets until they close. */
    @Override
    public ControllerProfile defaults(boolean snippetsFlag) {
        return new ControllerProfile(
                flavor(),
                "F5 NGINX Ingress Controller built-in defaults",
                snippetsFlag,
                RiskLevel.CRITICAL,
                ControllerProfile.NGINX_DEFAULT_TIMEOUT,
                ControllerProfile.NGINX_DEFAULT_TIMEOUT,
                Optional.empty(),
                "1.1",
                List.of(),
                List.of(),
                ConfigMapRedirects.defaults(configMapRedirects()),
                ConfigMapSnippets.NONE,
                Map.of(),
                true);
    }

    @Override
    public ControllerProfile readConfigMap(Map<String, String> data, String source, boolean snippetsFlag) {
        return ControllerConfigMaps.readNginxInc(data, source, defaults(snippetsFlag));
    }

    @Override
    public AccessPlan planAccess(RouteAccess access, ControllerProfile profile) {
        Map<String, String> annotations = new LinkedHashMap<>();
        List<String> notEnforced = new ArrayList<>();
        if (access.cookieName().isPresent()) {
            Optional<String> sticky = NginxIncAnnotations.cookieAffinityKey(profile.nginxInc());
            if (sticky.isPresent() && !access.services().isEmpty()) {
                annotations.put(
                        sticky.get(),
                        NginxIncAnnotations.stickyCookieServices(
                                access.services(), access.cookieName().get()));
            } else {
                notEnforced.add("spec.sessionAffinity: " + NginxIncAnnotations.noCookieAffinity(profile.nginxInc()));
            }
        }
        if (access.maxConnectionsPerClient().isPresent()) {
            notEnforced.add("spec.maxConnectionsPerClient: the F5 NGINX Ingress Controller has no per-Ingress "
                    + "connection limit (limit_conn needs a zone in its ConfigMap's http-snippets)");
        }
        String snippet = access.originSnippet() + access.sourceRangesSnippet();
        if (snippet.isEmpty()) {
            return new AccessPlan(annotations, notEnforced);
        }
        if (profile.snippetsAllowed()) {
            annotations.put(NginxIncAnnotations.LOCATION_SNIPPETS, snippet);
        } else {
            notEnforced.add("spec.allowedOrigins/spec.sourceRanges: the F5 NGINX Ingress Controller needs location "
                    + "snippets for these, and its -enable-snippets flag is off (wsroute.controllers.nginx-inc."
                    + "snippets-enabled)");
        }
        return new AccessPlan(annotations, notEnforced);
    }
}
