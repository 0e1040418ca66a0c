package io.wsroute.admission;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.wsroute.config.WsrouteConfig;
import java.time.Duration;
import java.util.Map;

/** {@link WsrouteConfig} as SmallRye maps it, from its declared defaults plus overrides, without booting Quarkus. */
final class TestConfigs {

    private TestConfigs() {}

    static WsrouteConfig wsroute(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(WsrouteConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(overrides)
                .build();
        return config.getConfigMapping(WsrouteConfig.class);
    }

    static WsrouteConfig defaults() {
        return wsroute(Map.of());
    }
}
