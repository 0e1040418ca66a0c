package io.wsroute.nginx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Community ingress-nginx: forwards Upgrade by default, integer-second timeouts, snippets gated by its ConfigMap. */
final class IngressNginxPlane implements DataPlane {

    /** The controller's worker-shutdown-timeout default (its ConfigMap documentation). */
    private static final Duration WORKER_SHUTDOWN_DEFAULT = Duration.ofSeconds(240);

    @Override
    public ControllerFlavor flavor() {
        return ControllerFlavor.INGRESS_NGINX;
    }

    @Override
    public boolean reads(String key) {
        return ownsPrefix(key)
                && IngressNginxAnnotations.KNOWN_NAMES.contains(key.substring(IngressNginxAnnotations.PREFIX.length()));
    }

    @Override
    public boolean reads(String key, IngressNginxVersion release) {
        return IngressNginxAnnotationTable.reads(key, release);
    }

    @Override
    public boolean ownsPrefix(String key) {
        return key.startsWith(IngressNginxAnnotations.PREFIX);
    }

    @Override
    public boolean isSnippet(String key) {
        return IngressNginxAnnotations.isSnippet(key);
    }

    @Override
    public ConfigMapSnippets.Keys configMapSnippetKeys() {
        return new ConfigMapSnippets.Keys("http-snippet", "server-snippet", "location-snippet");
    }

    @Override
    public SnippetGate snippetGate() {
        return SnippetGate.CONFIGMAP_AND_RISK_LEVEL;
    }

    @Override
    public String locationSnippet() {
        return IngressNginxAnnotations.CONFIGURATION_SNIPPET;
    }

    @Override
    public String proxyReadTimeout() {
        return IngressNginxAnnotations.PROXY_READ_TIMEOUT;
    }

    @Override
    public String proxySendTimeout() {
        return IngressNginxAnnotations.PROXY_SEND_TIMEOUT;
    }

    @Override
    public TimeoutSyntax timeoutSyntax() {
        return TimeoutSyntax.INTEGER_SECONDS;
    }

    @Override
    public String sslRedirect() {
        return IngressNginxAnnotations.SSL_REDIRECT;
    }

    @Override
    public Optional<String> legacySslRedirect() {
        return Optional.empty();
    }

    @Override
    public String forceSslRedirect() {
        return IngressNginxAnnotations.FORCE_SSL_REDIRECT;
    }

    /** lua_ingress.lua redirect_to_https: force_ssl_redirect when the scheme is http. */
    @Override
    public String forceRedirectScope() {
        return "every plain-HTTP request";
    }

    /** nginx.tmpl writes the configuration-snippet, then the ConfigMap's location-snippet. */
    @Override
    public boolean snippetAnnotationsReplaceConfigMap() {
        return false;
    }

    /** Default http-redirect-code 308; its ConfigMap decoding (mapstructure, weakly typed) reads "" as false. */
    @Override
    public ConfigMapRedirects.Dialect configMapRedirects() {
        return new ConfigMapRedirects.Dialect(ConfigMapRedirects.FORCE_SSL_REDIRECT, 308, true);
    }

    @Override
    public Optional<String> redirectCodeAnnotation() {
        return Optional.empty();
    }

    @Override
    public String serverSnippet() {
        return IngressNginxAnnotations.SERVER_SNIPPET;
    }

    @Override
    public Optional<String> webSocketServices() {
        return Optional.empty();
    }

    @Override
    public Optional<String> refusal(String key, AnnotatedIngress ingress) {
        IngressNginxVerdict verdict = IngressNginxAnnotationTable.judge(
                key,
                ingress.annotations(),
                ingress.ingressNginx(),
                ingress.profile().riskLevel());
        return verdict.breaksIngress() ? Optional.of(verdict.reason()) : Optional.empty();
    }

    /** ingress-nginx has no mergeable Ingresses: every Ingress's annotations count. */
    @Override
    public boolean droppedByMergeable(String key, Map<String, String> annotations, ControllerProfile profile) {
        return false;
    }

    @Override
    public boolean isMergeableMinion(Map<String, String> annotations) {
        return false;
    }

    /** The controller's validating webhook (controller.admissionWebhooks in its chart). */
    @Override
    public boolean hasAdmissionWebhook() {
        return true;
    }

    /**
     * proxy-http-version 1.1 where the ConfigMap says 1.0 (Upgrade needs HTTP/1.1); backend-protocol HTTPS only when
     * every backend speaks TLS, since it applies to every path of the Ingress. Upgrade itself is forwarded by default.
     */
    @Override
    public Map<String, String> upgradeAnnotations(UpgradeNeeds needs) {
        Map<String, String> add = new LinkedHashMap<>();
        if (needs.proxyHttpVersion().equals("1.0")) {
            add.put(IngressNginxAnnotations.PROXY_HTTP_VERSION, "1.1");
        }
        if (needs.everyBackendTls()) {
            add.put(IngressNginxAnnotations.BACKEND_PROTOCOL, IngressNginxAnnotations.HTTPS_BACKEND_PROTOCOL);
        }
        return add;
    }

    @Override
    public String affinityAdvice() {
        return "set %s: \"cookie\" (or %s: \"$remote_addr\")"
                .formatted(IngressNginxAnnotations.AFFINITY, IngressNginxAnnotations.UPSTREAM_HASH_BY);
    }

    @Override
    public ControllerProfile defaults(boolean snippetsFlag) {
        return new ControllerProfile(
                flavor(),
                "ingress-nginx built-in defaults",
                false,
                RiskLevel.HIGH,
                ControllerProfile.NGINX_DEFAULT_TIMEOUT,
                ControllerProfile.NGINX_DEFAULT_TIMEOUT,
                Optional.of(WORKER_SHUTDOWN_DEFAULT),
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
        return ControllerConfigMaps.readIngressNginx(data, source, defaults(snippetsFlag));
    }

    @Override
    public AccessPlan planAccess(RouteAccess access, ControllerProfile profile) {
        Map<String, String> annotations = new LinkedHashMap<>();
        List<String> notEnforced = new ArrayList<>();
        access.cookieName().ifPresent(cookie -> {
            annotations.put(IngressNginxAnnotations.AFFINITY, "cookie");
            annotations.put(IngressNginxAnnotations.SESSION_COOKIE_NAME, cookie);
        });
        access.maxConnectionsPerClient()
                .ifPresent(limit -> annotations.put(IngressNginxAnnotations.LIMIT_CONNECTIONS, limit.toString()));
        if (!access.sourceRanges().isEmpty()) {
            annotations.put(IngressNginxAnnotations.WHITELIST_SOURCE_RANGE, String.join(",", access.sourceRanges()));
        }
        if (!access.originSnippet().isEmpty()) {
            if (profile.snippetsAllowed()) {
                annotations.put(IngressNginxAnnotations.CONFIGURATION_SNIPPET, access.originSnippet());
            } else {
                notEnforced.add(("spec.allowedOrigins: ingress-nginx has no Origin check but a configuration snippet, "
                                + "and %s does not allow snippet annotations (allow-snippet-annotations \"true\" and "
                                + "annotations-risk-level Critical)")
                        .formatted(profile.source()));
            }
        }
        return new AccessPlan(annotations, notEnforced);
    }
}
