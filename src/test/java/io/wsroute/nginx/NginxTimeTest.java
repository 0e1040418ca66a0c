package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NginxTimeTest {

    @ParameterizedTest
    @CsvSource({"90,90", "90s,90", "1h,3600", "60m,3600", "1h 30m,5400", "1d,86400", "1w,604800", "500ms,0",
            "1m30s,90"})
    void parsesNginxTime(String value, long seconds) {
        assertThat(NginxTime.parse(value)).contains(Duration.ofSeconds(seconds).plusMillis(value.endsWith("ms") ? 500 : 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "one hour", "1.5h", "30m 1h", "-5s", "3600 s;", "1h;include /etc/passwd"})
    void rejectsWhatTheF5ControllerRejects(String value) {
        assertThat(NginxTime.parse(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"3600,3600", "+60,60", "0,0"})
    void ingressNginxSecondsAreIntegers(String value, long seconds) {
        assertThat(NginxTime.parseSeconds(value)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3600s", "1h", " 3600", "3600.0", "", "99999999999999999999"})
    void ingressNginxRejectsUnits(String value) {
        assertThat(NginxTime.parseSeconds(value)).isEmpty();
    }
}
