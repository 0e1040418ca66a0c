package io.wsroute.rules;

import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.NginxIncProblem;
import io.wsroute.nginx.NginxIncSetup;
import java.util.stream.Collectors;

/** The fix for each kind of F5 rejection (WS118), from the controller's own reason. */
final class NginxIncRejectionFixes {

    private NginxIncRejectionFixes() {}

    static String fix(String key, NginxIncProblem problem, NginxIncSetup setup, ReviewedIngress ingress) {
        String value = ingress.annotations().getOrDefault(key, "");
        if (problem.needsPlus()) {
            return NginxIncAnnotations.cookieAffinityKey(setup)
                    .filter(k -> key.equals(NginxIncAnnotations.PLUS_STICKY_COOKIE_SERVICES))
                    .map(k -> "rename it to %s (same value): NGINX OSS reads that one from release 5.4".formatted(k))
                    .orElse(
                            "remove %s; or, if the controller runs NGINX Plus, set wsroute.controllers.nginx-inc.plus=true"
                                    .formatted(key));
        }
        if (key.equals(NginxIncAnnotations.LB_METHOD) && NginxIncAnnotations.isPlusOnlyLbMethod(value)) {
            return "set %s: \"least_conn\" (\"%s\" needs NGINX Plus; NGINX OSS takes round_robin, least_conn, ip_hash, random, hash <key>)"
                    .formatted(key, value.strip());
        }
        String detail = problem.detail();
        if (detail.startsWith("must be a time")) {
            return "set %s to an nginx time such as \"60s\" or \"1h\" (units y M w d h m s ms, in that order, no decimals)"
                    .formatted(key);
        }
        if (detail.startsWith("must be a boolean")) {
            return "set %s: \"true\" or \"false\"".formatted(key);
        }
        if (detail.startsWith("must be an integer") || detail.startsWith("must be a non-negative integer")) {
            return "set %s to a whole number, without unit or spaces".formatted(key);
        }
        if (detail.contains("services were not found")) {
            String used = ingress.backends().stream()
                    .map(Backend::serviceName)
                    .distinct()
                    .sorted()
                    .collect(Collectors.joining(","));
            return "name only Services this Ingress routes to (%s), without spaces, or remove %s".formatted(used, key);
        }
        if (problem.type() == NginxIncProblem.Type.REQUIRED) {
            return "give %s a value or remove it".formatted(key);
        }
        return "change %s to a value the controller accepts (it says: %s), or remove it".formatted(key, detail);
    }
}
