package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static io.wsroute.rules.Fixtures.plain;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WS108, WS109: nginx.org/websocket-services as the F5 controller validates and applies it. */
class NginxIncServicesRulesTest {

    private static final String KEY = "nginx.org/websocket-services";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "chat, api|\" api\"|api,chat",
                "chat,|\"\"|chat",
                "chat,billing|\"billing\"|chat",
                "Chat|\"Chat\"|''"
            })
    void listTheControllerWouldRejectNamesTheCulprit(String list, String culprit, String suggestion) {
        Finding finding = healthy(NGINX_INC)
                .path("/api", "api", 80)
                .with(KEY, list)
                .findings(Rule.WS109)
                .get(0);
        assertThat(finding.message()).contains(culprit).contains("rejects the whole Ingress");
        assertThat(finding.fix())
                .contains(suggestion.isEmpty() ? "comma-separated without spaces" : KEY + ": \"" + suggestion + "\"");
    }

    @Test
    void emptyListIsRejected() {
        assertThat(healthy(NGINX_INC).with(KEY, "").findings(Rule.WS109).get(0).message())
                .contains("empty");
    }

    @Test
    void mergeableMasterMayNotCarryTheList() {
        Finding finding = plain(NGINX_INC)
                .noPaths()
                .with(KEY, "chat")
                .with("nginx.org/mergeable-ingress-type", "master")
                .findings(Rule.WS109)
                .get(0);
        assertThat(finding.message()).contains("master").contains("strips");
        assertThat(finding.fix()).contains("minion");
    }

    @Test
    void missingServicesAreNamedAndTheFixListsAllWebSocketServices() {
        Finding finding = healthy(NGINX_INC)
                .path("/live", "live", 8080)
                .service("live", "kubernetes.io/ws")
                .findings(Rule.WS108)
                .get(0);
        assertThat(finding.message()).contains("Service live").contains("400 or 426");
        assertThat(finding.fix()).isEqualTo("set " + KEY + ": \"chat,live\"");
    }

    @Test
    void nonWebSocketBackendsNeedNotBeListed() {
        assertThat(healthy(NGINX_INC)
                        .path("/api", "api", 80)
                        .service("api", "http")
                        .without("wsroute.io/websocket")
                        .findings(Rule.WS108))
                .isEmpty();
    }
}
