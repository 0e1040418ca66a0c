package io.wsroute.nginx.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.NginxTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What nginx itself accepts where a controller writes a ConfigMap value as it stands (F5 configmaps.go
 * ParseConfigMap: proxy-read-timeout and friends; ingress-nginx nginx.tmpl: worker_shutdown_timeout, and
 * {@code proxy_read_timeout <int>s}): {@link NginxTime#parseDirectiveArgument} must say "refused" exactly when
 * {@code nginx -t} refuses the directive, and read the same duration when it accepts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxTimeOnRealNginxTest {

    /** Written into a location as {@code proxy_read_timeout <value>;} and as {@code worker_shutdown_timeout}. */
    private static final List<String> VALUES = List.of(
            "60s", "3600", "1h30m", "1h 30m", "1h30", "30m1h", "-1s", "-1", "0", "1d", "1y", "1M", "2w", "100ms",
            "1s500ms", "10S", "1H", "1m1m", "1.5s", "+5s", "0x10", "an hour", "1 hour", "");

    private NginxServer nginx;

    @BeforeAll
    void start() throws Exception {
        nginx = NginxServer.start(ControllerTemplate.defaultServer());
    }

    @AfterAll
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void wsrouteReadsATimeArgumentExactlyAsNginxDoes() throws Exception {
        for (String value : VALUES) {
            Optional<Duration> ours = NginxTime.parseDirectiveArgument(value);
            String location = nginx.check("""
                    server {
                        listen 127.0.0.1:$PORT;
                        location / { proxy_read_timeout %s; return 204; }
                    }
                    """.formatted(value));
            assertThat(ours.isPresent())
                    .as("proxy_read_timeout %s; nginx says: %s", value, location)
                    .isEqualTo(location == null);
        }
    }

    @Test
    void acceptedValuesMeanWhatNginxMeans() {
        assertThat(NginxTime.parseDirectiveArgument("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(NginxTime.parseDirectiveArgument("1h30")).contains(Duration.ofSeconds(3630));
        assertThat(NginxTime.parseDirectiveArgument("3600")).contains(Duration.ofHours(1));
        assertThat(NginxTime.parseDirectiveArgument("1s500ms")).contains(Duration.ofMillis(1500));
        assertThat(NginxTime.parseDirectiveArgument(" 2w ")).contains(Duration.ofDays(14));
    }
}
