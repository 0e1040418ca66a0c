package io.wsroute.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.gateway.NgfOnRealNginxTest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every error rule is proven by behaviour on real nginx by at least one data plane suite (two Ingress controllers, NGF). */
class RealNginxCoverageTest {

    @Test
    void everyErrorRuleHasABreakingCaseOnRealNginx() {
        Set<Rule> proven = EnumSet.noneOf(Rule.class);
        proven.addAll(IngressNginxOnRealNginxTest.PROVEN);
        proven.addAll(NginxIncOnRealNginxTest.PROVEN);
        proven.addAll(NgfOnRealNginxTest.PROVEN);
        assertThat(proven)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Rule.values())
                        .filter(r -> r.severity() == Severity.ERROR)
                        .toList());
    }
}
