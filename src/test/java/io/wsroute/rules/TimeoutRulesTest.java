package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WS101-WS103: value formats per controller, where the effective value comes from, and what each timeout does. */
class TimeoutRulesTest {

    private static final String READ_IN = "nginx.ingress.kubernetes.io/proxy-read-timeout";
    private static final String SEND_IN = "nginx.ingress.kubernetes.io/proxy-send-timeout";

    @Test
    void unitOnIngressNginxNamesTheSilentFallbackAndItsSource() {
        Finding finding = healthy(INGRESS_NGINX)
                .configMap("proxy-read-timeout", "120", "proxy-send-timeout", "3600")
                .with(READ_IN, "3600s")
                .findings(Rule.WS101)
                .get(0);
        assertThat(finding.message())
                .contains("\"3600s\"")
                .contains("silently")
                .contains("120 s")
                .contains(Fixtures.CONFIG_MAP);
        assertThat(finding.fix()).isEqualTo("set " + READ_IN + ": \"3600\" (integer seconds, no unit)");
    }

    @ParameterizedTest
    @CsvSource({"2h,7200", "90m,5400", "30s,3600", "' 3600',3600", "3600.0,3600", "1h30,3630"})
    void fixKeepsWhatTheUserMeantWhenLongEnough(String written, String fixed) {
        Finding finding = healthy(INGRESS_NGINX)
                .with(READ_IN, written)
                .findings(Rule.WS101)
                .get(0);
        assertThat(finding.fix()).startsWith("set " + READ_IN + ": \"" + fixed + "\"");
    }

    @Test
    void invalidValueIsNotAlsoReportedAsTooShort() {
        assertThat(healthy(INGRESS_NGINX).with(READ_IN, "3600s").ruleIds()).containsExactly("WS101");
        assertThat(healthy(NGINX_INC)
                        .with("nginx.org/proxy-send-timeout", "1 hour")
                        .ruleIds())
                .containsExactly("WS102");
    }

    @Test
    void nginxIncInvalidValueRejectsTheWholeIngress() {
        assertThat(healthy(NGINX_INC)
                        .with("nginx.org/proxy-read-timeout", "3600 s;")
                        .findings(Rule.WS102)
                        .get(0)
                        .message())
                .contains("rejects the whole Ingress");
    }

    @ParameterizedTest(name = "\"{0}\" rejected: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // internal/configs/parsing_helpers.go ParseTime (validation.go validateTimeAnnotation): timeRegexp
                // on the value as written; after "ms" no space may follow, and Go's \s has no vertical tab
                "'5ms '|true",
                "'1h\u000B'|true",
                "not_a_time|true",
                // the same regexp lets spaces between and around the units through
                "' 1h'|false",
                "'1h '|false",
                "1h 30m|false",
                "'\t3600s'|false",
            })
    void nginxIncTimeoutIsJudgedAsTheControllersValidationDoes(String value, boolean rejected) {
        Fixtures ingress = healthy(NGINX_INC).with("nginx.org/proxy-read-timeout", value);
        if (rejected) {
            Finding finding = ingress.findings(Rule.WS102).get(0);
            assertThat(finding.field()).isEqualTo(Fixtures.annotation("nginx.org/proxy-read-timeout"));
            assertThat(finding.message())
                    .contains("nginx.org/proxy-read-timeout")
                    .contains("annotations.nginx.org/proxy-read-timeout: Invalid value:")
                    .contains("must be a time")
                    .contains("rejects the whole Ingress");
            assertThat(finding.fix()).isEqualTo("set nginx.org/proxy-read-timeout: \"3600s\"");
        } else {
            assertThat(ingress.findings(Rule.WS102)).isEmpty();
        }
    }

    @Test
    void readAndSendTimeoutsSayWhatEachCuts() {
        Fixtures defaults = healthy(INGRESS_NGINX).without(READ_IN).without(SEND_IN);
        var findings = defaults.findings(Rule.WS103);
        assertThat(findings)
                .extracting(Finding::field)
                .containsExactly(Fixtures.annotation(READ_IN), Fixtures.annotation(SEND_IN));
        assertThat(findings.get(0).message())
                .contains("60 s")
                .contains("no message for 60 s")
                .contains("ingress-nginx built-in defaults");
        assertThat(findings.get(0).fix()).contains("ping more often than every 60 s");
        assertThat(findings.get(1).message()).contains("backend stops reading");
        assertThat(findings.get(1).fix()).doesNotContain("ping");
    }

    @Test
    void annotationShorterThanTheMinimumIsAWarningFromTheAnnotation() {
        Finding finding = healthy(NGINX_INC)
                .with("nginx.org/proxy-read-timeout", "10m")
                .findings(Rule.WS103)
                .get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("600 s (from the annotation)").contains("3600 s minimum");
    }

    @Test
    void nginxIncConfigMapTimeIsTheFallback() {
        Fixtures fromConfigMap = healthy(NGINX_INC)
                .without("nginx.org/proxy-read-timeout")
                .without("nginx.org/proxy-send-timeout")
                .configMap("proxy-read-timeout", "2h", "proxy-send-timeout", "1h");
        assertThat(fromConfigMap.findings()).isEmpty();
    }

    @Test
    void annotationFormatsAreNotInterchangeable() {
        // The F5 controller accepts a bare number (seconds); ingress-nginx refuses units.
        assertThat(healthy(NGINX_INC)
                        .with("nginx.org/proxy-read-timeout", "7200")
                        .findings())
                .isEmpty();
        assertThat(healthy(INGRESS_NGINX).with(READ_IN, "7200s").ruleIds()).containsExactly("WS101");
    }
}
