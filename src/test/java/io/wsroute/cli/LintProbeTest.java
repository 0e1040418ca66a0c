package io.wsroute.cli;

import static io.wsroute.cli.LintRun.lint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsroute.probe.ProbeTargets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code lint --probe} against real nginx: the 426 to 101 story from a laptop or CI job, and its exit codes. */
class LintProbeTest {

    private static ProbeTargets targets;

    @BeforeAll
    static void start() throws Exception {
        targets = new ProbeTargets();
    }

    @AfterAll
    static void stop() throws Exception {
        if (targets != null) {
            targets.close();
        }
    }

    @Test
    void withoutTheFixTheProbeFailsWith426() {
        LintRun run = lint("--probe", targets.ws("/plain"), "--probe-host", ProbeTargets.HOST);
        assertThat(run.exit()).as(run.toString()).isEqualTo(LintCommand.ERRORS_FOUND);
        assertThat(run.out())
                .startsWith("FAIL ws://127.0.0.1:")
                .contains("(Host: chat.example.com)")
                .contains("426 from backend: the proxy did not forward the Upgrade header")
                .contains("[UpgradeNotForwarded, ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void withTheFixItPasses() {
        LintRun run = lint("--probe", targets.ws("/fixed"), "--probe-host", ProbeTargets.HOST);
        assertThat(run.exit()).as(run.toString()).isEqualTo(LintCommand.OK);
        assertThat(run.out()).startsWith("OK   ").contains("101 Switching Protocols");
    }

    @Test
    void wssWithSelfSignedCertificateNeedsInsecure() {
        LintRun strict = lint("--probe", targets.wss("/fixed"), "--probe-host", ProbeTargets.HOST);
        assertThat(strict.exit()).isEqualTo(LintCommand.ERRORS_FOUND);
        assertThat(strict.out())
                .contains("TLS handshake")
                .contains("--insecure")
                .contains("[TlsFailure");

        LintRun insecure = lint("--probe", targets.wss("/fixed"), "--probe-host", ProbeTargets.HOST, "--insecure");
        assertThat(insecure.exit()).as(insecure.toString()).isEqualTo(LintCommand.OK);
    }

    @Test
    void jsonOutput() {
        LintRun run = lint("--probe", "ws://127.0.0.1:" + targets.closedPort + "/ws", "-o", "json");
        assertThat(run.exit()).isEqualTo(LintCommand.ERRORS_FOUND);
        JsonNode json = run.json();
        assertThat(json.path("upgraded").asBoolean()).isFalse();
        assertThat(json.path("reason").asText()).isEqualTo("ConnectionRefused");
        assertThat(json.path("status").isNull()).isTrue();
        assertThat(json.path("host").asText()).isEqualTo("127.0.0.1:" + targets.closedPort);
        assertThat(json.path("diagnosis").asText()).contains("connection refused");
    }

    @Test
    void timeoutIsBounded() {
        LintRun run = lint("--probe", "ws://127.0.0.1:" + targets.silentPort + "/", "--probe-timeout", "300ms");
        assertThat(run.exit()).isEqualTo(LintCommand.ERRORS_FOUND);
        assertThat(run.out()).contains("[Timeout, ");
    }

    @Test
    void badUsageExits2() {
        assertThat(lint("--probe", "http://example.com/").exit()).isEqualTo(LintCommand.UNREADABLE);
        assertThat(lint("--probe", "ws://example.com/", "--probe-host", "a b").err())
                .contains("host must be");
        assertThat(lint("--probe", "ws://example.com/", "--probe-timeout", "soon")
                        .exit())
                .isEqualTo(LintCommand.UNREADABLE);
        assertThat(lint("--probe", "ws://example.com/", "deploy/examples").err())
                .contains("not files");
        assertThat(lint("--insecure", "deploy/examples").exit()).isEqualTo(LintCommand.UNREADABLE);
        LintRun nothing = lint();
        assertThat(nothing.exit()).isEqualTo(LintCommand.UNREADABLE);
        assertThat(nothing.err()).contains("--probe URL");
    }
}
