package io.wsroute.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every error rule is proven by behaviour on real nginx by at least one of the two flavour suites. */
class RealNginxCoverageTest {

    @Test
    void everyErrorRuleHasABreakingCaseOnRealNginx() {
        Set<Rule> proven = EnumSet.noneOf(Rule.class);
        proven.addAll(IngressNginxOnRealNginxTest.PROVEN);
        proven.addAll(NginxIncOnRealNginxTest.PROVEN);
        assertThat(proven)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Rule.values())
                        .filter(r -> r.severity() == Severity.ERROR)
                        .toList());
    }
}
