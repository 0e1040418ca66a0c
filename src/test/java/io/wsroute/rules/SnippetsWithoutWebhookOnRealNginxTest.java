package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.live.ControllerTemplate;
import io.wsroute.nginx.live.ControllerTemplate.Served;
import io.wsroute.nginx.live.IngressNginxTemplate;
import io.wsroute.nginx.live.RealNginxExtension;
import io.wsroute.nginx.live.RealNginxRig;
import io.wsroute.nginx.live.WebSocketClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What WS112's message says ingress-nginx does with a snippet its ConfigMap does not allow, on real nginx: the
 * admission webhook denies the Ingress (kubernetes/ingress-nginx internal/ingress/controller/controller.go
 * CheckIngress); an Ingress that got past it is served without the snippet (controller.go dropSnippetDirectives in
 * the sync loop), unless annotations-risk-level is below Critical, where annotations.go Extract leaves the whole
 * Ingress out either way. The snippet here would break the upgrade if it were served (HTTP/1.0 to the backend), so
 * a working handshake shows it was dropped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnippetsWithoutWebhookOnRealNginxTest {

    private static final String SNIPPET = "nginx.ingress.kubernetes.io/configuration-snippet";

    @RegisterExtension
    static final RealNginxExtension REAL = new RealNginxExtension(() -> RealNginxRig.nginx(new IngressNginxTemplate()
            .render(List.of(), (i, s) -> "127.0.0.1:1")
            .config()));

    /** Snippets off (allow-snippet-annotations default false), risk level high enough for a snippet. */
    private static Fixtures disallowedSnippet() {
        return healthy(INGRESS_NGINX)
                .configMap("annotations-risk-level", "Critical")
                .with(SNIPPET, "proxy_http_version 1.0;");
    }

    @Test
    void theRulesCallItAnErrorBecauseTheWebhookDeniesIt() {
        assertThat(disallowedSnippet().findings(Rule.WS112))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("denies the Ingress")
                        .contains("drops the snippet and serves the rest of the Ingress"));
        ControllerTemplate.Rendering withWebhook = new IngressNginxTemplate(true).render(List.of(served()), this::at);
        assertThat(withWebhook.refusal(served().ingress()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("Snippet directives are disabled"));
    }

    @Test
    void pastTheWebhookTheSnippetIsDroppedAndTheRestServed() throws Exception {
        ControllerTemplate.Rendering bypassed = new IngressNginxTemplate(false).render(List.of(served()), this::at);
        assertThat(bypassed.refusal(served().ingress())).isEmpty();
        assertThat(bypassed.config()).doesNotContain("proxy_http_version 1.0");
        REAL.rig().nginx().reload(bypassed.config());
        try (WebSocketClient client = new WebSocketClient(REAL.rig().vertx())) {
            WebSocketClient.Connection connection =
                    client.connect(REAL.rig().nginx().port(), "chat.example.com", "/ws");
            assertThat(connection.status()).as(REAL.rig().nginx().errorLog()).isEqualTo(101);
            assertThat(connection.echo("hello", Duration.ofSeconds(5))).isEqualTo("hello");
            connection.close();
        }
    }

    @Test
    void belowCriticalTheWholeIngressIsLeftOutEvenPastTheWebhook() {
        var review =
                healthy(INGRESS_NGINX).with(SNIPPET, "add_header X-Chat on;").review();
        Served served = new Served(review.ingress(), review.profile());
        ControllerTemplate.Rendering bypassed = new IngressNginxTemplate(false).render(List.of(served), this::at);
        assertThat(bypassed.refusal(review.ingress()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("riskier than annotations-risk-level"));
    }

    private Served served() {
        var review = disallowedSnippet().review();
        return new Served(review.ingress(), review.profile());
    }

    private String at(io.fabric8.kubernetes.api.model.networking.v1.Ingress ingress, String service) {
        return "127.0.0.1:" + REAL.rig().plainBackend().port();
    }
}
