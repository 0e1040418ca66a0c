package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The controller's validators are Go regular expressions, which Go matches in linear time (RE2). Matched with
 * java.util.regex, {@code ^([A-Za-z]+,?\s?)+$} (cors-allow-methods, internal/ingress/annotations/cors/main.go) took
 * longer than the webhook's deadline on a 40-letter value ending in a character it refuses
 * (AdmissionPropertiesTest found it). The verdicts stay the controller's; only the time is bounded.
 */
class IngressNginxValidatorLinearTest {

    @Test
    void backtrackingPatternsAnswerAtOnceOnValuesThatAlmostMatch() {
        IngressNginxValidator methods =
                IngressNginxValidator.regex("methods separated by commas", "^([A-Za-z]+,?\\s?)+$", true);
        IngressNginxValidator ciphers = IngressNginxValidator.regex(
                "an OpenSSL cipher list",
                "^(?:(?:[A-Za-z0-9!:+\\-_])*(?:@STRENGTH)*(?:@SECLEVEL=[0-5])*(?:@STRENGTH)*)*$",
                true);
        String almost = "a".repeat(5_000) + "!";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(methods.test(almost)).isFalse();
            assertThat(methods.test("GET, POST,PUT")).isTrue();
            assertThat(ciphers.test("A".repeat(5_000) + "@STRENGTH" + "\"")).isFalse();
            assertThat(ciphers.test("ECDHE-RSA-AES128-GCM-SHA256:@STRENGTH")).isTrue();
        });
    }
}
