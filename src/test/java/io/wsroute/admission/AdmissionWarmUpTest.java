package io.wsroute.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.cluster.LiveControllers;
import io.wsroute.config.TestConfigs;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.review.ReviewContextFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up only helps if its built-in review goes where real reviews go: through the parser, the
 * controller's annotation tables and the rules, on both decisions. It runs on the caches as they are before their
 * first list, as it does at start-up.
 */
class AdmissionWarmUpTest {

    private final WsrouteConfig config = TestConfigs.defaults();
    private final FixedClusterView cluster = new FixedClusterView().unsynced();
    private final ReviewContextFactory contexts =
            new ReviewContextFactory(cluster, new LiveControllers(cluster, config), config);
    private final AdmissionWarmUp warmUp =
            new AdmissionWarmUp(new IngressAdmission(contexts, AdmissionReviews.MAPPER), AdmissionReviews.MAPPER);

    @Test
    void theBuiltInReviewReachesTheRulesOnBothDecisions() {
        List<AdmissionVerdict> verdicts = warmUp.run();

        AdmissionVerdict validated = verdicts.get(0);
        assertThat(validated.uid()).isEqualTo("00000000-0000-0000-0000-000000000000");
        // a WebSocket Ingress left at nginx's 60 s idle timeout: the rules deny it, so they ran
        assertThat(validated.allowed()).isFalse();
        assertThat(validated.rules()).isNotEmpty();
        AdmissionVerdict mutated = verdicts.get(1);
        assertThat(mutated.allowed()).isTrue();
        assertThat(mutated.uid()).isEqualTo(validated.uid());
    }
}
