package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NginxTimeTest {

    @ParameterizedTest
    @CsvSource({
        "90,90000",
        "90s,90000",
        "1h,3600000",
        "60m,3600000",
        "1h 30m,5400000",
        "1h30m,5400000",
        "1d,86400000",
        "1w,604800000",
        "1M,2592000000",
        "1y,31536000000",
        "500ms,500",
        "1m30s,90000",
        "1h30,3630000",
        "'1h ',3600000",
        "1s 500ms,1500"
    })
    void parsesNginxTimeAsTheF5ControllerDoes(String value, long millis) {
        assertThat(NginxTime.parse(value)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "one hour",
                "1.5h",
                "30m 1h",
                "-5s",
                "3600 s;",
                "1h;include /etc/passwd",
                "1H",
                "99999999999999999999y"
            })
    void rejectsWhatTheF5ControllerRejects(String value) {
        assertThat(NginxTime.parse(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"3600,3600", "+60,60", "0,0", "007,7"})
    void ingressNginxSecondsAreGoAtoi(String value, long seconds) {
        assertThat(NginxTime.parseSeconds(value)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3600s", "1h", " 3600", "3600 ", "3600.0", "", "99999999999999999999", "0x10"})
    void ingressNginxRefusesUnitsAndSpaces(String value) {
        assertThat(NginxTime.parseSeconds(value)).isEmpty();
    }

    @Test
    void timeoutFormatsFollowTheController() {
        assertThat(NginxTime.parseTimeout(ControllerFlavor.INGRESS_NGINX, "3600s"))
                .isEmpty();
        assertThat(NginxTime.parseTimeout(ControllerFlavor.NGINX_INC, "3600s")).contains(Duration.ofHours(1));
        assertThat(NginxTime.formatTimeout(ControllerFlavor.INGRESS_NGINX, Duration.ofHours(1)))
                .isEqualTo("3600");
        assertThat(NginxTime.formatTimeout(ControllerFlavor.NGINX_INC, Duration.ofHours(1)))
                .isEqualTo("3600s");
    }

    @ParameterizedTest
    @CsvSource({"3600,1h", "90,90s", "300,5m", "0,0s"})
    void formatsCompactly(long seconds, String expected) {
        assertThat(NginxTime.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
        assertThat(NginxTime.parse(expected)).contains(Duration.ofSeconds(seconds));
    }
}
