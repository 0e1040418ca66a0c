package io.wsroute.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing real part skips a test on a laptop and fails it under CI=true. */
class PrerequisitesTest {

    @Test
    void underCiAMissingPartFailsTheTest() {
        assertThatThrownBy(() -> Prerequisites.require(false, "no nginx binary", Map.of("CI", "true")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no nginx binary")
                .hasMessageContaining("CI=true");
        assertThatThrownBy(() -> Prerequisites.require(false, "no openssl", Map.of("CI", "TRUE")))
                .isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void elsewhereAMissingPartSkipsTheTestLoudly() {
        assertThatThrownBy(() -> Prerequisites.require(false, "no nginx binary", Map.of()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("SKIPPED: no nginx binary");
        assertThatThrownBy(() -> Prerequisites.require(false, "no nginx binary", Map.of("CI", "false")))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void aPresentPartLetsTheTestRunEverywhere() {
        assertThatCode(() -> Prerequisites.require(true, "unused", Map.of("CI", "true")))
                .doesNotThrowAnyException();
        assertThatCode(() -> Prerequisites.require(true, "unused", Map.of())).doesNotThrowAnyException();
    }
}
