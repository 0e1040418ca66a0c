package io.wsroute.nginx;

import static io.wsroute.nginx.NginxIncProblem.invalid;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.wsroute.nginx.NginxIncCheck.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The F5 controller's validators of structured annotation values: lists, headers, paths, URLs. */
final class NginxIncValueChecks {

    private static final Pattern REWRITE_PATH = Pattern.compile("/[^\\s{};$]*");
    private static final Pattern PROXY_REDIRECT = Pattern.compile("[^;{}`\\n\\r\\s#]+");
    private static final Pattern RFC1738_PATH = Pattern.compile("/[A-Za-z0-9\\-_.~!*'():@&=+,/?%]*");
    private static final String PROXY_REDIRECT_ERROR =
            "must not contain ';', '{', '}', newline, carriage return, backtick, whitespace, or '#'";
    private static final Set<String> NEXT_UPSTREAM = Set.of(
            "error",
            "timeout",
            "invalid_header",
            "http_500",
            "http_502",
            "http_503",
            "http_504",
            "http_403",
            "http_404",
            "http_429",
            "non_idempotent",
            "off");

    static final NginxIncCheck STICKY_SERVICE_LIST = (key, value, in) -> {
        for (String service : value.split(";", -1)) {
            String[] parts = service.split(" ", 2);
            if (parts.length != 2) {
                return Step.fail(invalid(
                        key,
                        value,
                        "invalid sticky-cookie service format: %s. Must be a semicolon-separated list of sticky services"
                                .formatted(service)));
            }
            String[] name = parts[0].split("=", -1);
            if (name.length != 2) {
                return Step.fail(invalid(
                        key, value, "invalid sticky-cookie service format: [%s]".formatted(String.join(" ", name))));
            }
            if (!NginxIncGrammar.isAnnotationValue(parts[1])) {
                return Step.fail(invalid(key, value, "invalid sticky-cookie parameters: " + parts[1]));
            }
        }
        return Step.PASS;
    };

    static final NginxIncCheck REWRITE_LIST = (key, value, in) -> {
        Set<String> services = new HashSet<>();
        for (String rewrite : value.split(";", -1)) {
            String[] parts = rewrite.strip().split(" ", 2);
            String error = null;
            if (parts.length != 2) {
                error = "'%s' is not a valid rewrite format, e.g. 'serviceName=tea-svc rewrite=/'".formatted(rewrite);
            } else {
                String[] name = parts[0].split("=", -1);
                String[] path = parts[1].split("=", -1);
                if (name.length != 2 || !name[0].equals("serviceName")) {
                    error = "'%s' is not a valid serviceName format, e.g. 'serviceName=tea-svc'".formatted(parts[0]);
                } else if (path.length != 2 || !path[0].equals("rewrite")) {
                    error = "'%s' is not a valid rewrite path format, e.g. 'rewrite=/tea'".formatted(parts[1]);
                } else if (!REWRITE_PATH.matcher(path[1]).matches()) {
                    error =
                            "path must start with '/' and must not include any whitespace character, '{', '}' or '$': '%s'"
                                    .formatted(path[1]);
                } else {
                    services.add(name[1]);
                }
            }
            if (error != null) {
                return Step.fail(invalid(key, value, error));
            }
        }
        Set<String> unknown = new TreeSet<>(services);
        unknown.removeAll(in.specServices());
        return unknown.isEmpty()
                ? Step.PASS
                : Step.fail(invalid(key, value, "The following services were not found: " + String.join(",", unknown)));
    };

    static final NginxIncCheck REWRITE_TARGET = (key, target, in) -> {
        List<NginxIncProblem> problems = new ArrayList<>();
        if (target.startsWith("http://") || target.startsWith("https://")) {
            problems.add(invalid(key, target, "absolute URLs not allowed in rewrite target"));
        }
        problems.addAll(NginxIncChecks.pathProblems(key, target));
        if (target.chars().anyMatch(c -> ";{}[]|<>,^`~".indexOf(c) >= 0)) {
            problems.add(invalid(
                    key,
                    target,
                    "NGINX configuration syntax characters (;{}) and []|<>,^`~ not allowed in rewrite target"));
        }
        if (target.chars().anyMatch(c -> c < 32 || c == 127)) {
            problems.add(invalid(key, target, "control characters not allowed in rewrite target"));
        }
        return Step.of(problems);
    };

    static final NginxIncCheck APP_ROOT = (key, path, in) -> {
        List<NginxIncProblem> problems = new ArrayList<>();
        if (path.equals("/")) {
            problems.add(invalid(key, path, "cannot be '/'"));
        }
        problems.addAll(NginxIncChecks.pathProblems(key, path));
        if (!RFC1738_PATH.matcher(path).matches()) {
            problems.add(
                    invalid(
                            key,
                            path,
                            "path must not contain the following characters: whitespace, '{', '}', ';', '$', '|', '^', '<', '>', '\\', '\"', '#', '[', ']'"));
        }
        if (path.contains("~")) {
            problems.add(invalid(key, path, "path must not contain the '~' character"));
        }
        if (path.endsWith("/")) {
            problems.add(invalid(key, path, "path should not end with '/'"));
        }
        return Step.of(problems);
    };

    /** proxy-set-headers: {@code Name[: value]}, comma-separated; no {@code $}, no newline, quotes escaped. */
    static final NginxIncCheck PROXY_SET_HEADERS = (key, value, in) -> {
        List<NginxIncProblem> problems = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            String entry = raw.strip();
            String[] parts = entry.split(":", 2);
            String name = parts[0].strip();
            if (entry.isEmpty() || name.isEmpty()) {
                problems.add(invalid(key, entry, "empty header name"));
                continue;
            }
            headerName(key, name, problems);
            if (parts.length == 2) {
                headerValue(key, entry, parts[1].strip(), problems);
            }
        }
        return Step.of(problems);
    };

    /** add-header: {@code Name:Value[:always]}, comma-separated. */
    static final NginxIncCheck ADD_HEADER = (key, value, in) -> {
        List<NginxIncProblem> problems = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                problems.add(invalid(key, entry, "empty entry in add-header annotation"));
                continue;
            }
            String[] parts = entry.split(":", 3);
            String name = parts[0].strip();
            if (name.isEmpty()) {
                problems.add(invalid(key, entry, "empty header name"));
                continue;
            }
            headerName(key, name, problems);
            if (parts.length >= 2) {
                headerValue(key, entry, parts[1].strip(), problems);
            }
            if (parts.length == 3) {
                String flag = parts[2].strip();
                if (!flag.isEmpty() && !flag.equalsIgnoreCase("always")) {
                    problems.add(invalid(
                            key,
                            entry,
                            "invalid flag %s: must be \"always\" or empty".formatted(NginxIncProblem.goQuote(flag))));
                }
            }
        }
        return Step.of(problems);
    };

    static final NginxIncCheck PROXY_NEXT_UPSTREAM = (key, value, in) -> {
        Set<String> allowed = new TreeSet<>(NEXT_UPSTREAM);
        if (in.setup().plus()) {
            allowed.add("denied");
        }
        List<NginxIncProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String method : value.strip().split("\\s+")) {
            if (method.isEmpty()) {
                continue;
            }
            if (!seen.add(method)) {
                problems.add(invalid(key, value, "duplicate value: " + method));
                continue;
            }
            if (!allowed.contains(method)) {
                problems.add(invalid(
                        key,
                        value,
                        "must be a space-separated list with any of the following values: "
                                + String.join(", ", allowed)));
            }
        }
        return Step.of(problems);
    };

    static final NginxIncCheck PROXY_REDIRECT_FROM = (key, value, in) -> {
        if (value.equals("off") || value.equals("default")) {
            return Step.PASS;
        }
        if (!PROXY_REDIRECT.matcher(value).matches()) {
            return Step.fail(invalid(key, value, PROXY_REDIRECT_ERROR));
        }
        String pattern =
                value.startsWith("~*") ? value.substring(2) : value.startsWith("~") ? value.substring(1) : null;
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                return Step.fail(invalid(key, value, "invalid regex pattern"));
            }
        }
        return Step.PASS;
    };

    static final NginxIncCheck PROXY_REDIRECT_TO =
            NginxIncChecks.simple(v -> PROXY_REDIRECT.matcher(v).matches(), PROXY_REDIRECT_ERROR);

    /** Policy references {@code [namespace/]name}, both DNS subdomains. */
    static final NginxIncCheck POLICY_NAMES = (key, value, in) -> {
        List<NginxIncProblem> problems = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            String policy = raw.strip();
            String name = policy;
            if (policy.contains("/")) {
                String namespace = policy.substring(0, policy.indexOf('/'));
                if (namespace.isEmpty()) {
                    problems.add(invalid(key, policy, "policy namespace cannot be empty"));
                }
                List<String> errors = NginxIncGrammar.dns1123SubdomainErrors(namespace);
                if (!errors.isEmpty()) {
                    problems.add(invalid(
                            key,
                            policy,
                            "policy namespace must be a valid DNS subdomain: " + String.join("; ", errors)));
                }
                name = policy.substring(policy.indexOf('/') + 1);
            }
            if (name.isEmpty()) {
                problems.add(invalid(key, policy, "policy name cannot be empty"));
            }
            List<String> errors = NginxIncGrammar.dns1123SubdomainErrors(name);
            if (!errors.isEmpty()) {
                problems.add(invalid(
                        key, policy, "policy name must be a valid DNS subdomain: " + String.join("; ", errors)));
            }
        }
        return Step.of(problems);
    };

    /** jwt-login-url: an absolute http(s) URL with a host, nothing nginx would read as syntax. */
    static final NginxIncCheck JWT_LOGIN_URL = (key, url, in) -> {
        int colon = url.indexOf(':');
        String scheme =
                colon > 0 && url.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*") ? url.substring(0, colon) : "";
        String rest = scheme.isEmpty() ? url : url.substring(colon + 1);
        String authority = "";
        if (rest.startsWith("//")) {
            authority = rest.substring(2).split("[/?#]", 2)[0];
            String host = authority.substring(authority.lastIndexOf('@') + 1);
            for (char c : host.toCharArray()) {
                if (!isHostCharacter(c)) {
                    return Step.fail(invalid(
                            key,
                            url,
                            "parse %s: invalid character %s in host name"
                                    .formatted(
                                            NginxIncProblem.goQuote(url), NginxIncProblem.goQuote(String.valueOf(c)))));
                }
            }
        }
        if (scheme.isEmpty()) {
            return Step.fail(invalid(key, url, "scheme required, please use the prefix http(s)://"));
        }
        if (authority.substring(authority.lastIndexOf('@') + 1).isEmpty()) {
            return Step.fail(invalid(key, url, "hostname required"));
        }
        if (url.chars().anyMatch(c -> ";{}$\n\r`".indexOf(c) >= 0)) {
            return Step.fail(
                    invalid(
                            key,
                            url,
                            "must not contain characters that could cause NGINX config injection (;, {, }, $, newline, carriage return, or backtick)"));
        }
        if (url.chars().anyMatch(c -> " \"\\#\t".indexOf(c) >= 0)) {
            return Step.fail(invalid(key, url, "must not contain spaces, quotes, backslashes, hash or tab characters"));
        }
        return Step.PASS;
    };

    private NginxIncValueChecks() {}

    /** Characters Go's net/url accepts in a host name without escaping. */
    private static boolean isHostCharacter(char c) {
        return Character.isLetterOrDigit(c) && c < 128 || "-_.~!$&'()*+,;=:[]<>\"%".indexOf(c) >= 0;
    }

    private static void headerName(String key, String name, List<NginxIncProblem> problems) {
        if (!NginxIncGrammar.isHeaderName(name)) {
            problems.add(invalid(key, name, NginxIncGrammar.HEADER_NAME_ERROR));
        }
    }

    /** version1.ValidateAddHeaderValue: no newline, no {@code $}, double quotes escaped. */
    private static void headerValue(String key, String entry, String value, List<NginxIncProblem> problems) {
        if (value.contains("\n") || value.contains("\r")) {
            problems.add(invalid(key, entry, "value must not contain newline or carriage-return characters"));
        }
        if (value.contains("$")) {
            problems.add(invalid(key, entry, "invalid character in header value: $"));
        }
        if (!NginxIncGrammar.isEscapedString(value)) {
            problems.add(invalid(key, entry, NginxIncGrammar.ESCAPED_STRING_ERROR));
        }
    }
}
