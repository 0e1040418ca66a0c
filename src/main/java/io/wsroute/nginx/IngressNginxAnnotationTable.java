package io.wsroute.nginx;

import static io.wsroute.nginx.IngressNginxAnnotation.OnInvalid.DENIES_LOCATION;
import static io.wsroute.nginx.IngressNginxAnnotation.OnInvalid.DROPS_INGRESS;
import static io.wsroute.nginx.IngressNginxAnnotation.OnInvalid.USES_DEFAULT;
import static io.wsroute.nginx.IngressNginxValidator.ANYTHING;
import static io.wsroute.nginx.IngressNginxValidator.BASIC_CHARS;
import static io.wsroute.nginx.IngressNginxValidator.BOOL;
import static io.wsroute.nginx.IngressNginxValidator.CHARS_WITH_SPACE;
import static io.wsroute.nginx.IngressNginxValidator.CIDRS;
import static io.wsroute.nginx.IngressNginxValidator.COMMON_NAME;
import static io.wsroute.nginx.IngressNginxValidator.EXTENDED_CHARS;
import static io.wsroute.nginx.IngressNginxValidator.HEADER_LIST;
import static io.wsroute.nginx.IngressNginxValidator.INT;
import static io.wsroute.nginx.IngressNginxValidator.NGINX_VARIABLE;
import static io.wsroute.nginx.IngressNginxValidator.PATH_WITH_CAPTURE;
import static io.wsroute.nginx.IngressNginxValidator.PATH_WITH_CAPTURE_NO_SPACE;
import static io.wsroute.nginx.IngressNginxValidator.REGEX_CHARS;
import static io.wsroute.nginx.IngressNginxValidator.SERVER_NAME;
import static io.wsroute.nginx.IngressNginxValidator.SERVER_NAMES;
import static io.wsroute.nginx.IngressNginxValidator.SERVICE_NAME;
import static io.wsroute.nginx.IngressNginxValidator.SIZE;
import static io.wsroute.nginx.IngressNginxValidator.URL_CHARS;
import static io.wsroute.nginx.IngressNginxValidator.URL_WITH_VARIABLES;
import static io.wsroute.nginx.IngressNginxValidator.options;
import static io.wsroute.nginx.IngressNginxValidator.regex;
import static io.wsroute.nginx.RiskLevel.CRITICAL;
import static io.wsroute.nginx.RiskLevel.HIGH;
import static io.wsroute.nginx.RiskLevel.LOW;
import static io.wsroute.nginx.RiskLevel.MEDIUM;

import com.google.re2j.Pattern;
import io.wsroute.nginx.IngressNginxAnnotation.OnInvalid;
import io.wsroute.nginx.IngressNginxVerdict.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every annotation community ingress-nginx reads (1.9 to 1.15), and what it does with a value: the one place
 * rules, mutation, reconciler and lint ask. Read from the controller's parsers ({@code internal/ingress/annotations})
 * and the extractor that runs them ({@code annotations.go Extract}): a validation error that a parser returns drops
 * the whole Ingress; most parsers swallow it and use a default instead; a few deny the location (503).
 */
public final class IngressNginxAnnotationTable {

    private static final String ANN = "internal/ingress/annotations/";
    private static final IngressNginxVersion V1_11 = new IngressNginxVersion(1, 11, 0);
    private static final IngressNginxVersion V1_12 = new IngressNginxVersion(1, 12, 0);
    private static final IngressNginxVersion V1_13 = new IngressNginxVersion(1, 13, 0);

    /** nginx's ngx_parse_time refuses a millisecond time above NGX_MAX_INT_T_VALUE / 1000 seconds. */
    private static final long NGINX_MAX_SECONDS = Long.MAX_VALUE / 1000;

    private static final Pattern ON_OFF = Pattern.compile("^(on|off)$");
    /** template.go nginxSizeRegex and nginxOffsetRegex: what nginx's size and offset parsers take. */
    private static final Pattern NGINX_SIZE = Pattern.compile("^\\d+[kKmM]?$");

    private static final Pattern NGINX_OFFSET = Pattern.compile("^\\d+[kKmMgG]?$");
    private static final Pattern HEADER_NAME = Pattern.compile("^[a-zA-Z\\d\\-_]+$");
    private static final Pattern CACHE_STATUS = Pattern.compile("^\\d{3}$");
    private static final Pattern CACHE_TIME = Pattern.compile("^\\d+(ms|s|m|h|d|w|M|y)$");
    private static final Pattern GO_DURATION =
            Pattern.compile("^[+-]?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)$");

    /** parser.URLIsValidRegex with spaces kept (the redirect parser's validators). */
    private static final IngressNginxValidator URL_CHARS_KEEP_SPACE =
            regex("a URL of letters, digits and -._~/:,?&=", "^[\\-._~a-zA-Z0-9/:,:?&=]*$", false);

    private static final Map<String, IngressNginxAnnotation> BY_NAME = build();
    private static final Map<String, IngressNginxAnnotation> BY_ALIAS = aliases();

    private IngressNginxAnnotationTable() {}

    /** Every annotation of every modelled release, in the table's order. */
    public static List<IngressNginxAnnotation> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The annotation (by its name after the prefix, or an alias), whatever the release. */
    public static Optional<IngressNginxAnnotation> byName(String name) {
        return Optional.ofNullable(BY_NAME.getOrDefault(name, BY_ALIAS.get(name)));
    }

    /** True when the release reads this full key (nginx.ingress.kubernetes.io/NAME), aliases included. */
    public static boolean reads(String key, IngressNginxVersion version) {
        return key.startsWith(IngressNginxAnnotations.PREFIX)
                && byName(key.substring(IngressNginxAnnotations.PREFIX.length()))
                        .filter(a -> a.readBy(version))
                        .isPresent();
    }

    /**
     * What the release does with the annotation {@code key} of an Ingress carrying {@code annotations} (other
     * annotations matter: aliases, and those read only beside another one), when the controller's
     * annotations-risk-level is {@code riskLevel}.
     */
    public static IngressNginxVerdict judge(
            String key, Map<String, String> annotations, IngressNginxVersion version, RiskLevel riskLevel) {
        if (!key.startsWith(IngressNginxAnnotations.PREFIX)) {
            return new IngressNginxVerdict(Outcome.NOT_READ, "not an ingress-nginx annotation");
        }
        String name = key.substring(IngressNginxAnnotations.PREFIX.length());
        Optional<IngressNginxAnnotation> found = byName(name).filter(a -> a.readBy(version));
        if (found.isEmpty()) {
            return new IngressNginxVerdict(
                    Outcome.NOT_READ, "ingress-nginx %s does not read %s".formatted(version, name));
        }
        IngressNginxAnnotation annotation = found.get();
        if (!riskLevel.admits(annotation.risk())) {
            return new IngressNginxVerdict(
                    Outcome.INGRESS_DROPPED,
                    "its risk is %s, above the controller's annotations-risk-level %s, so the annotation extractor refuses the Ingress"
                            .formatted(annotation.risk().configValue(), riskLevel.configValue()));
        }
        if (!name.equals(annotation.name())
                && !annotations.getOrDefault(annotation.key(), "").isEmpty()) {
            return new IngressNginxVerdict(
                    Outcome.NOT_READ, "%s is set, and wins over its older name %s".formatted(annotation.name(), name));
        }
        if (annotation.gate().isPresent() && !gateOpen(annotation.gate().get(), annotations)) {
            return new IngressNginxVerdict(
                    Outcome.NOT_READ,
                    "read only together with %s".formatted(annotation.gate().get()));
        }
        String value = annotations.getOrDefault(key, "");
        if (value.isEmpty()) {
            return empty(annotation);
        }
        if (!annotation.validator().test(value)) {
            return invalid(annotation);
        }
        return annotation.afterValidation().apply(value).orElse(IngressNginxVerdict.accepted());
    }

    private static IngressNginxVerdict empty(IngressNginxAnnotation annotation) {
        // Validators skip empty values; the string reader then reports "invalid content", which the source-range
        // parsers (and only they) turn into a denied location.
        if (annotation.onInvalid() == DENIES_LOCATION && annotation.validator() == CIDRS) {
            return new IngressNginxVerdict(
                    Outcome.LOCATION_DENIED, "an empty source range denies the location, so its paths answer 503");
        }
        return new IngressNginxVerdict(Outcome.DEFAULTED, "an empty value is ignored; " + annotation.fallback());
    }

    private static IngressNginxVerdict invalid(IngressNginxAnnotation annotation) {
        String expected = "the value is not " + annotation.validator().grammar();
        return switch (annotation.onInvalid()) {
            case DROPS_INGRESS ->
                new IngressNginxVerdict(
                        Outcome.INGRESS_DROPPED,
                        expected
                                + ", so the annotation extractor returns a validation error and the Ingress is not loaded");
            case USES_DEFAULT -> new IngressNginxVerdict(Outcome.DEFAULTED, expected + ", so " + annotation.fallback());
            case DENIES_LOCATION ->
                new IngressNginxVerdict(
                        Outcome.LOCATION_DENIED, expected + ", so the location is denied and its paths answer 503");
        };
    }

    private static boolean gateOpen(String gate, Map<String, String> annotations) {
        String value = annotations.getOrDefault(IngressNginxAnnotations.PREFIX + gate, "");
        return switch (gate) {
            // otel: the trust and operation-name annotations are read only once tracing is turned on
            case "enable-opentelemetry" -> GoBool.isTrue(value);
            case "affinity" -> value.strip().equals("cookie");
            case "!temporal-redirect" ->
                annotations
                        .getOrDefault(IngressNginxAnnotations.PREFIX + "temporal-redirect", "")
                        .isEmpty();
            default -> !value.isEmpty();
        };
    }

    // --- checks the parsers make after validation ---

    private static Function<String, Optional<IngressNginxVerdict>> nginxTime(String directive) {
        return v -> {
            long seconds = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            if (seconds < 0) {
                return refused(
                        "renders \"%s %ds;\", which nginx refuses (a time is never negative), so the configuration does not load"
                                .formatted(directive, seconds));
            }
            if (seconds > NGINX_MAX_SECONDS) {
                return refused(
                        "renders \"%s %ds;\", which is beyond nginx's largest time, so the configuration does not load"
                                .formatted(directive, seconds));
            }
            return Optional.empty();
        };
    }

    private static Function<String, Optional<IngressNginxVerdict>> notNegative(String rendered, boolean zeroRefused) {
        return v -> {
            long n = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            if (n < 0 || zeroRefused && n == 0) {
                return refused(
                        "renders \"%s\", which nginx refuses as an invalid value, so the configuration does not load"
                                .formatted(rendered.formatted(n)));
            }
            return Optional.empty();
        };
    }

    /** Rendered without a check (proxy_buffer_size): a size nginx cannot parse stops the configuration loading. */
    private static Function<String, Optional<IngressNginxVerdict>> nginxSize(String directive) {
        return v -> NGINX_SIZE.matcher(v.strip()).matches()
                ? Optional.empty()
                : refused(
                        "renders \"%s %s;\", which nginx refuses (sizes take only k or m), so the configuration does not load"
                                .formatted(directive, v.strip()));
    }

    /** Rendered only when template.go isValidByteSize passes; otherwise the directive is left out. */
    private static Function<String, Optional<IngressNginxVerdict>> checkedByteSize(Pattern accepted, String fallback) {
        return v -> accepted.matcher(v.strip()).matches()
                ? Optional.empty()
                : defaulted("the template leaves out a size nginx would not take, so " + fallback);
    }

    private static Optional<IngressNginxVerdict> connectionHeader(String value) {
        return value.strip().contains(" ")
                ? refused(
                        "the validator ignores spaces but the value is rendered as written, \"proxy_set_header Connection %s;\", which nginx refuses (too many arguments)"
                                .formatted(value.strip()))
                : Optional.empty();
    }

    private static Optional<IngressNginxVerdict> refused(String reason) {
        return Optional.of(new IngressNginxVerdict(Outcome.NGINX_REFUSES, reason));
    }

    private static Optional<IngressNginxVerdict> defaulted(String reason) {
        return Optional.of(new IngressNginxVerdict(Outcome.DEFAULTED, reason));
    }

    private static Optional<IngressNginxVerdict> denied(String reason) {
        return Optional.of(new IngressNginxVerdict(Outcome.LOCATION_DENIED, reason + ", so its paths answer 503"));
    }

    private static Function<String, Optional<IngressNginxVerdict>> intRange(int low, int high, String fallback) {
        return v -> {
            long code = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            return code < low || code > high
                    ? defaulted("codes outside %d-%d are replaced by %s".formatted(low, high, fallback))
                    : Optional.empty();
        };
    }

    private static Function<String, Optional<IngressNginxVerdict>> zeroMeans(String fallback) {
        return v -> Long.parseLong(v.startsWith("+") ? v.substring(1) : v) == 0
                ? defaulted("0 is replaced by " + fallback)
                : Optional.empty();
    }

    private static Optional<IngressNginxVerdict> cacheDurations(String value) {
        for (String duration : value.split(",")) {
            String d = duration.strip();
            if (!d.isEmpty() && !validCacheDuration(d)) {
                return denied("auth-cache-duration \"%s\" is not [status codes] time".formatted(d));
            }
        }
        return Optional.empty();
    }

    private static boolean validCacheDuration(String duration) {
        boolean seenTime = false;
        for (String element : duration.split(" ")) {
            if (element.isEmpty()) {
                continue;
            }
            if (CACHE_STATUS.matcher(element).matches()) {
                if (seenTime) {
                    return false;
                }
                continue;
            }
            if (CACHE_TIME.matcher(element).matches()) {
                seenTime = true;
            }
        }
        return seenTime;
    }

    private static Optional<IngressNginxVerdict> responseHeaders(String value) {
        for (String header : value.split(",")) {
            String h = header.strip();
            if (!h.isEmpty() && !HEADER_NAME.matcher(h).matches()) {
                return denied("\"%s\" is not a header name".formatted(h));
            }
        }
        return Optional.empty();
    }

    private static Optional<IngressNginxVerdict> authUrl(String value) {
        try {
            java.net.URI uri = new java.net.URI(value.strip());
            if (uri.getScheme() == null
                    || uri.getRawAuthority() == null
                    || uri.getRawAuthority().contains("..")) {
                return denied("auth-url needs a scheme and a host");
            }
            return Optional.empty();
        } catch (java.net.URISyntaxException e) {
            // nginx variables ($host) are not URI characters to Java, while Go's url.Parse takes them
            return value.contains("$") ? Optional.empty() : denied("auth-url is not a URL");
        }
    }

    private static Optional<IngressNginxVerdict> temporalRedirect(String value) {
        int colon = value.indexOf(':');
        String scheme = colon < 0 ? "" : value.substring(0, colon);
        return scheme.startsWith("http")
                ? Optional.empty()
                : defaulted(
                        "only http and https URLs redirect; the parser returns an error and the redirect is ignored");
    }

    private static Optional<IngressNginxVerdict> appRoot(String value) {
        String v = value.strip();
        if (!v.startsWith("/")) {
            return defaulted(
                    v.contains("://")
                            ? "app-root takes a path, not an absolute URL; it is ignored"
                            : "app-root is not a path starting with /; it is ignored");
        }
        return Optional.empty();
    }

    private static Optional<IngressNginxVerdict> namespacedName(String what, String value) {
        return value.strip().split("/", -1).length == 2 ? Optional.empty() : denied(what + " must be namespace/name");
    }

    private static Optional<IngressNginxVerdict> none(String value) {
        return Optional.empty();
    }

    // --- the table ---

    private static Map<String, IngressNginxAnnotation> build() {
        List<IngressNginxAnnotation> t = new ArrayList<>();
        String alias = ANN + "alias/main.go alias.Parse";
        t.add(a("server-alias", SERVER_NAMES, HIGH, DROPS_INGRESS, "", alias));

        String auth = ANN + "auth/main.go auth.Parse";
        t.add(a("auth-type", regex("basic or digest", "basic|digest", true), LOW, DROPS_INGRESS, "", auth));
        t.add(gated(
                "auth-secret-type",
                regex("auth-file or auth-map", "auth-file|auth-map", true),
                LOW,
                DROPS_INGRESS,
                "",
                auth,
                "auth-type",
                v -> v.strip().equals("auth-file") || v.strip().equals("auth-map")
                        ? Optional.empty()
                        : denied("auth-secret-type must be exactly auth-file or auth-map")));
        t.add(gated(
                "auth-secret",
                BASIC_CHARS,
                MEDIUM,
                DENIES_LOCATION,
                "",
                auth,
                "auth-type",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-realm",
                CHARS_WITH_SPACE,
                MEDIUM,
                DROPS_INGRESS,
                "",
                auth,
                "auth-type",
                IngressNginxAnnotationTable::none));

        String authReq = ANN + "authreq/main.go authReq.Parse";
        String authIgnored = "the parser returns an error and the whole external authentication is ignored";
        t.add(with(
                a("auth-url", URL_WITH_VARIABLES, HIGH, DROPS_INGRESS, "", authReq),
                IngressNginxAnnotationTable::authUrl));
        t.add(gated(
                "auth-method",
                regex("an HTTP method", "^(GET|HEAD|POST|PUT|PATCH|DELETE|CONNECT|OPTIONS|TRACE)$", true),
                LOW,
                DENIES_LOCATION,
                "",
                authReq,
                "auth-url",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-signin",
                URL_WITH_VARIABLES,
                HIGH,
                USES_DEFAULT,
                "no sign-in URL is set",
                authReq,
                "auth-url",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-signin-redirect-param",
                URL_CHARS,
                MEDIUM,
                USES_DEFAULT,
                "no redirect parameter is set",
                authReq,
                "auth-url",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-snippet",
                ANYTHING,
                CRITICAL,
                USES_DEFAULT,
                "",
                authReq,
                "auth-url",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-cache-key",
                NGINX_VARIABLE,
                MEDIUM,
                USES_DEFAULT,
                "no cache key is set",
                authReq,
                "auth-url",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-keepalive",
                INT,
                LOW,
                USES_DEFAULT,
                "keepalive to the auth service stays off (0)",
                authReq,
                "auth-url",
                v -> v.startsWith("-")
                        ? defaulted("a negative value is replaced by 0 (keepalive off)")
                        : Optional.empty()));
        t.add(gated(
                "auth-keepalive-share-vars",
                BOOL,
                LOW,
                USES_DEFAULT,
                "false is used",
                authReq,
                "auth-url",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-keepalive-requests",
                INT,
                LOW,
                USES_DEFAULT,
                "1000 is used",
                authReq,
                "auth-url",
                v -> Long.parseLong(v.replace("+", "")) <= 0
                        ? defaulted("a value of 0 or less turns keepalive to the auth service off")
                        : Optional.empty()));
        t.add(gated(
                "auth-keepalive-timeout",
                INT,
                LOW,
                USES_DEFAULT,
                "60 is used",
                authReq,
                "auth-url",
                v -> Long.parseLong(v.replace("+", "")) <= 0
                        ? defaulted("a value of 0 or less turns keepalive to the auth service off")
                        : Optional.empty()));
        t.add(gated(
                "auth-cache-duration",
                EXTENDED_CHARS,
                MEDIUM,
                USES_DEFAULT,
                authIgnored,
                authReq,
                "auth-url",
                IngressNginxAnnotationTable::cacheDurations));
        t.add(gated(
                "auth-response-headers",
                HEADER_LIST,
                MEDIUM,
                DENIES_LOCATION,
                "",
                authReq,
                "auth-url",
                IngressNginxAnnotationTable::responseHeaders));
        t.add(gated(
                "auth-proxy-set-headers",
                BASIC_CHARS,
                MEDIUM,
                USES_DEFAULT,
                "no headers are added",
                authReq,
                "auth-url",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-request-redirect",
                URL_CHARS,
                MEDIUM,
                USES_DEFAULT,
                authIgnored,
                authReq,
                "auth-url",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-always-set-cookie",
                BOOL,
                LOW,
                USES_DEFAULT,
                authIgnored,
                authReq,
                "auth-url",
                IngressNginxAnnotationTable::none));
        t.add(a(
                "enable-global-auth",
                BOOL,
                LOW,
                USES_DEFAULT,
                "global authentication stays on (true)",
                ANN + "authreqglobal/main.go authReqGlobal.Parse"));

        String authTls = ANN + "authtls/main.go authTLS.Parse";
        t.add(with(
                a("auth-tls-secret", BASIC_CHARS, MEDIUM, DROPS_INGRESS, "", authTls),
                v -> namespacedName("auth-tls-secret", v)));
        t.add(gated(
                "auth-tls-verify-client",
                regex("on, off, optional or optional_no_ca", "^(on|off|optional|optional_no_ca)$", true),
                MEDIUM,
                USES_DEFAULT,
                "on is used",
                authTls,
                "auth-tls-secret",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-tls-verify-depth",
                INT,
                LOW,
                USES_DEFAULT,
                "1 is used",
                authTls,
                "auth-tls-secret",
                zeroMeans("1")));
        t.add(gated(
                "auth-tls-error-page",
                regex(
                        "a URL or @location",
                        "^(@[A-Za-z0-9_-]+|((https?://)?[A-Za-z0-9\\-.]+(:\\d+)?)?(/[A-Za-z0-9\\-_.]+)*/?)$",
                        true),
                HIGH,
                DROPS_INGRESS,
                "",
                authTls,
                "auth-tls-secret",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-tls-pass-certificate-to-upstream",
                BOOL,
                LOW,
                DROPS_INGRESS,
                "",
                authTls,
                "auth-tls-secret",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "auth-tls-match-cn",
                COMMON_NAME,
                HIGH,
                DROPS_INGRESS,
                "",
                authTls,
                "auth-tls-secret",
                IngressNginxAnnotationTable::none));

        t.add(a(
                "backend-protocol",
                options(List.of("auto_http", "http", "https", "grpc", "grpcs", "fcgi"), false, true),
                LOW,
                USES_DEFAULT,
                "HTTP is used",
                ANN + "backendprotocol/main.go backendProtocol.Parse"));

        String canary = ANN + "canary/main.go canary.Parse";
        t.add(a("canary", BOOL, LOW, USES_DEFAULT, "false is used", canary));
        t.add(a("canary-weight", INT, LOW, USES_DEFAULT, "0 is used", canary));
        t.add(a("canary-weight-total", INT, LOW, USES_DEFAULT, "100 is used", canary));
        t.add(a("canary-by-header", BASIC_CHARS, MEDIUM, USES_DEFAULT, "no header is used", canary));
        t.add(a("canary-by-header-value", BASIC_CHARS, MEDIUM, USES_DEFAULT, "no header value is used", canary));
        t.add(a("canary-by-header-pattern", REGEX_CHARS, MEDIUM, USES_DEFAULT, "no header pattern is used", canary));
        t.add(a("canary-by-cookie", BASIC_CHARS, MEDIUM, USES_DEFAULT, "no cookie is used", canary));

        t.add(with(
                a(
                        "client-body-buffer-size",
                        SIZE,
                        LOW,
                        DROPS_INGRESS,
                        "",
                        ANN + "clientbodybuffersize/main.go clientBodyBufferSize.Parse"),
                checkedByteSize(NGINX_SIZE, "the ConfigMap's client-body-buffer-size applies")));
        t.add(with(
                a(
                        "connection-proxy-header",
                        regex("close or keep-alive", "^(close|keep-alive)$", true),
                        LOW,
                        DROPS_INGRESS,
                        "",
                        ANN + "connection/main.go connection.Parse"),
                IngressNginxAnnotationTable::connectionHeader));

        String cors = ANN + "cors/main.go cors.Parse";
        t.add(a("enable-cors", BOOL, LOW, USES_DEFAULT, "CORS stays off", cors));
        t.add(a(
                "cors-allow-origin",
                regex(
                        "origins separated by commas",
                        "^((((([a-z]+://)?(\\*\\.)?[A-Za-z0-9\\-.]*(:\\d+)?,?)|null)+)|\\*)?$",
                        true),
                MEDIUM,
                USES_DEFAULT,
                "* is used",
                cors));
        t.add(a("cors-allow-headers", HEADER_LIST, MEDIUM, USES_DEFAULT, "the default header list is used", cors));
        t.add(a(
                "cors-allow-methods",
                regex("methods separated by commas", "^([A-Za-z]+,?\\s?)+$", true),
                MEDIUM,
                USES_DEFAULT,
                "the default method list is used",
                cors));
        t.add(a("cors-allow-credentials", BOOL, LOW, USES_DEFAULT, "true is used", cors));
        t.add(a(
                "cors-expose-headers",
                regex("header names separated by commas", "^(([A-Za-z0-9\\-_]+|\\*),?\\s?)+$", true),
                MEDIUM,
                USES_DEFAULT,
                "no headers are exposed",
                cors));
        t.add(a("cors-max-age", INT, LOW, USES_DEFAULT, "1728000 is used", cors));

        t.add(since(
                a(
                        "custom-headers",
                        BASIC_CHARS,
                        MEDIUM,
                        USES_DEFAULT,
                        "no headers are added",
                        ANN + "customheaders/main.go customHeaders.Parse"),
                V1_11));
        t.add(a(
                "custom-http-errors",
                regex("4xx and 5xx codes separated by commas", "^(?:[4,5]\\d{2},?)*$", true),
                LOW,
                DROPS_INGRESS,
                "",
                ANN + "customhttperrors/main.go customhttperrors.Parse"));
        t.add(a("default-backend", SERVICE_NAME, LOW, DROPS_INGRESS, "", ANN + "defaultbackend/main.go backend.Parse"));
        t.add(a(
                "disable-proxy-intercept-errors",
                BOOL,
                LOW,
                USES_DEFAULT,
                "false is used",
                ANN + "disableproxyintercepterrors/main.go disableProxyInterceptErrors.Parse"));

        String fastcgi = ANN + "fastcgi/main.go fastcgi.Parse";
        t.add(a(
                "fastcgi-index",
                regex("letters, digits and .-_", "^[A-Za-z0-9.\\-_]+$", true),
                MEDIUM,
                DROPS_INGRESS,
                "",
                fastcgi));
        t.add(a("fastcgi-params-configmap", BASIC_CHARS, MEDIUM, DROPS_INGRESS, "", fastcgi));

        t.add(a(
                "http2-push-preload",
                BOOL,
                LOW,
                DROPS_INGRESS,
                "",
                ANN + "http2pushpreload/main.go http2PushPreload.Parse"));
        t.add(alias(
                a(
                        "allowlist-source-range",
                        CIDRS,
                        MEDIUM,
                        DENIES_LOCATION,
                        "",
                        ANN + "ipallowlist/main.go ipallowlist.Parse"),
                "whitelist-source-range"));
        t.add(a(
                "denylist-source-range",
                CIDRS,
                MEDIUM,
                DENIES_LOCATION,
                "",
                ANN + "ipdenylist/main.go ipdenylist.Parse"));
        t.add(a(
                "load-balance",
                options(
                        List.of("round_robin", "chash", "chashsubset", "sticky_balanced", "sticky_persistent", "ewma"),
                        true,
                        true),
                LOW,
                DROPS_INGRESS,
                "",
                ANN + "loadbalancing/main.go loadbalancing.Parse"));

        String log = ANN + "log/main.go log.Parse";
        t.add(a("enable-access-log", BOOL, LOW, USES_DEFAULT, "access logging stays on", log));
        t.add(a("enable-rewrite-log", BOOL, LOW, USES_DEFAULT, "rewrite logging stays off", log));

        String mirror = ANN + "mirror/main.go mirror.Parse";
        t.add(with(
                a(
                        "mirror-request-body",
                        regex("on or off", "^(on|off)$", true),
                        LOW,
                        USES_DEFAULT,
                        "on is used",
                        mirror),
                v -> v.strip().equals("off") || v.strip().equals("on")
                        ? Optional.empty()
                        : defaulted("anything but off is on")));
        t.add(a("mirror-target", SERVER_NAME, HIGH, USES_DEFAULT, "no mirror is set", mirror));
        t.add(a("mirror-host", SERVER_NAME, HIGH, USES_DEFAULT, "the target's host is used", mirror));

        String modsec = ANN + "modsecurity/main.go modSecurity.Parse";
        t.add(a("enable-modsecurity", BOOL, LOW, USES_DEFAULT, "the ConfigMap's setting is used", modsec));
        t.add(a("enable-owasp-core-rules", BOOL, LOW, USES_DEFAULT, "false is used", modsec));
        t.add(a("modsecurity-transaction-id", NGINX_VARIABLE, HIGH, USES_DEFAULT, "no transaction id is set", modsec));
        t.add(a("modsecurity-snippet", ANYTHING, CRITICAL, USES_DEFAULT, "", modsec));

        String otel = ANN + "opentelemetry/main.go opentelemetry.Parse";
        t.add(a("enable-opentelemetry", BOOL, LOW, USES_DEFAULT, "the ConfigMap's setting is used", otel));
        t.add(gated(
                "opentelemetry-trust-incoming-span",
                BOOL,
                LOW,
                USES_DEFAULT,
                "the ConfigMap's setting is used",
                otel,
                "enable-opentelemetry",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "opentelemetry-operation-name",
                regex("letters, digits, _ and -", "^[A-Za-z0-9_\\-]*$", true),
                MEDIUM,
                DROPS_INGRESS,
                "",
                otel,
                "enable-opentelemetry",
                IngressNginxAnnotationTable::none));

        t.add(a(
                "use-port-in-redirects",
                BOOL,
                LOW,
                USES_DEFAULT,
                "the ConfigMap's use-port-in-redirects is used",
                ANN + "portinredirect/main.go portInRedirect.Parse"));

        String proxy = ANN + "proxy/main.go proxy.Parse";
        t.add(with(
                a(
                        "proxy-connect-timeout",
                        INT,
                        LOW,
                        USES_DEFAULT,
                        "the ConfigMap's proxy-connect-timeout is used",
                        proxy),
                nginxTime("proxy_connect_timeout")));
        t.add(with(
                a("proxy-send-timeout", INT, LOW, USES_DEFAULT, "the ConfigMap's proxy-send-timeout is used", proxy),
                nginxTime("proxy_send_timeout")));
        t.add(with(
                a("proxy-read-timeout", INT, LOW, USES_DEFAULT, "the ConfigMap's proxy-read-timeout is used", proxy),
                nginxTime("proxy_read_timeout")));
        t.add(with(
                a(
                        "proxy-buffers-number",
                        INT,
                        LOW,
                        USES_DEFAULT,
                        "the ConfigMap's proxy-buffers-number is used",
                        proxy),
                notNegative("proxy_buffers %d <size>;", true)));
        t.add(with(
                a("proxy-buffer-size", SIZE, LOW, USES_DEFAULT, "the ConfigMap's proxy-buffer-size is used", proxy),
                nginxSize("proxy_buffer_size")));
        t.add(since(
                with(
                        a(
                                "proxy-busy-buffers-size",
                                SIZE,
                                LOW,
                                USES_DEFAULT,
                                "the ConfigMap's proxy-busy-buffers-size is used",
                                proxy),
                        nginxSize("proxy_busy_buffers_size")),
                V1_13));
        t.add(a(
                "proxy-cookie-path",
                URL_CHARS,
                MEDIUM,
                USES_DEFAULT,
                "the ConfigMap's proxy-cookie-path is used",
                proxy));
        t.add(a(
                "proxy-cookie-domain",
                regex("off or two domains", "^(off|[\\-._~a-zA-Z0-9/:]+\\s+[\\-._~a-zA-Z0-9/:]+)$", false),
                MEDIUM,
                USES_DEFAULT,
                "the ConfigMap's proxy-cookie-domain is used",
                proxy));
        t.add(with(
                a("proxy-body-size", SIZE, MEDIUM, USES_DEFAULT, "the ConfigMap's proxy-body-size is used", proxy),
                checkedByteSize(NGINX_OFFSET, "the ConfigMap's proxy-body-size applies")));
        t.add(a(
                "proxy-next-upstream",
                regex(
                        "proxy_next_upstream conditions",
                        "^((error|timeout|invalid_header|http_500|http_502|http_503|http_504|http_403|http_404|http_429|non_idempotent|off)\\s?)+$",
                        false),
                MEDIUM,
                USES_DEFAULT,
                "the ConfigMap's proxy-next-upstream is used",
                proxy));
        t.add(with(
                a(
                        "proxy-next-upstream-timeout",
                        INT,
                        LOW,
                        USES_DEFAULT,
                        "the ConfigMap's proxy-next-upstream-timeout is used",
                        proxy),
                notNegative("proxy_next_upstream_timeout %d;", false)));
        t.add(with(
                a(
                        "proxy-next-upstream-tries",
                        INT,
                        LOW,
                        USES_DEFAULT,
                        "the ConfigMap's proxy-next-upstream-tries is used",
                        proxy),
                notNegative("proxy_next_upstream_tries %d;", false)));
        t.add(a(
                "proxy-request-buffering",
                options(List.of("on", "off"), true, true),
                LOW,
                USES_DEFAULT,
                "the ConfigMap's proxy-request-buffering is used",
                proxy));
        t.add(a(
                "proxy-redirect-from",
                URL_CHARS,
                MEDIUM,
                USES_DEFAULT,
                "the ConfigMap's proxy-redirect-from is used",
                proxy));
        t.add(a(
                "proxy-redirect-to",
                URL_CHARS,
                MEDIUM,
                USES_DEFAULT,
                "the ConfigMap's proxy-redirect-to is used",
                proxy));
        t.add(a(
                "proxy-buffering",
                options(List.of("on", "off"), true, true),
                LOW,
                USES_DEFAULT,
                "the ConfigMap's proxy-buffering is used",
                proxy));
        t.add(a(
                "proxy-http-version",
                options(List.of("1.0", "1.1"), true, true),
                LOW,
                USES_DEFAULT,
                "the ConfigMap's proxy-http-version is used",
                proxy));
        t.add(with(
                a(
                        "proxy-max-temp-file-size",
                        SIZE,
                        LOW,
                        USES_DEFAULT,
                        "the ConfigMap's proxy-max-temp-file-size is used",
                        proxy),
                checkedByteSize(NGINX_OFFSET, "the ConfigMap's proxy-max-temp-file-size applies")));

        String proxySsl = ANN + "proxyssl/main.go proxySSL.Parse";
        t.add(with(
                a("proxy-ssl-secret", BASIC_CHARS, MEDIUM, DROPS_INGRESS, "", proxySsl),
                v -> namespacedName("proxy-ssl-secret", v)));
        t.add(gated(
                "proxy-ssl-ciphers",
                regex("OpenSSL cipher names", "^[A-Za-z0-9+:_\\-!]*$", true),
                MEDIUM,
                USES_DEFAULT,
                "DEFAULT is used",
                proxySsl,
                "proxy-ssl-secret",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "proxy-ssl-protocols",
                regex("TLSv1.2 and TLSv1.3", "^(TLSv1\\.2|TLSv1\\.3| )*$", true),
                LOW,
                USES_DEFAULT,
                "TLSv1.2 is used",
                proxySsl,
                "proxy-ssl-secret",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "proxy-ssl-name",
                SERVER_NAME,
                HIGH,
                USES_DEFAULT,
                "no name is set",
                proxySsl,
                "proxy-ssl-secret",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "proxy-ssl-verify",
                regex("on or off", "^(on|off)$", true),
                LOW,
                USES_DEFAULT,
                "off is used",
                proxySsl,
                "proxy-ssl-secret",
                v -> ON_OFF.matcher(v.strip()).matches()
                        ? Optional.empty()
                        : defaulted("only on or off; off is used")));
        t.add(gated(
                "proxy-ssl-verify-depth",
                INT,
                LOW,
                USES_DEFAULT,
                "1 is used",
                proxySsl,
                "proxy-ssl-secret",
                zeroMeans("1")));
        t.add(gated(
                "proxy-ssl-server-name",
                regex("on or off", "^(on|off)$", true),
                LOW,
                USES_DEFAULT,
                "off is used",
                proxySsl,
                "proxy-ssl-secret",
                v -> ON_OFF.matcher(v.strip()).matches()
                        ? Optional.empty()
                        : defaulted("only on or off; off is used")));

        String rate = ANN + "ratelimit/main.go ratelimit.Parse";
        t.add(a("limit-rate", INT, LOW, USES_DEFAULT, "the ConfigMap's limit-rate is used", rate));
        t.add(a("limit-rate-after", INT, LOW, USES_DEFAULT, "the ConfigMap's limit-rate-after is used", rate));
        t.add(a("limit-rpm", INT, LOW, DROPS_INGRESS, "", rate));
        t.add(a("limit-rps", INT, LOW, DROPS_INGRESS, "", rate));
        t.add(with(
                a("limit-connections", INT, LOW, DROPS_INGRESS, "", rate),
                v -> v.startsWith("-")
                        ? defaulted("a negative limit is not rendered, so there is no limit")
                        : Optional.empty()));
        t.add(a("limit-burst-multiplier", INT, LOW, USES_DEFAULT, "5 is used", rate));
        t.add(alias(a("limit-allowlist", CIDRS, LOW, DROPS_INGRESS, "", rate), "limit-whitelist"));

        String redirect = ANN + "redirect/redirect.go redirect.Parse";
        t.add(a("from-to-www-redirect", BOOL, LOW, DROPS_INGRESS, "", redirect));
        t.add(since(a("relative-redirects", BOOL, LOW, DROPS_INGRESS, "", redirect), V1_13));
        t.add(with(
                a("temporal-redirect", URL_CHARS_KEEP_SPACE, MEDIUM, DROPS_INGRESS, "", redirect),
                IngressNginxAnnotationTable::temporalRedirect));
        t.add(since(
                gated(
                        "temporal-redirect-code",
                        INT,
                        LOW,
                        DROPS_INGRESS,
                        "",
                        redirect,
                        "temporal-redirect",
                        intRange(300, 307, "307")),
                V1_12));
        t.add(a("permanent-redirect", URL_CHARS_KEEP_SPACE, MEDIUM, DROPS_INGRESS, "", redirect));
        t.add(gated(
                "permanent-redirect-code",
                INT,
                LOW,
                DROPS_INGRESS,
                "",
                redirect,
                "!temporal-redirect",
                intRange(300, 308, "308")));

        String rewrite = ANN + "rewrite/main.go rewrite.Parse";
        t.add(a("rewrite-target", PATH_WITH_CAPTURE, MEDIUM, USES_DEFAULT, "no rewrite is done", rewrite));
        t.add(a("ssl-redirect", BOOL, LOW, USES_DEFAULT, "the ConfigMap's ssl-redirect is used", rewrite));
        t.add(a(
                "preserve-trailing-slash",
                BOOL,
                MEDIUM,
                USES_DEFAULT,
                "the ConfigMap's preserve-trailing-slash is used",
                rewrite));
        t.add(a(
                "force-ssl-redirect",
                BOOL,
                MEDIUM,
                USES_DEFAULT,
                "the ConfigMap's force-ssl-redirect is used",
                rewrite));
        t.add(a("use-regex", BOOL, LOW, USES_DEFAULT, "false is used", rewrite));
        t.add(with(
                a("app-root", PATH_WITH_CAPTURE, MEDIUM, USES_DEFAULT, "no app root is set", rewrite),
                IngressNginxAnnotationTable::appRoot));

        t.add(a(
                "satisfy",
                options(List.of("any", "all"), true, true),
                LOW,
                USES_DEFAULT,
                "nginx's default (all) applies",
                ANN + "satisfy/main.go satisfy.Parse"));
        t.add(a(
                "server-snippet",
                ANYTHING,
                CRITICAL,
                USES_DEFAULT,
                "",
                ANN + "serversnippet/main.go serverSnippet.Parse"));
        t.add(a(
                "service-upstream",
                BOOL,
                LOW,
                USES_DEFAULT,
                "false is used (not the ConfigMap's value)",
                ANN + "serviceupstream/main.go serviceUpstream.Parse"));

        String affinity = ANN + "sessionaffinity/main.go affinity.Parse";
        String cookie = ANN + "sessionaffinity/main.go affinity.cookieAffinityParse";
        t.add(a(
                "affinity",
                options(List.of("cookie"), true, true),
                LOW,
                USES_DEFAULT,
                "there is no session affinity",
                affinity));
        t.add(a(
                "affinity-mode",
                options(List.of("balanced", "persistent"), true, true),
                MEDIUM,
                USES_DEFAULT,
                "balanced is used",
                affinity));
        t.add(a(
                "affinity-canary-behavior",
                options(List.of("sticky", "legacy"), true, true),
                LOW,
                USES_DEFAULT,
                "sticky is used",
                affinity));
        t.add(gated(
                "session-cookie-name",
                BASIC_CHARS,
                MEDIUM,
                USES_DEFAULT,
                "INGRESSCOOKIE is used",
                cookie,
                "affinity",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "session-cookie-secure",
                BOOL,
                LOW,
                USES_DEFAULT,
                "false is used",
                cookie,
                "affinity",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "session-cookie-expires",
                regex("seconds", "(^0|-?[1-9]\\d*$)", true),
                MEDIUM,
                USES_DEFAULT,
                "no Expires is set",
                cookie,
                "affinity",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "session-cookie-max-age",
                regex("seconds", "(^0|-?[1-9]\\d*$)", false),
                MEDIUM,
                USES_DEFAULT,
                "no Max-Age is set",
                cookie,
                "affinity",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "session-cookie-path",
                URL_CHARS,
                MEDIUM,
                USES_DEFAULT,
                "the location's path is used",
                cookie,
                "affinity",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "session-cookie-domain",
                BASIC_CHARS,
                MEDIUM,
                USES_DEFAULT,
                "no Domain is set",
                cookie,
                "affinity",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "session-cookie-samesite",
                options(List.of("none", "lax", "strict"), false, true),
                LOW,
                USES_DEFAULT,
                "no SameSite is set",
                cookie,
                "affinity",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "session-cookie-conditional-samesite-none",
                BOOL,
                LOW,
                USES_DEFAULT,
                "false is used",
                cookie,
                "affinity",
                IngressNginxAnnotationTable::none));
        t.add(gated(
                "session-cookie-change-on-failure",
                BOOL,
                LOW,
                USES_DEFAULT,
                "false is used",
                cookie,
                "affinity",
                IngressNginxAnnotationTable::none));

        t.add(a("configuration-snippet", ANYTHING, CRITICAL, USES_DEFAULT, "", ANN + "snippet/main.go snippet.Parse"));
        String cipher = ANN + "sslcipher/main.go sslCipher.Parse";
        t.add(a("ssl-prefer-server-ciphers", BOOL, LOW, USES_DEFAULT, "the ConfigMap's setting is used", cipher));
        t.add(a(
                "ssl-ciphers",
                regex(
                        "an OpenSSL cipher list",
                        "^(?:(?:[A-Za-z0-9!:+\\-_])*(?:@STRENGTH)*(?:@SECLEVEL=[0-5])*(?:@STRENGTH)*)*$",
                        true),
                LOW,
                DROPS_INGRESS,
                "",
                cipher));
        t.add(a("ssl-passthrough", BOOL, LOW, DROPS_INGRESS, "", ANN + "sslpassthrough/main.go sslpt.Parse"));
        t.add(a(
                "stream-snippet",
                ANYTHING,
                CRITICAL,
                USES_DEFAULT,
                "",
                ANN + "streamsnippet/main.go streamSnippet.Parse"));

        String hash = ANN + "upstreamhashby/main.go upstreamhashby.Parse";
        t.add(a(
                "upstream-hash-by",
                regex("an nginx variable expression", "^[A-Za-z0-9\\-_$\\{\\}]*$", true),
                HIGH,
                DROPS_INGRESS,
                "",
                hash));
        t.add(a("upstream-hash-by-subset", BOOL, LOW, DROPS_INGRESS, "", hash));
        t.add(with(a("upstream-hash-by-subset-size", INT, LOW, DROPS_INGRESS, "", hash), zeroMeans("3")));
        t.add(a(
                "upstream-vhost",
                SERVER_NAME,
                LOW,
                DROPS_INGRESS,
                "",
                ANN + "upstreamvhost/main.go upstreamVhost.Parse"));
        t.add(a(
                "x-forwarded-prefix",
                PATH_WITH_CAPTURE_NO_SPACE,
                MEDIUM,
                DROPS_INGRESS,
                "",
                ANN + "xforwardedprefix/main.go xforwardedprefix.Parse"));

        // removed in 1.12 (its Lua and memcached backend went with it)
        String global = ANN + "globalratelimit/main.go globalratelimit.Parse (1.9-1.11)";
        t.add(removed(a("global-rate-limit", INT, LOW, USES_DEFAULT, "no global rate limit is set", global)));
        t.add(removed(a(
                "global-rate-limit-window",
                new IngressNginxValidator(
                        "a Go duration such as 1m", v -> GO_DURATION.matcher(v).matches()),
                LOW,
                DENIES_LOCATION,
                "",
                global)));
        t.add(removed(a("global-rate-limit-key", NGINX_VARIABLE, HIGH, USES_DEFAULT, "$remote_addr is used", global)));
        t.add(removed(
                a("global-rate-limit-ignored-cidrs", CIDRS, MEDIUM, USES_DEFAULT, "no addresses are exempt", global)));

        Map<String, IngressNginxAnnotation> map = new LinkedHashMap<>();
        t.forEach(annotation -> map.put(annotation.name(), annotation));
        return map;
    }

    private static Map<String, IngressNginxAnnotation> aliases() {
        Map<String, IngressNginxAnnotation> map = new LinkedHashMap<>();
        BY_NAME.values().forEach(a -> a.aliases().forEach(alias -> map.put(alias, a)));
        return map;
    }

    private static IngressNginxAnnotation a(
            String name,
            IngressNginxValidator validator,
            RiskLevel risk,
            OnInvalid onInvalid,
            String fallback,
            String source) {
        return new IngressNginxAnnotation(
                name,
                List.of(),
                validator,
                risk,
                onInvalid,
                fallback,
                source,
                IngressNginxVersion.OLDEST,
                Optional.empty(),
                Optional.empty(),
                IngressNginxAnnotationTable::none);
    }

    private static IngressNginxAnnotation gated(
            String name,
            IngressNginxValidator validator,
            RiskLevel risk,
            OnInvalid onInvalid,
            String fallback,
            String source,
            String gate,
            Function<String, Optional<IngressNginxVerdict>> after) {
        IngressNginxAnnotation base = a(name, validator, risk, onInvalid, fallback, source);
        return new IngressNginxAnnotation(
                name,
                List.of(),
                validator,
                risk,
                onInvalid,
                fallback,
                source,
                base.since(),
                Optional.empty(),
                Optional.of(gate),
                after);
    }

    private static IngressNginxAnnotation with(
            IngressNginxAnnotation a, Function<String, Optional<IngressNginxVerdict>> after) {
        return new IngressNginxAnnotation(
                a.name(),
                a.aliases(),
                a.validator(),
                a.risk(),
                a.onInvalid(),
                a.fallback(),
                a.source(),
                a.since(),
                a.removedIn(),
                a.gate(),
                after);
    }

    private static IngressNginxAnnotation since(IngressNginxAnnotation a, IngressNginxVersion since) {
        return new IngressNginxAnnotation(
                a.name(),
                a.aliases(),
                a.validator(),
                a.risk(),
                a.onInvalid(),
                a.fallback(),
                a.source(),
                since,
                a.removedIn(),
                a.gate(),
                a.afterValidation());
    }

    private static IngressNginxAnnotation removed(IngressNginxAnnotation a) {
        return new IngressNginxAnnotation(
                a.name(),
                a.aliases(),
                a.validator(),
                a.risk(),
                a.onInvalid(),
                a.fallback(),
                a.source(),
                a.since(),
                Optional.of(V1_12),
                a.gate(),
                a.afterValidation());
    }

    private static IngressNginxAnnotation alias(IngressNginxAnnotation a, String alias) {
        return new IngressNginxAnnotation(
                a.name(),
                List.of(alias),
                a.validator(),
                a.risk(),
                a.onInvalid(),
                a.fallback(),
                a.source(),
                a.since(),
                a.removedIn(),
                a.gate(),
                a.afterValidation());
    }
}
