package io.wsroute.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** {@link WsrouteConfig} as SmallRye maps it, from its declared defaults plus overrides, without booting Quarkus. */
public final class TestConfigs {

    private TestConfigs() {}

    public static WsrouteConfig wsroute(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(WsrouteConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(overrides)
                .build();
        return config.getConfigMapping(WsrouteConfig.class);
    }

    public static WsrouteConfig defaults() {
        return wsroute(Map.of());
    }
}
