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
    public static final String PROXY_CONNECT_TIMEOUT = "proxy-connect-timeout";
    public static final String WORKER_SHUTDOWN_TIMEOUT = "worker-shutdown-timeout";
    public static final String PROXY_HTTP_VERSION = "proxy-http-version";
    public static final String ALLOW_SNIPPET_ANNOTATIONS = "allow-snippet-annotations";
    public static final String ANNOTATIONS_RISK_LEVEL = "annotations-risk-level";
    /** F5: turns on HTTP/2 on the listeners; gRPC services are ignored without it. */
    public static final String HTTP2 = "http2";

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

    /**
     * @param nginxInc the F5 controller's configured release, NGINX Plus or OSS and {@code -enable-snippets} (ignored
     *        for ingress-nginx); its {@code http2} comes from the ConfigMap
     */
    public static ControllerProfile read(
            ControllerFlavor flavor, Map<String, String> data, String source, NginxIncSetup nginxInc) {
        ControllerProfile profile = read(flavor, data, source, nginxInc.snippetsEnabled());
        return profile.withNginxInc(nginxInc.withHttp2(profile.nginxInc().http2()));
    }

    /** The ingress-nginx ConfigMap, as that controller reads it. */
    static ControllerProfile readIngressNginx(Map<String, String> values, String source, ControllerProfile defaults) {
        List<String> problems = new ArrayList<>();
        List<String> reloadFailures = new ArrayList<>();
        Duration read =
                ingressNginxSeconds(values, PROXY_READ_TIMEOUT, defaults.proxyReadTimeout(), problems, reloadFailures);
        Duration send =
                ingressNginxSeconds(values, PROXY_SEND_TIMEOUT, defaults.proxySendTimeout(), problems, reloadFailures);
        // nginx.tmpl writes worker_shutdown_timeout as the ConfigMap has it.
        Optional<Duration> shutdown =
                verbatimTime(values, WORKER_SHUTDOWN_TIMEOUT, reloadFailures).or(defaults::workerShutdownTimeout);
        boolean allowSnippets = ingressNginxBool(values, ALLOW_SNIPPET_ANNOTATIONS, false, problems);
        RiskLevel risk = riskLevel(values, problems);
        String httpVersion = httpVersion(values, defaults.proxyHttpVersion(), reloadFailures);
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
                reloadFailures,
                ConfigMapRedirects.read(defaults.flavor(), values, problems),
                ConfigMapSnippets.read(defaults.flavor(), values),
                values,
                false);
    }

    /** The F5 controller's ConfigMap, as that controller reads it; snippets come from its command-line flag. */
    static ControllerProfile readNginxInc(Map<String, String> values, String source, ControllerProfile defaults) {
        List<String> problems = new ArrayList<>();
        List<String> reloadFailures = new ArrayList<>();
        // configmaps.go ParseConfigMap copies these keys unvalidated; the template writes them as they are.
        Duration read = verbatimTime(values, PROXY_READ_TIMEOUT, reloadFailures).orElse(defaults.proxyReadTimeout());
        Duration send = verbatimTime(values, PROXY_SEND_TIMEOUT, reloadFailures).orElse(defaults.proxySendTimeout());
        verbatimTime(values, PROXY_CONNECT_TIMEOUT, reloadFailures);
        Optional<Duration> shutdown = verbatimTime(values, WORKER_SHUTDOWN_TIMEOUT, reloadFailures);
        boolean http2 = nginxIncBool(values, HTTP2, problems);
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
                reloadFailures,
                ConfigMapRedirects.read(defaults.flavor(), values, problems),
                ConfigMapSnippets.read(defaults.flavor(), values),
                values,
                false,
                defaults.nginxInc().withHttp2(http2));
    }

    /** F5 ConfigMap booleans (GetMapKeyAsBool): Go's ParseBool; anything else is logged and the default (false) kept. */
    private static boolean nginxIncBool(Map<String, String> values, String key, List<String> problems) {
        String raw = values.get(key);
        if (raw == null) {
            return false;
        }
        return GoBool.parse(raw).orElseGet(() -> {
            problems.add(
                    "%s: \"%s\" is not a boolean; the F5 controller ignores it and uses false".formatted(key, raw));
            return false;
        });
    }

    /** The ConfigMap key a problem is about (the text before the first colon). */
    public static String problemKey(String problem) {
        int colon = problem.indexOf(':');
        return colon < 0 ? problem : problem.substring(0, colon);
    }

    private static Duration ingressNginxSeconds(
            Map<String, String> values, String key, Duration fallback, List<String> problems, List<String> failures) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        Optional<Duration> parsed = weakInt(raw).map(Duration::ofSeconds);
        if (parsed.isEmpty()) {
            problems.add("%s: \"%s\" is not integer seconds; ingress-nginx ignores it and uses %ds"
                    .formatted(key, raw, fallback.getSeconds()));
            return fallback;
        }
        if (parsed.get().isNegative()) {
            // nginx.tmpl writes "<value>s": a negative number becomes e.g. proxy_read_timeout -1s;
            failures.add(("%s: \"%s\" is written into every location without its own annotation as %s %ss;, which "
                            + "nginx refuses, so every reload of the controller fails")
                    .formatted(key, raw, key.replace('-', '_'), raw));
            return fallback;
        }
        return parsed.get();
    }

    /**
     * An int as ingress-nginx's ConfigMap decoding reads it (mapstructure's weak decoding: strconv.ParseInt with base
     * 0), so "" is 0, "0x3c" is 60 and "010" is octal 8; empty when it fails, and the default stays.
     */
    public static Optional<Long> weakInt(String raw) {
        String value = raw.isEmpty() ? "0" : raw;
        boolean negative = value.startsWith("-");
        String digits = negative || value.startsWith("+") ? value.substring(1) : value;
        int radix = 10;
        if (digits.matches("0[xX].+")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.matches("0[bB].+")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.matches("0[oO].+")) {
            radix = 8;
            digits = digits.substring(2);
        } else if (digits.matches("0\\d+")) {
            radix = 8;
            digits = digits.substring(1);
        }
        if (digits.isEmpty() || !Character.isLetterOrDigit(digits.charAt(0))) {
            return Optional.empty();
        }
        try {
            long parsed = Long.parseLong(digits, radix);
            return Optional.of(negative ? -parsed : parsed);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A value the controller writes into nginx.conf as it stands, judged as nginx will judge it. */
    private static Optional<Duration> verbatimTime(Map<String, String> values, String key, List<String> failures) {
        String raw = values.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        Optional<Duration> parsed = NginxTime.parseDirectiveArgument(raw);
        if (parsed.isEmpty()) {
            failures.add(("%s: \"%s\" is copied into nginx.conf as it stands (%s %s;%s), which nginx refuses%s, "
                            + "so every reload of the controller fails and it keeps serving its last valid configuration")
                    .formatted(
                            key,
                            raw,
                            key.replace('-', '_'),
                            raw,
                            key.equals(WORKER_SHUTDOWN_TIMEOUT) ? "" : " in every location without its own annotation",
                            raw.isBlank() || raw.strip().matches(".*\\s.*")
                                    ? " (not exactly one argument)"
                                    : " (not an nginx time: units w d h m s ms in that order, no sign)"));
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
    private static String httpVersion(Map<String, String> values, String fallback, List<String> failures) {
        String raw = values.get(PROXY_HTTP_VERSION);
        if (raw == null) {
            return fallback;
        }
        String version = raw.trim();
        if (!IngressNginxAnnotations.HTTP_VERSIONS.contains(version)) {
            failures.add("%s: \"%s\" is neither 1.0 nor 1.1; nginx refuses the configuration and every reload fails"
                    .formatted(PROXY_HTTP_VERSION, raw));
        }
        return version;
    }
}
