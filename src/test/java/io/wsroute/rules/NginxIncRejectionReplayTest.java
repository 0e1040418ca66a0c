package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.NginxIncSetup;
import io.wsroute.nginx.NginxIncVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The F5 controller's own validation table, replayed through wsroute's rules on a WebSocket Ingress: each case of
 * nginx/kubernetes-ingress v5.5.4 internal/k8s/validation_test.go TestValidateNginxIngressAnnotations (the fixture
 * of hack/f5-conformance-cases.py; validateIngressAnnotations in internal/k8s/validation.go) whose expected errors
 * name an annotation must give an error finding on that annotation, and an annotation the controller's test accepts
 * must get no finding that says the controller refuses it. The cases that need controller flags wsroute cannot see
 * (App Protect, internal routes, hosts left empty) are left to NginxIncConformanceTest.
 */
class NginxIncRejectionReplayTest {

    private static final String FIXTURE = "/conformance/nginx-inc-validation-v5.5.4.json";
    /** The validator wsroute does not reproduce (README "F5 annotations"). */
    private static final String NOT_MODELLED = "appprotect.f5.com/app-protect-security-log-destination";
    /** Rules whose findings say the controller refuses the annotation. */
    private static final Set<String> REFUSAL_RULES =
            Set.of(Rule.WS102.id(), Rule.WS109.id(), Rule.WS112.id(), Rule.WS118.id());

    static Stream<Arguments> replayable() throws IOException {
        JsonNode root;
        try (InputStream in = NginxIncRejectionReplayTest.class.getResourceAsStream(FIXTURE)) {
            root = new ObjectMapper().readTree(in);
        }
        List<Arguments> cases = new ArrayList<>();
        int index = 0;
        for (JsonNode c : root.get("annotationCases")) {
            index++;
            if (!needsUnseenFlags(c)) {
                cases.add(Arguments.of(index + ": " + c.path("msg").asText("(unnamed case)"), c));
            }
        }
        return cases.stream();
    }

    @Test
    void mostOfTheControllersTableIsReplayed() throws IOException {
        assertThat(replayable().count()).isGreaterThanOrEqualTo(300);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replayable")
    void everyRefusedAnnotationIsAnErrorAndNoAcceptedOneIsSaidToBeRefused(String name, JsonNode c) {
        Set<String> refused = new TreeSet<>();
        c.path("expectedErrors").forEach(e -> {
            String text = e.asText();
            refused.add(text.substring("annotations.".length(), text.indexOf(": ")));
        });
        refused.remove(NOT_MODELLED);
        List<Finding> findings = ingress(c).findings();

        for (String key : refused) {
            assertThat(findings)
                    .as("%s: the controller rejects the Ingress for %s", name, key)
                    .anyMatch(f -> f.severity() == Severity.ERROR
                            && f.field().equals(Fixtures.annotation(key))
                            && f.message().contains(key));
        }
        c.path("annotations").fieldNames().forEachRemaining(key -> {
            if (!refused.contains(key) && !key.equals(NOT_MODELLED)) {
                assertThat(findings)
                        .as("%s: the controller accepts %s", name, key)
                        .noneMatch(f ->
                                REFUSAL_RULES.contains(f.rule()) && f.field().equals(Fixtures.annotation(key)));
            }
        });
    }

    /** A WebSocket Ingress (marker) with the case's annotations, a path per Service of the case, its set-up. */
    private static Fixtures ingress(JsonNode c) {
        Fixtures fixtures = Fixtures.plain(NGINX_INC).noPaths().with("wsroute.io/websocket", "true");
        c.path("specServices").forEach(s -> fixtures.path("/" + s.asText(), s.asText(), 80));
        c.path("annotations")
                .fields()
                .forEachRemaining(e -> fixtures.with(e.getKey(), e.getValue().asText()));
        boolean snippets = c.path("snippetsEnabled").asBoolean(false);
        NginxIncSetup setup =
                new NginxIncSetup(NginxIncVersion.LATEST, c.path("isPlus").asBoolean(false), snippets, false);
        return fixtures.profile(ControllerProfile.defaults(NGINX_INC)
                .withSnippetsAllowed(snippets)
                .withNginxInc(setup));
    }

    /**
     * App Protect, App Protect DoS and internal routes are controller flags wsroute cannot see (it knows only that
     * App Protect needs NGINX Plus), and empty hosts depend on -allow-empty-ingress-host.
     */
    private static boolean needsUnseenFlags(JsonNode c) {
        boolean plus = c.path("isPlus").asBoolean(false);
        boolean[] flagged = {
            c.path("appProtectEnabled").asBoolean(false),
            c.path("appProtectDosEnabled").asBoolean(false),
            c.path("internalRoutesEnabled").asBoolean(false),
            c.path("hostless").asBoolean(false)
        };
        for (boolean flag : flagged) {
            if (flag) {
                return true;
            }
        }
        List<String> keys = new ArrayList<>();
        c.path("annotations").fieldNames().forEachRemaining(keys::add);
        return keys.stream()
                .anyMatch(k -> k.startsWith("nsm.nginx.com/")
                        || plus && (k.startsWith("appprotect.f5.com/") || k.startsWith("appprotectdos.f5.com/")));
    }
}
