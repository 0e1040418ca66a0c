package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoBoolTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "t", "T", "true", "True", "TRUE"})
    void trueValues(String value) {
        assertThat(GoBool.parse(value)).contains(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "f", "F", "false", "False", "FALSE"})
    void falseValues(String value) {
        assertThat(GoBool.parse(value)).contains(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "on", "tRUE", " true", "", "2"})
    void whatGoRefuses(String value) {
        assertThat(GoBool.parse(value)).isEmpty();
        assertThat(GoBool.isTrue(value)).isFalse();
    }
}
