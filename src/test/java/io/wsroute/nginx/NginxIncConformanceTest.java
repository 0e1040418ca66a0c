package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsroute.nginx.NginxIncInput.Flag;
import io.wsroute.nginx.NginxIncVerdict.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The F5 controller's own validation test table, case by case: every case of nginx/kubernetes-ingress v5.5.4
 * internal/k8s/validation_test.go TestValidateNginxIngressAnnotations (which calls validateIngressAnnotations in
 * internal/k8s/validation.go), TestValidateProxySetHeaderAnnotation (validateProxySetHeaderAnnotation) and
 * TestValidateAddHeaderAnnotation (validateAddHeaderAnnotation), turned into a fixture by
 * hack/f5-conformance-cases.py: the same annotations, Services and flags must give exactly the error strings the
 * controller's test expects, in its order.
 */
class NginxIncConformanceTest {

    private static final String FIXTURE = "/conformance/nginx-inc-validation-v5.5.4.json";
    /** Validators wsroute does not reproduce; their cases must come out NOT_JUDGED, never a verdict. */
    private static final Set<String> NOT_MODELLED = Set.of("appprotect.f5.com/app-protect-security-log-destination");

    static Stream<Arguments> controllerCases() throws IOException {
        JsonNode root;
        try (InputStream in = NginxIncConformanceTest.class.getResourceAsStream(FIXTURE)) {
            root = new ObjectMapper().readTree(in);
        }
        List<Arguments> cases = new ArrayList<>();
        int index = 0;
        for (JsonNode c : root.get("annotationCases")) {
            index++;
            cases.add(Arguments.of(index + ": " + c.path("msg").asText("(unnamed case)"), c));
        }
        return cases.stream();
    }

    /** Annotations the controller's own test table exercises. */
    static Set<String> coveredByControllerTests() throws IOException {
        Set<String> keys = new TreeSet<>();
        controllerCases()
                .forEach(a ->
                        ((JsonNode) a.get()[1]).path("annotations").fieldNames().forEachRemaining(keys::add));
        return keys;
    }

    @Test
    void fixtureHoldsTheControllersWholeTable() throws IOException {
        assertThat(controllerCases().count()).isGreaterThanOrEqualTo(350);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controllerCases")
    void sameErrorsAsTheControllersOwnTest(String name, JsonNode c) {
        NginxIncInput input = input(c);
        List<String> expected = new ArrayList<>();
        c.path("expectedErrors").forEach(e -> expected.add(e.asText()));

        Set<String> notJudged = new TreeSet<>();
        for (String key : input.annotations().keySet()) {
            if (NginxIncValidation.judge(key, input).outcome() == Outcome.NOT_JUDGED) {
                notJudged.add(key);
            }
        }
        assertThat(notJudged)
                .as("only validators wsroute documents as not modelled may stay unjudged")
                .isSubsetOf(NOT_MODELLED);
        List<String> comparable = expected.stream()
                .filter(e -> notJudged.stream().noneMatch(k -> e.startsWith("annotations." + k + ":")))
                .toList();

        List<String> actual = NginxIncValidation.validateAnnotations(input).stream()
                .map(NginxIncProblem::message)
                .toList();
        assertThat(actual).as(name).containsExactlyElementsOf(comparable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controllerCases")
    void perAnnotationVerdictAgreesWithTheErrors(String name, JsonNode c) {
        NginxIncInput input = input(c);
        Set<String> rejected = new TreeSet<>();
        c.path("expectedErrors").forEach(e -> {
            String text = e.asText();
            rejected.add(text.substring("annotations.".length(), text.indexOf(": ")));
        });
        for (String key : input.annotations().keySet()) {
            NginxIncVerdict verdict = NginxIncValidation.judge(key, input);
            if (verdict.outcome() == Outcome.NOT_JUDGED) {
                continue;
            }
            assertThat(verdict.rejects()).as("%s: %s -> %s", name, key, verdict).isEqualTo(rejected.contains(key));
        }
    }

    private static NginxIncInput input(JsonNode c) {
        Map<String, String> annotations = new LinkedHashMap<>();
        c.path("annotations")
                .fields()
                .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        Set<String> services = new TreeSet<>();
        c.path("specServices").forEach(s -> services.add(s.asText()));
        NginxIncSetup setup = new NginxIncSetup(
                NginxIncVersion.LATEST,
                c.path("isPlus").asBoolean(false),
                c.path("snippetsEnabled").asBoolean(false),
                false);
        Map<Flag, Boolean> flags = new EnumMap<>(Flag.class);
        flags.put(Flag.APP_PROTECT, c.path("appProtectEnabled").asBoolean(false));
        flags.put(Flag.APP_PROTECT_DOS, c.path("appProtectDosEnabled").asBoolean(false));
        flags.put(Flag.INTERNAL_ROUTES, c.path("internalRoutesEnabled").asBoolean(false));
        return new NginxIncInput(
                annotations, services, setup, flags, c.path("hostless").asBoolean(false));
    }
}
