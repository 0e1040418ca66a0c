package io.wsroute.route;

import io.wsroute.nginx.NginxTime;
import io.wsroute.route.api.RouteGrammar;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.WebSocketRouteSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a spec against {@link RouteGrammar} and the bounds the schema cannot express (one of port number or
 * name; duration bounds; address numbers). The API server applies the same patterns from the CRD; this check
 * runs anyway because a CRD can be older than wsroute or edited, and because these values end up in nginx
 * configuration: nothing reaches {@link RouteIngressPlanner} unless this check found no problem.
 */
public final class RouteSpecCheck {

    static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    private RouteSpecCheck() {}

    /** Every problem, each naming the field ({@code spec.paths[0].path: ...}); empty when the spec is valid. */
    public static List<String> problems(WebSocketRouteSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec == null) {
            return List.of("spec: missing");
        }
        match(problems, "spec.host", spec.host(), RouteGrammar.HOST_PATTERN, 253, true);
        match(problems, "spec.ingressClassName", spec.ingressClassName(), RouteGrammar.SUBDOMAIN_PATTERN, 253, false);
        if (spec.gatewayRef() != null) {
            checkGatewayRef(problems, spec);
        }
        if (spec.pathsOrEmpty().isEmpty()) {
            problems.add("spec.paths: at least one path is required");
        }
        if (spec.pathsOrEmpty().size() > 16) {
            problems.add("spec.paths: at most 16 paths");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.pathsOrEmpty().size(); i++) {
            checkPath(problems, "spec.paths[" + i + "]", spec.pathsOrEmpty().get(i), seen);
        }
        if (spec.tls() != null) {
            match(problems, "spec.tls.secretName", spec.tls().secretName(), RouteGrammar.SUBDOMAIN_PATTERN, 253, true);
        }
        if (spec.timeouts() != null) {
            duration(problems, "spec.timeouts.idle", spec.timeouts().idle());
            duration(problems, "spec.timeouts.send", spec.timeouts().send());
        }
        if (spec.sessionAffinity() != null) {
            match(
                    problems,
                    "spec.sessionAffinity.cookieName",
                    spec.sessionAffinity().cookieName(),
                    RouteGrammar.COOKIE_NAME_PATTERN,
                    64,
                    false);
        }
        list(problems, "spec.allowedOrigins", spec.allowedOriginsOrEmpty(), RouteGrammar.ORIGIN_PATTERN, 300, 32);
        list(problems, "spec.sourceRanges", spec.sourceRangesOrEmpty(), RouteGrammar.CIDR_PATTERN, 43, 64);
        for (int i = 0; i < spec.sourceRangesOrEmpty().size(); i++) {
            String range = spec.sourceRangesOrEmpty().get(i);
            if (range != null && RouteGrammar.CIDR_PATTERN.matcher(range).matches() && !Cidr.valid(range)) {
                problems.add("spec.sourceRanges[%d]: %s is not a valid address range".formatted(i, range));
            }
        }
        Integer limit = spec.maxConnectionsPerClient();
        if (limit != null && (limit < 1 || limit > 100_000)) {
            problems.add("spec.maxConnectionsPerClient: must be between 1 and 100000, got " + limit);
        }
        if (spec.acceptedWarnings() != null) {
            List<String> accepted = spec.acceptedWarnings().rulesOrEmpty();
            if (accepted.isEmpty()) {
                problems.add("spec.acceptedWarnings.rules: at least one rule id is required");
            }
            list(problems, "spec.acceptedWarnings.rules", accepted, RouteGrammar.RULE_ID_PATTERN, 5, 32);
            match(
                    problems,
                    "spec.acceptedWarnings.reason",
                    spec.acceptedWarnings().reason(),
                    RouteGrammar.ONE_LINE_PATTERN,
                    300,
                    false);
        }
        return problems;
    }

    /** The idle timeout the route asks for, or the given default. Call only on a spec without problems. */
    public static Duration idle(WebSocketRouteSpec spec, Duration defaultValue) {
        return spec.timeouts() == null || spec.timeouts().idle() == null
                ? defaultValue
                : NginxTime.parse(spec.timeouts().idle()).orElseThrow();
    }

    /** The send timeout the route asks for, else its idle timeout. Call only on a spec without problems. */
    public static Duration send(WebSocketRouteSpec spec, Duration defaultValue) {
        return spec.timeouts() == null || spec.timeouts().send() == null
                ? idle(spec, defaultValue)
                : NginxTime.parse(spec.timeouts().send()).orElseThrow();
    }

    /**
     * A route is served either through an Ingress or through an HTTPRoute, never both: the two would race for the
     * same host and paths. (The CRD schema cannot say so on every Kubernetes version wsroute supports.)
     */
    private static void checkGatewayRef(List<String> problems, WebSocketRouteSpec spec) {
        if (spec.ingressClassName() != null) {
            problems.add("spec.gatewayRef: set either spec.ingressClassName or spec.gatewayRef, not both");
        }
        match(problems, "spec.gatewayRef.name", spec.gatewayRef().name(), RouteGrammar.SUBDOMAIN_PATTERN, 253, true);
        match(
                problems,
                "spec.gatewayRef.namespace",
                spec.gatewayRef().namespace(),
                RouteGrammar.NAMESPACE_PATTERN,
                63,
                false);
        match(
                problems,
                "spec.gatewayRef.sectionName",
                spec.gatewayRef().sectionName(),
                RouteGrammar.SUBDOMAIN_PATTERN,
                253,
                false);
    }

    private static void checkPath(List<String> problems, String field, RoutePath path, Set<String> seen) {
        if (path == null) {
            problems.add(field + ": missing");
            return;
        }
        match(problems, field + ".path", path.path(), RouteGrammar.PATH_PATTERN, 256, true);
        if (path.path() != null && !seen.add(path.pathTypeOrDefault() + " " + path.path())) {
            problems.add("%s.path: %s is listed twice".formatted(field, path.path()));
        }
        RouteService service = path.service();
        if (service == null) {
            problems.add(field + ".service: missing");
            return;
        }
        match(problems, field + ".service.name", service.name(), RouteGrammar.SERVICE_NAME_PATTERN, 63, true);
        RouteService.Port port = service.port();
        if (port == null || (port.number() == null) == (port.name() == null)) {
            problems.add(field + ".service.port: set exactly one of number and name");
            return;
        }
        if (port.number() != null && (port.number() < 1 || port.number() > 65535)) {
            problems.add("%s.service.port.number: must be between 1 and 65535, got %d".formatted(field, port.number()));
        }
        match(problems, field + ".service.port.name", port.name(), RouteGrammar.PORT_NAME_PATTERN, 15, false);
    }

    private static void duration(List<String> problems, String field, String value) {
        if (value == null) {
            return;
        }
        if (!match(problems, field, value, RouteGrammar.DURATION_PATTERN, 20, false)) {
            return;
        }
        Duration parsed = NginxTime.parse(value).orElse(null);
        if (parsed == null || parsed.isZero() || parsed.compareTo(MAX_TIMEOUT) > 0) {
            problems.add("%s: %s must be between 1s and 24h".formatted(field, value));
        }
    }

    private static void list(
            List<String> problems, String field, List<String> values, Pattern pattern, int maxLength, int maxItems) {
        if (values.size() > maxItems) {
            problems.add("%s: at most %d entries".formatted(field, maxItems));
        }
        for (int i = 0; i < values.size(); i++) {
            match(problems, field + "[" + i + "]", values.get(i), pattern, maxLength, true);
        }
    }

    /** @return true when the value is absent (and optional) or well-formed */
    private static boolean match(
            List<String> problems, String field, String value, Pattern pattern, int maxLength, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add(field + ": required");
            }
            return !required;
        }
        if (value.length() > maxLength || !pattern.matcher(value).matches()) {
            problems.add("%s: \"%s\" does not match %s".formatted(field, printable(value), pattern.pattern()));
            return false;
        }
        return true;
    }

    /** Control characters made visible, so a message with a hostile value stays one readable line. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.length() > 80 ? out + "..." : out.toString();
    }
}
