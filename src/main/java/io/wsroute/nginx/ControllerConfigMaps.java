package io.wsroute.nginx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a controller's ConfigMap data into a {@link ControllerProfile}, the way that controller reads it. Values the
 * controller would not accept become {@link ControllerProfile#problems()}, each written {@code "<key>: <what
 * happens>"} so {@link #problemKey(String)} can point at the key.
 */
public final class ControllerConfigMaps {

    public static final String PROXY_READ_TIMEOUT = "proxy-read-timeout";
    public static final String PROXY_SEND_TIMEOUT = "proxy-send-timeout";
    public static final String WORKER_SHUTDOWN_TIMEOUT = "worker-shutdown-timeout";
    public static final String PROXY_HTTP_VERSION = "proxy-http-version";
    public static final String ALLOW_SNIPPET_ANNOTATIONS = "allow-snippet-annotations";
    public static final String ANNOTATIONS_RISK_LEVEL = "annotations-risk-level";

    private ControllerConfigMaps() {}

    /**
     * @param data the ConfigMap's data (may be empty)
     * @param source a human name for the ConfigMap, e.g. {@code ConfigMap ingress-nginx/ingress-nginx-controller}
     * @param nginxIncSnippetsFlag the F5 controller's {@code -enable-snippets} flag (ignored for ingress-nginx)
     */
    public static ControllerProfile read(
            ControllerFlavor flavor, Map<String, String> data, String source, boolean nginxIncSnippetsFlag) {
        return flavor.plane().readConfigMap(data == null ? Map.of() : data, source, nginxIncSnippetsFlag);
    }

    /** The ingress-nginx ConfigMap, as that controller reads it. */
    static ControllerProfile readIngressNginx(Map<String, String> values, String source, ControllerProfile defaults) {
        List<String> problems = new ArrayList<>();
        Duration read = ingressNginxSeconds(values, PROXY_READ_TIMEOUT, defaults.proxyReadTimeout(), problems);
        Duration send = ingressNginxSeconds(values, PROXY_SEND_TIMEOUT, defaults.proxySendTimeout(), problems);
        // Copied into nginx.conf as written: a value nginx cannot parse fails every reload.
        Optional<Duration> shutdown = nginxTime(
                        values,
                        WORKER_SHUTDOWN_TIMEOUT,
                        problems,
                        "nginx refuses the configuration and every reload fails")
                .or(defaults::workerShutdownTimeout);
        boolean allowSnippets = ingressNginxBool(values, ALLOW_SNIPPET_ANNOTATIONS, false, problems);
        RiskLevel risk = riskLevel(values, problems);
        String httpVersion = httpVersion(values, defaults.proxyHttpVersion(), problems);
        return new ControllerProfile(
                defaults.flavor(),
                source,
                allowSnippets && risk.admits(RiskLevel.CRITICAL),
                risk,
                read,
                send,
                shutdown,
                httpVersion,
                problems,
                false);
    }

    /** The F5 controller's ConfigMap, as that controller reads it; snippets come from its command-line flag. */
    static ControllerProfile readNginxInc(Map<String, String> values, String source, ControllerProfile defaults) {
        List<String> problems = new ArrayList<>();
        // The F5 controller copies these keys into nginx.conf unvalidated: a bad value fails the reload.
        String consequence = "nginx will fail to reload and keep serving its last valid configuration";
        Duration read =
                nginxTime(values, PROXY_READ_TIMEOUT, problems, consequence).orElse(defaults.proxyReadTimeout());
        Duration send =
                nginxTime(values, PROXY_SEND_TIMEOUT, problems, consequence).orElse(defaults.proxySendTimeout());
        Optional<Duration> shutdown = nginxTime(values, WORKER_SHUTDOWN_TIMEOUT, problems, consequence);
        return new ControllerProfile(
                defaults.flavor(),
                source,
                defaults.snippetsAllowed(),
                RiskLevel.CRITICAL,
                read,
                send,
                shutdown,
                defaults.proxyHttpVersion(),
                problems,
                false);
    }

    /** The ConfigMap key a problem is about (the text before the first colon). */
    public static String problemKey(String problem) {
        int colon = problem.indexOf(':');
        return colon < 0 ? problem : problem.substring(0, colon);
    }

    private static Duration ingressNginxSeconds(
            Map<String, String> values, String key, Duration fallback, List<String> problems) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        Optional<Duration> parsed = NginxTime.parseSeconds(raw);
        if (parsed.isEmpty()) {
            problems.add("%s: \"%s\" is not integer seconds; ingress-nginx ignores it and uses %ds"
                    .formatted(key, raw, fallback.getSeconds()));
            return fallback;
        }
        return parsed.get();
    }

    private static Optional<Duration> nginxTime(
            Map<String, String> values, String key, List<String> problems, String consequence) {
        String raw = values.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        Optional<Duration> parsed = NginxTime.parse(raw);
        if (parsed.isEmpty()) {
            problems.add("%s: \"%s\" is not an nginx time value; %s".formatted(key, raw, consequence));
        }
        return parsed;
    }

    /** ConfigMap booleans go through mapstructure's weak decoding: Go's ParseBool, and "" reads as false. */
    private static boolean ingressNginxBool(
            Map<String, String> values, String key, boolean fallback, List<String> problems) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        if (raw.isEmpty()) {
            return false;
        }
        return GoBool.parse(raw).orElseGet(() -> {
            problems.add("%s: \"%s\" is not a boolean; ingress-nginx uses %s".formatted(key, raw, fallback));
            return fallback;
        });
    }

    /** ingress-nginx reads any value it does not recognise as Low, the strictest level (parser.StringRiskToRisk). */
    private static RiskLevel riskLevel(Map<String, String> values, List<String> problems) {
        String raw = values.get(ANNOTATIONS_RISK_LEVEL);
        if (raw == null) {
            return RiskLevel.HIGH;
        }
        return RiskLevel.parse(raw).orElseGet(() -> {
            problems.add(("%s: \"%s\" is not one of Critical, High, Medium, Low; ingress-nginx reads it as Low and "
                            + "refuses every annotation rated above Low")
                    .formatted(ANNOTATIONS_RISK_LEVEL, raw));
            return RiskLevel.LOW;
        });
    }

    /** Written into every location as proxy_http_version, which nginx accepts as 1.0 or 1.1 only. */
    private static String httpVersion(Map<String, String> values, String fallback, List<String> problems) {
        String raw = values.get(PROXY_HTTP_VERSION);
        if (raw == null) {
            return fallback;
        }
        String version = raw.trim();
        if (!IngressNginxAnnotations.HTTP_VERSIONS.contains(version)) {
            problems.add("%s: \"%s\" is neither 1.0 nor 1.1; nginx refuses the configuration and every reload fails"
                    .formatted(PROXY_HTTP_VERSION, raw));
        }
        return version;
    }
}
