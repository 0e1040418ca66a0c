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

    /**
     * Warnings whose claim is nginx's behaviour: WS103 (nginx cuts the idle socket), WS104 (nginx answers the
     * handshake with a redirect), WS114 (the old worker closes sockets worker_shutdown_timeout after a reload), WS117
     * (nginx sends a second Connection line). The other warnings are the controller's reading of a key (WS110,
     * WS111, WS116), wsroute's own bookkeeping (WS140-WS142), or a question of several replicas (WS113).
     */
    @Test
    void everyWarningNginxDecidesIsShownOnRealNginx() {
        Set<Rule> shown = EnumSet.noneOf(Rule.class);
        shown.addAll(IngressNginxOnRealNginxTest.SHOWN);
        shown.addAll(NginxIncOnRealNginxTest.SHOWN);
        shown.addAll(ReloadGraceOnRealNginxTest.SHOWN);
        assertThat(shown).containsExactlyInAnyOrder(Rule.WS103, Rule.WS104, Rule.WS114, Rule.WS117);
        assertThat(shown).allSatisfy(rule -> assertThat(rule.severity()).isEqualTo(Severity.WARNING));
    }
}
