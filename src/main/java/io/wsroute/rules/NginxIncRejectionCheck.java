package io.wsroute.rules;

import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.NginxIncInput;
import io.wsroute.nginx.NginxIncProblem;
import io.wsroute.nginx.NginxIncSetup;
import io.wsroute.nginx.NginxIncValidation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * WS118 on the F5 controller ({@link RejectionCheck} runs it only there): an annotation the controller's validation refuses, which makes it reject the whole Ingress,
 * WebSocket paths included. The verdicts come from the F5 annotation table (README "F5 annotations"); the read and
 * send timeouts (WS102), websocket-services (WS109) and snippets (WS112) have rules of their own and are left to them.
 */
final class NginxIncRejectionCheck implements RejectionCheck.PlaneRejectionCheck {

    /** Keys whose rejection another rule already reports, with a fix of its own. */
    private static final Set<String> OWN_RULES = Set.of(
            NginxIncAnnotations.PROXY_READ_TIMEOUT,
            NginxIncAnnotations.PROXY_SEND_TIMEOUT,
            NginxIncAnnotations.WEBSOCKET_SERVICES,
            NginxIncAnnotations.LOCATION_SNIPPETS,
            NginxIncAnnotations.SERVER_SNIPPETS);

    @Override
    public Stream<Finding> check(ReviewedIngress ingress) {
        NginxIncSetup setup = ingress.profile().nginxInc();
        NginxIncInput input = ingress.nginxIncInput();
        Map<String, List<NginxIncProblem>> byKey = new LinkedHashMap<>();
        for (NginxIncProblem problem : NginxIncValidation.rejections(input)) {
            if (reports(problem.annotation())) {
                byKey.computeIfAbsent(problem.annotation(), k -> new java.util.ArrayList<>())
                        .add(problem);
            }
        }
        return byKey.entrySet().stream().map(e -> finding(ingress, setup, e.getKey(), e.getValue()));
    }

    @Override
    public boolean reports(String key) {
        return !OWN_RULES.contains(key);
    }

    private static Finding finding(
            ReviewedIngress ingress, NginxIncSetup setup, String key, List<NginxIncProblem> problems) {
        String said = problems.stream().map(NginxIncProblem::message).collect(Collectors.joining("; "));
        boolean plusOnly = problems.stream().allMatch(NginxIncProblem::needsPlus);
        String why = plusOnly
                ? "%s needs NGINX Plus, and the F5 controller runs NGINX OSS (wsroute.controllers.nginx-inc.plus is false)"
                        .formatted(key)
                : "the F5 NGINX Ingress Controller %s refuses %s".formatted(setup.version(), key);
        return ingress.finding(
                Rule.WS118,
                ReviewedIngress.annotationField(key),
                "%s (\"%s\"), so it rejects the whole Ingress (event \"Rejected\") and serves none of its paths, the WebSocket ones included"
                        .formatted(why, said),
                NginxIncRejectionFixes.fix(key, problems.get(0), setup, ingress));
    }
}
