package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static io.wsroute.rules.Fixtures.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** wsroute.io/accept: exactly the listed warnings are silenced, errors never, and the list itself is checked. */
class AcceptanceTest {

    private static final String ACCEPT = "wsroute.io/accept";
    private static final String READ = "nginx.ingress.kubernetes.io/proxy-read-timeout";
    private static final String SEND = "nginx.ingress.kubernetes.io/proxy-send-timeout";

    private static WebSocketRules.Evaluation evaluate(Fixtures fixtures) {
        return new WebSocketRules().evaluateWithDetection(fixtures.review());
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    /** 60 s timeouts: two WS103 warnings (read and send). */
    private static Fixtures shortTimeouts() {
        return healthy(INGRESS_NGINX).with(READ, "60").with(SEND, "60");
    }

    @Test
    void listedWarningsMoveFromOpenToAccepted() {
        assertThat(ids(evaluate(shortTimeouts()).findings())).containsExactly("WS103", "WS103");

        WebSocketRules.Evaluation accepted = evaluate(shortTimeouts().with(ACCEPT, "WS103"));
        assertThat(accepted.findings()).isEmpty();
        assertThat(ids(accepted.accepted())).containsExactly("WS103", "WS103");
        assertThat(shortTimeouts().with(ACCEPT, "WS103").findings())
                .as("evaluate() gives the open findings")
                .isEmpty();
    }

    @Test
    void onlyTheListedRulesAreSilenced() {
        Fixtures two =
                shortTimeouts().with("nginx.org/websocket-services", "chat").with(ACCEPT, "WS103");
        WebSocketRules.Evaluation evaluation = evaluate(two);
        assertThat(ids(evaluation.findings())).containsExactly("WS110");
        assertThat(ids(evaluation.accepted())).containsOnly("WS103");
        assertThat(ids(evaluate(two.with(ACCEPT, "WS103,WS110")).findings())).isEmpty();
    }

    @Test
    void errorsAreNeverAcceptedAndTheAttemptIsAFinding() {
        Fixtures broken = healthy(INGRESS_NGINX).with(READ, "3600s").with(ACCEPT, "WS101");
        WebSocketRules.Evaluation evaluation = evaluate(broken);
        assertThat(ids(evaluation.findings())).containsExactly("WS101", "WS142");
        assertThat(evaluation.findings().get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(evaluation.accepted()).isEmpty();
        assertThat(evaluation.findings().get(1).message()).contains("WS101 is an error");
    }

    @Test
    void staleUnknownAndSelfReferringEntriesAreReported() {
        WebSocketRules.Evaluation evaluation =
                evaluate(healthy(NGINX_INC).with(ACCEPT, "WS113, ws103 WS999;x,WS140,,WS113"));
        assertThat(evaluation.findings())
                .extracting(Finding::rule, Finding::field)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("WS141", Fixtures.annotation(ACCEPT)),
                        org.assertj.core.groups.Tuple.tuple("WS141", Fixtures.annotation(ACCEPT)),
                        org.assertj.core.groups.Tuple.tuple("WS142", Fixtures.annotation(ACCEPT)),
                        org.assertj.core.groups.Tuple.tuple("WS140", Fixtures.annotation(ACCEPT)));
        assertThat(evaluation.findings()).allMatch(f -> f.severity() == Severity.WARNING);
        assertThat(evaluation.findings().stream().map(Finding::message))
                .anyMatch(m -> m.contains("\"ws103\""))
                .anyMatch(m -> m.contains("\"WS999;x\""))
                .anyMatch(m -> m.startsWith("WS113 is accepted on this Ingress but no longer occurs"));
    }

    @Test
    void aHostileListIsReadOnlyInPartAndQuotedShort() {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            list.append("WSX").append(i).append(',');
        }
        list.append("x".repeat(100_000)).append("\n;}");
        List<Finding> findings =
                evaluate(healthy(INGRESS_NGINX).with(ACCEPT, list.toString())).findings();
        assertThat(findings).hasSize(Acceptance.MAX_ENTRIES + 1);
        assertThat(findings).allMatch(f -> f.message().length() < 200);
    }

    @Test
    void theListMeansNothingOnIngressesWithoutWebSocketTraffic() {
        assertThat(evaluate(plain(INGRESS_NGINX).with(ACCEPT, "WS113,bogus")).findings())
                .isEmpty();
    }

    @Test
    void anEmptyListAcceptsNothingAndSaysNothing() {
        assertThat(ids(evaluate(shortTimeouts().with(ACCEPT, " , ")).findings()))
                .containsExactly("WS103", "WS103");
    }
}
