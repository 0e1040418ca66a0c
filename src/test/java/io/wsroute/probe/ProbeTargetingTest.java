package io.wsroute.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeTargetingTest {

    private static final URI WS = URI.create("ws://chat.example.com/ws");
    private static final URI WSS = URI.create("wss://chat.example.com/chat");
    private static final String SERVICE = "ingress-nginx/ingress-nginx-controller";

    private static ProbeTargeting targeting(ProbeMode mode, String address) {
        return new ProbeTargeting(mode, Optional.ofNullable(address), 80, 443, Duration.ofSeconds(5), false);
    }

    @Test
    void controllerServiceKeepsTheRoutesHost() {
        ProbeRequest request = targeting(ProbeMode.CONTROLLER_SERVICE, null)
                .target(WS, SERVICE, Optional.empty())
                .request()
                .orElseThrow();
        assertThat(request.url()).hasToString("ws://ingress-nginx-controller.ingress-nginx.svc:80/ws");
        assertThat(request.hostHeader()).isEqualTo("chat.example.com");

        ProbeRequest tls = targeting(ProbeMode.CONTROLLER_SERVICE, null)
                .target(WSS, SERVICE, Optional.empty())
                .request()
                .orElseThrow();
        assertThat(tls.url()).hasToString("wss://ingress-nginx-controller.ingress-nginx.svc:443/chat");
        assertThat(tls.serverName()).isEqualTo("chat.example.com");
    }

    @Test
    void loadBalancerNeedsAnAddress() {
        ProbeTargeting lb = targeting(ProbeMode.LOAD_BALANCER, null);
        assertThat(lb.target(WS, SERVICE, Optional.empty()).unavailable()).contains("no load-balancer address");
        assertThat(lb.target(WS, SERVICE, Optional.of("203.0.113.7"))
                        .request()
                        .orElseThrow()
                        .url())
                .hasToString("ws://203.0.113.7:80/ws");
        assertThat(lb.target(WS, SERVICE, Optional.of("2001:db8::1"))
                        .request()
                        .orElseThrow()
                        .url())
                .hasToString("ws://[2001:db8::1]:80/ws");
    }

    @Test
    void fixedAddressAndOff() {
        assertThat(new ProbeTargeting(
                                ProbeMode.ADDRESS, Optional.of("127.0.0.1"), 8080, 8443, Duration.ofSeconds(1), true)
                        .target(WSS, SERVICE, Optional.empty())
                        .request()
                        .orElseThrow()
                        .url())
                .hasToString("wss://127.0.0.1:8443/chat");
        assertThat(targeting(ProbeMode.OFF, null)
                        .target(WS, SERVICE, Optional.empty())
                        .request())
                .isEmpty();
        assertThatThrownBy(() -> targeting(ProbeMode.ADDRESS, null)).hasMessageContaining("wsroute.probe.address");
    }

    @Test
    void aWildcardHostIsNotProbed() throws Exception {
        assertThat(targeting(ProbeMode.CONTROLLER_SERVICE, null)
                        .target(new URI("ws://*.example.com/ws"), SERVICE, Optional.empty())
                        .unavailable())
                .contains("wildcard");
    }

    @Test
    void aMalformedServiceNameIsNotProbed() {
        assertThat(targeting(ProbeMode.CONTROLLER_SERVICE, null)
                        .target(WS, "no-slash", Optional.empty())
                        .request())
                .isEmpty();
    }
}
