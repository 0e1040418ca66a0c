package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The controller's value grammars, scanned instead of matched (nginx/kubernetes-ingress
 * internal/k8s/validation.go: annotationValueFmt {@code ([^"$\\]|\\[^$])*} and escapedStringsFmt
 * {@code ([^"\\]|\\.)*}). AdmissionPropertiesTest found the regex form overflowing Java's stack on a long
 * {@code nginx.org/policies} value: a 500 instead of an answer.
 */
class NginxIncGrammarScanTest {

    private static final Pattern ANNOTATION_VALUE = Pattern.compile("([^\"$\\\\]|\\\\[^$])*");
    private static final Pattern ESCAPED_STRING = Pattern.compile("([^\"\\\\]|\\\\.)*", Pattern.DOTALL);

    @Provide
    Arbitrary<String> values() {
        // Short strings over the characters that matter, so the regex (the reference) cannot overflow.
        return Arbitraries.strings().withChars("ab$\"\\\n ").ofMaxLength(12);
    }

    @Property(tries = 2000)
    void theScanAgreesWithTheControllersRegex(@ForAll("values") String value) {
        assertThat(NginxIncGrammar.isAnnotationValue(value))
                .as("annotation value %s", value)
                .isEqualTo(ANNOTATION_VALUE.matcher(value).matches());
        assertThat(NginxIncGrammar.isEscapedString(value))
                .as("escaped string %s", value)
                .isEqualTo(ESCAPED_STRING.matcher(value).matches());
    }

    @Test
    void longValuesAreJudgedWithoutOverflowing() {
        String plain = "3600" + ";".repeat(200_000);
        String escaped = "\\\"".repeat(100_000);
        assertThat(NginxIncGrammar.isAnnotationValue(plain)).isTrue();
        assertThat(NginxIncGrammar.isAnnotationValue(escaped)).isTrue();
        assertThat(NginxIncGrammar.isAnnotationValue(plain + "$")).isFalse();
        assertThat(NginxIncGrammar.isEscapedString(escaped)).isTrue();
        assertThat(NginxIncGrammar.isEscapedString(escaped + "\\")).isFalse();
    }
}
