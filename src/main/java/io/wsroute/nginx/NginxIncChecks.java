package io.wsroute.nginx;

import static io.wsroute.nginx.NginxIncProblem.forbidden;
import static io.wsroute.nginx.NginxIncProblem.invalid;

import com.google.re2j.Pattern;
import io.wsroute.nginx.NginxIncCheck.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/** The F5 controller's annotation validators, each with its own error text (see README "F5 annotations"). */
final class NginxIncChecks {

    static final NginxIncCheck REQUIRED =
            (key, value, in) -> value.isEmpty() ? Step.fail(NginxIncProblem.required(key)) : Step.PASS;

    static final NginxIncCheck PLUS_ONLY = (key, value, in) ->
            in.setup().plus() ? Step.PASS : Step.fail(forbidden(key, NginxIncProblem.REQUIRES_PLUS));

    static final NginxIncCheck HOSTLESS_FORBIDDEN = (key, value, in) ->
            in.hostless() ? Step.fail(forbidden(key, "annotation is not supported for hostless Ingress")) : Step.PASS;

    static final NginxIncCheck BOOL = simple(v -> GoBool.parse(v).isPresent(), "must be a boolean");
    static final NginxIncCheck TIME = simple(NginxIncGrammar::isTime, "must be a time");
    static final NginxIncCheck OFFSET = simple(NginxIncGrammar::isOffset, "must be an offset");
    static final NginxIncCheck PROXY_BUFFERS = simple(NginxIncGrammar::isProxyBuffers, "must be a proxy buffer spec");
    static final NginxIncCheck UINT64 = simple(NginxIncGrammar::isUint64, "must be a non-negative integer");
    static final NginxIncCheck INT64 = simple(NginxIncGrammar::isInt64, "must be an integer");
    static final NginxIncCheck SIZE = simple(
            v -> v.isEmpty() || NginxIncGrammar.isSize(v),
            NginxIncGrammar.regexError(
                    "must consist of numeric characters followed by a valid size suffix. 'k|K|m|M",
                    "\\d+[kKmM]?",
                    "16",
                    "32k",
                    "64M"));
    static final NginxIncCheck PORT_LIST = (key, value, in) ->
            NginxIncGrammar.isPortList(value, in.setup().version().atLeast(NginxIncVersion.of(5, 0)) ? 32 : 16)
                    ? Step.PASS
                    : Step.fail(invalid(key, value, "must be a comma-separated list of port numbers"));
    static final NginxIncCheck MERGEABLE_TYPE =
            simple(v -> v.equals("master") || v.equals("minion"), "must be one of: 'master' or 'minion'");
    static final NginxIncCheck PATH_REGEX = simple(
            v -> Set.of("case_sensitive", "case_insensitive", "exact").contains(v),
            "allowed values: 'case_sensitive', 'case_insensitive' or 'exact'");
    static final NginxIncCheck ADD_HEADER_INHERIT = simple(
            v -> Set.of("on", "off", "merge").contains(v.strip().toLowerCase(Locale.ROOT)),
            "must be one of: 'on', 'off' or 'merge'");
    static final NginxIncCheck QUALIFIED_NAME = simple(NginxIncGrammar::isQualifiedName, "must be a qualified name");
    static final NginxIncCheck REALM = simple(
            NginxIncGrammar::isAnnotationValue,
            "a valid realm must have all '\"' escaped and must not contain any '$' or end with an unescaped '\\'");
    static final NginxIncCheck JWT_REALM = simple(
            NginxIncGrammar::isAnnotationValue,
            NginxIncGrammar.regexError(
                    NginxIncGrammar.ANNOTATION_VALUE_ERROR, "([^\"$\\\\]|\\\\[^$])*", "My Realm", "Cafe App"));
    static final NginxIncCheck JWT_TOKEN = simple(
            v -> v.startsWith("$") && NginxIncGrammar.isAnnotationValue(v.substring(1)),
            NginxIncGrammar.regexError(
                    "a valid annotation value must start with '$', have all '\"' escaped, and must not contain any '$' or end with an unescaped '\\'",
                    "\\$([^\"$\\\\]|\\\\[^$])*",
                    "$http_token",
                    "$cookie_auth_token"));
    static final NginxIncCheck LIMIT_REQ_KEY = simple(
            v -> Pattern.matches("(\\$\\{[a-zA-Z_][a-zA-Z0-9_]*}|\\$[a-zA-Z_][a-zA-Z0-9_]*)+", v),
            NginxIncGrammar.regexError(
                    "must consist of one or more NGINX variable references ($varname or ${varname}); must not contain ';', '\"', '\\', or newline characters",
                    "^(\\$\\{[a-zA-Z_][a-zA-Z0-9_]*\\}|\\$[a-zA-Z_][a-zA-Z0-9_]*)+$",
                    "$binary_remote_addr",
                    "${request_uri}"));
    static final NginxIncCheck SNIPPETS = (key, value, in) -> in.setup().snippetsEnabled()
            ? Step.PASS
            : Step.fail(forbidden(key, "snippet specified but snippets feature is not enabled"));
    static final NginxIncCheck SERVER_TOKENS = (key, value, in) -> {
        if (!in.setup().plus() && GoBool.parse(value).isEmpty()) {
            return Step.fail(invalid(key, value, "must be a boolean"));
        }
        return NginxIncGrammar.isAnnotationValue(value)
                ? Step.PASS
                : Step.fail(invalid(key, value, NginxIncGrammar.ANNOTATION_VALUE_ERROR));
    };
    static final NginxIncCheck DNS_NAME =
            (key, value, in) -> Step.of(NginxIncGrammar.dns1123SubdomainErrors(value).stream()
                    .map(msg -> invalid(key, value, msg))
                    .toList());
    static final NginxIncCheck LB_METHOD = (key, value, in) -> {
        String method = value.strip();
        List<String> allowed = new ArrayList<>(NginxIncGrammar.OSS_LB_METHODS);
        if (in.setup().plus()) {
            allowed.addAll(NginxIncGrammar.PLUS_ONLY_LB_METHODS);
        }
        boolean ok = method.equals("round_robin")
                || (method.startsWith("hash") ? isHashMethod(method) : allowed.contains(method));
        return ok
                ? Step.PASS
                : Step.fail(invalid(key, value, "invalid load balancing method: " + NginxIncProblem.goQuote(method)));
    };
    static final NginxIncCheck SERVICE_LIST = (key, value, in) -> {
        Set<String> unknown = new TreeSet<>(NginxIncAnnotations.parseServiceList(value));
        unknown.removeAll(in.specServices());
        return unknown.isEmpty()
                ? Step.PASS
                : Step.fail(invalid(
                        key,
                        value,
                        "must be a comma-separated list of services. The following services were not found: "
                                + String.join(",", unknown)));
    };
    static final NginxIncCheck HTTP_REDIRECT_CODE = (key, value, in) -> {
        if (!NginxIncGrammar.isInt64(value)) {
            return Step.fail(invalid(
                    key,
                    value,
                    "invalid redirect code: strconv.Atoi: parsing " + NginxIncProblem.goQuote(value) + ": "
                            + (NginxIncGrammar.goInteger(value, true).isPresent()
                                    ? "value out of range"
                                    : "invalid syntax")));
        }
        int code = NginxIncGrammar.goInteger(value, true).orElseThrow().intValue();
        return Set.of(301, 302, 307, 308).contains(code)
                ? Step.PASS
                : Step.fail(invalid(
                        key,
                        value,
                        "status code out of accepted range. accepted values are '301', '302', '307', '308'"));
    };
    static final NginxIncCheck HTTP_HEADERS = (key, value, in) -> Step.of(Arrays.stream(value.split(",", -1))
            .map(String::strip)
            .filter(h -> !NginxIncGrammar.isHeaderName(h))
            .map(h -> invalid(key, h, NginxIncGrammar.HEADER_NAME_ERROR))
            .toList());
    static final NginxIncCheck COMMA_SEPARATED_VALUES = (key, value, in) -> Step.of(Arrays.stream(value.split(",", -1))
            .map(String::strip)
            .filter(item -> !NginxIncGrammar.isAnnotationValue(item))
            .map(item -> invalid(key, item, NginxIncGrammar.ANNOTATION_VALUE_ERROR))
            .toList());
    static final NginxIncCheck AP_SECURITY_LOG = (key, value, in) -> Step.of(Arrays.stream(value.split(",", -1))
            .filter(conf -> !NginxIncGrammar.isQualifiedName(conf))
            .map(conf -> invalid(
                    key, value, "security log configuration resource name must be qualified name, e.g. namespace/name"))
            .toList());
    static final NginxIncCheck NOT_MODELLED =
            (key, value, in) -> Step.unknown("wsroute does not model this validator of the controller");

    private NginxIncChecks() {}

    /** A whole-value check with one fixed reason. */
    static NginxIncCheck simple(Predicate<String> valid, String reason) {
        return (key, value, in) -> valid.test(value) ? Step.PASS : Step.fail(invalid(key, value, reason));
    }

    /** Fails unless the controller flag is on; unknown when wsroute cannot tell. */
    static NginxIncCheck flag(NginxIncInput.Flag flag) {
        return (key, value, in) -> in.flag(flag)
                .map(on -> on ? Step.PASS : Step.fail(forbidden(key, flag.refusal())))
                .orElseGet(() -> Step.unknown("depends on the controller's " + flag.cliFlag() + " flag"));
    }

    /** Another annotation must be present and pass {@code check}, which returns Go's error text or null. */
    static NginxIncCheck related(String other, Function<String, String> check) {
        return (key, value, in) -> {
            String otherValue = in.annotations().get(other);
            if (otherValue == null) {
                return Step.fail(forbidden(key, "related annotation %s: must be set".formatted(other)));
            }
            String error = check.apply(otherValue);
            return error == null
                    ? Step.PASS
                    : Step.fail(forbidden(key, "related annotation %s: %s".formatted(other, error)));
        };
    }

    static String noop(String value) {
        return null;
    }

    /** Go's strconv.ParseBool error, as validateIsBool returns it. */
    static String isBool(String value) {
        return GoBool.parse(value).isPresent()
                ? null
                : "strconv.ParseBool: parsing " + NginxIncProblem.goQuote(value) + ": invalid syntax";
    }

    static String isTrue(String value) {
        String error = isBool(value);
        return error != null ? error : GoBool.isTrue(value) ? null : "must be true";
    }

    /** {@code hash <key>} or {@code hash <key> consistent}, words split on single spaces. */
    private static boolean isHashMethod(String method) {
        String[] words = method.split(" ", -1);
        return words[0].equals("hash") && (words.length == 2 || words.length == 3 && words[2].equals("consistent"));
    }

    /** The F5 path grammar for app-root and rewrite-target (no protocol-relative or traversal paths). */
    static List<String> pathErrors(String path) {
        if (path.isEmpty()) {
            return List.of("");
        }
        if (path.startsWith("//")) {
            return List.of("protocol-relative URIs not allowed, must not start with '//'");
        }
        if (Arrays.stream(path.split("[/\\\\]")).anyMatch(".."::equals)) {
            return List.of("path traversal not allowed, path must not contain '..' segments");
        }
        if (!Pattern.compile("/[^\\s{};\\\\]*").matcher(path).matches()) {
            return List.of(NginxIncGrammar.regexError(
                    "must start with / and must not include any whitespace character, `{`, `}` or `;`",
                    "/[^\\s{};\\\\]*",
                    "/",
                    "/path",
                    "/path/subpath-123"));
        }
        return List.of();
    }

    /** pathErrors as problems; an empty path is "Required value". */
    static List<NginxIncProblem> pathProblems(String key, String path) {
        return pathErrors(path).stream()
                .map(msg -> msg.isEmpty() ? NginxIncProblem.required(key) : invalid(key, path, msg))
                .toList();
    }
}
