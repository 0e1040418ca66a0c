package io.wsroute.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe against real nginx: each answer it can get, and the diagnosis it gives. */
class HandshakeProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static ProbeTargets targets;
    private final HandshakeProbe probe = new HandshakeProbe();

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

    private ProbeResult probe(String url) {
        return probe(url, ProbeTargets.HOST, false);
    }

    private ProbeResult probe(String url, String host, boolean insecure) {
        return probe.probe(ProbeRequest.of(url, Optional.ofNullable(host), TIMEOUT, insecure));
    }

    @Test
    void plainProxyWithoutTheFixGets426FromTheBackend() {
        ProbeResult result = probe(targets.ws("/plain"));
        assertThat(result.outcome()).isEqualTo(ProbeOutcome.UPGRADE_NOT_FORWARDED);
        assertThat(result.status()).hasValue(426);
        assertThat(result.diagnosis()).startsWith("426 from backend: the proxy did not forward the Upgrade header");
    }

    @Test
    void theThreeDirectivesGive101() {
        ProbeResult result = probe(targets.ws("/fixed"));
        assertThat(result.outcome()).as(result.diagnosis()).isEqualTo(ProbeOutcome.UPGRADED);
        assertThat(result.upgraded()).isTrue();
        assertThat(result.status()).hasValue(101);
        assertThat(result.diagnosis()).startsWith("101 Switching Protocols");
    }

    @Test
    void hostOverrideReachesTheVirtualHost() {
        assertThat(probe(targets.ws("/fixed"), null, false).outcome()).isEqualTo(ProbeOutcome.NOT_FOUND);
        ProbeResult notFound = probe(targets.ws("/fixed"), "other.example.com", false);
        assertThat(notFound.status()).hasValue(404);
        assertThat(notFound.diagnosis()).contains("other.example.com").contains("/fixed");
    }

    @Test
    void backendDownIs502() {
        ProbeResult result = probe(targets.ws("/down"));
        assertThat(result.outcome()).isEqualTo(ProbeOutcome.BACKEND_UNAVAILABLE);
        assertThat(result.diagnosis()).startsWith("502 Bad Gateway").contains("server: nginx");
    }

    @Test
    void backendSilentIs504() {
        ProbeResult result = probe(targets.ws("/slow"));
        assertThat(result.outcome()).isEqualTo(ProbeOutcome.BACKEND_UNAVAILABLE);
        assertThat(result.diagnosis()).startsWith("504 Gateway Time-out");
    }

    @Test
    void redirectIsAFailureWithTheTarget() {
        ProbeResult result = probe(targets.ws("/redirect"));
        assertThat(result.outcome()).isEqualTo(ProbeOutcome.REDIRECTED);
        assertThat(result.diagnosis())
                .contains("308")
                .contains("https://chat.example.com/redirect")
                .contains("do not follow redirects")
                .contains("use wss://");
    }

    @Test
    void wssThroughTlsTermination() {
        ProbeResult insecure = probe(targets.wss("/fixed"), ProbeTargets.HOST, true);
        assertThat(insecure.outcome()).as(insecure.diagnosis()).isEqualTo(ProbeOutcome.UPGRADED);

        ProbeResult strict = probe(targets.wss("/fixed"), ProbeTargets.HOST, false);
        assertThat(strict.outcome()).isEqualTo(ProbeOutcome.TLS_FAILURE);
        assertThat(strict.status()).isEmpty();
        assertThat(strict.diagnosis()).contains("TLS handshake").contains("--insecure");
    }

    @Test
    void wrongSchemeForThePort() {
        ProbeResult plainToTls =
                probe(targets.ws("/fixed").replace(":" + targets.nginx.port(), ":" + targets.nginx.tlsPort()));
        assertThat(plainToTls.outcome()).isEqualTo(ProbeOutcome.BAD_REQUEST);
        assertThat(plainToTls.status()).hasValue(400);

        ProbeResult tlsToPlain = probe(
                targets.wss("/fixed").replace(":" + targets.nginx.tlsPort(), ":" + targets.nginx.port()),
                ProbeTargets.HOST,
                true);
        assertThat(tlsToPlain.outcome()).isEqualTo(ProbeOutcome.TLS_FAILURE);
    }

    @Test
    void nothingListening() {
        ProbeResult result = probe("ws://127.0.0.1:" + targets.closedPort + "/");
        assertThat(result.outcome()).isEqualTo(ProbeOutcome.CONNECTION_REFUSED);
        assertThat(result.diagnosis()).contains("connection refused at 127.0.0.1:" + targets.closedPort);
    }

    @Test
    void silentPeerTimesOutWithinTheBound() {
        ProbeResult result = probe.probe(ProbeRequest.of(
                "ws://127.0.0.1:" + targets.silentPort + "/", Optional.empty(), Duration.ofMillis(300), false));
        assertThat(result.outcome()).isEqualTo(ProbeOutcome.TIMEOUT);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(3));
        assertThat(result.diagnosis()).contains("within 300 ms");
    }

    @Test
    void switchingProtocolsWithAWrongAcceptIsNotAWebSocket() {
        ProbeResult result = probe("ws://127.0.0.1:" + targets.fakePort + "/");
        assertThat(result.outcome()).isEqualTo(ProbeOutcome.BAD_ACCEPT);
        assertThat(result.status()).hasValue(101);
        assertThat(result.diagnosis()).contains("not-the-hash");
    }

    @Test
    void acceptHashIsRfc6455s() {
        // the example of RFC 6455 section 1.3
        assertThat(HandshakeProbe.expectedAccept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void requestsAreValidatedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> ProbeRequest.of("http://example.com/", Optional.empty(), TIMEOUT, false))
                .hasMessageContaining("ws:// or wss://");
        assertThatThrownBy(() -> ProbeRequest.of("ws://example.com/", Optional.of("a\r\nX-Evil: 1"), TIMEOUT, false))
                .hasMessageContaining("host must be")
                .hasMessageNotContaining("\r");
        assertThatThrownBy(() -> ProbeRequest.of("ws://user:pw@example.com/", Optional.empty(), TIMEOUT, false))
                .hasMessageContaining("credentials")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> ProbeRequest.of("ws://example.com/", Optional.empty(), Duration.ZERO, false))
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> ProbeRequest.of("ws://exa mple.com/", Optional.empty(), TIMEOUT, false))
                .hasMessageContaining("not a URL");
    }

    @Test
    void requestLineAndHostHeader() {
        ProbeRequest request =
                ProbeRequest.of("wss://10.0.0.1/chat?room=1", Optional.of("chat.example.com:8443"), TIMEOUT, false);
        assertThat(request.port()).isEqualTo(443);
        assertThat(request.target()).isEqualTo("/chat?room=1");
        assertThat(request.hostHeader()).isEqualTo("chat.example.com:8443");
        assertThat(request.serverName()).isEqualTo("chat.example.com");
        assertThat(ProbeRequest.of("ws://example.com:8080", Optional.empty(), TIMEOUT, false)
                        .hostHeader())
                .isEqualTo("example.com:8080");
        assertThat(ProbeRequest.of("ws://example.com", Optional.empty(), TIMEOUT, false)
                        .target())
                .isEqualTo("/");
    }
}
