package io.wsroute.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.wsroute.config.WsrouteConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderElectionSettingsTest {

    @Test
    void offWithoutANamespaceSoLocalRunsAndTestsNeedNone() {
        assertThat(new LeaderElectionSettings().leaderElection(config(Map.of()), () -> {}, () -> {}))
                .isNull();
    }

    @Test
    void leaseInTheConfiguredNamespaceAsTheChartSetsIt() {
        LeaderElectionConfiguration lease = new LeaderElectionSettings()
                .leaderElection(
                        config(Map.of(
                                "wsroute.leader-election.namespace",
                                "wsroute-system",
                                "wsroute.leader-election.lease-name",
                                "wsroute-leader")),
                        () -> {},
                        () -> {});
        assertThat(lease.getLeaseName()).isEqualTo("wsroute-leader");
        assertThat(lease.getLeaseNamespace()).contains("wsroute-system");
    }

    private static WsrouteConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(WsrouteConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(values)
                .build()
                .getConfigMapping(WsrouteConfig.class);
    }
}
