package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.live.ControllerTemplate;
import io.wsroute.nginx.live.ControllerTemplate.Served;
import io.wsroute.nginx.live.IngressNginxTemplate;
import io.wsroute.nginx.live.NginxIncTemplate;
import io.wsroute.nginx.live.NginxServer;
import io.wsroute.nginx.live.RealNginxExtension;
import io.wsroute.nginx.live.RealNginxRig;
import io.wsroute.nginx.live.WebSocketClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WS114 and WS125 for worker-shutdown-timeout, on real nginx with the main-context line each controller writes
 * (ingress-nginx rootfs/etc/nginx/template/nginx.tmpl: always, default "240s" from config.go NewDefault; F5
 * internal/configs/version1/nginx.tmpl: only when configmaps.go ParseConfigMap found the key, copied as it
 * stands). WS114's claim: after a reload, the old worker closes a WebSocket it holds once worker_shutdown_timeout
 * has passed, so a timeout below the reload grace (240 s) cuts sockets and one at or above it (or none, which waits
 * for the sockets) does not within the time observed. WS125's claim: a value nginx refuses stops the configuration
 * loading.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReloadGraceOnRealNginxTest {

    /** The warning these cases show by behaviour (RealNginxCoverageTest). */
    static final Set<Rule> SHOWN = Set.of(Rule.WS114);

    /** 1.5 scaled seconds = 90 s of controller time: past a 10 s timeout, well short of 240 s. */
    private static final Duration AFTER_RELOAD = Duration.ofMillis(1500);

    @RegisterExtension
    static final RealNginxExtension REAL = new RealNginxExtension(() -> RealNginxRig.backendOnly());

    @ParameterizedTest(name = "{0} worker-shutdown-timeout \"{1}\": cut after a reload {2}")
    @CsvSource({
        "ingress-nginx, , false",
        "ingress-nginx, 10s, true",
        "ingress-nginx, 300s, false",
        "nginx-inc, , false",
        "nginx-inc, 10s, true",
        "nginx-inc, 5m, false"
    })
    void socketsOutliveAReloadExactlyWhenWs114IsQuiet(String controller, String timeout, boolean cut) throws Exception {
        Fixtures fixtures = fixtures(controller, timeout);
        assertThat(fixtures.findings(Rule.WS114)).as("WS114").hasSize(cut ? 1 : 0);
        assertThat(fixtures.findings(Rule.WS125)).isEmpty();

        ControllerTemplate template = template(fixtures);
        var review = fixtures.review();
        String http = template.render(List.of(new Served(review.ingress(), review.profile())), this::at)
                .config();
        try (NginxServer nginx = NginxServer.start(template.mainContext(review.profile()), http);
                WebSocketClient client = new WebSocketClient(REAL.rig().vertx())) {
            WebSocketClient.Connection connection = client.connect(nginx.port(), "chat.example.com", "/ws");
            assertThat(connection.status()).as(nginx.errorLog()).isEqualTo(101);
            assertThat(connection.echo("before", Duration.ofSeconds(5))).isEqualTo("before");
            nginx.reloadLeavingOldWorkers(http);
            TimeUnit.MILLISECONDS.sleep(AFTER_RELOAD.toMillis());
            String after = connection.echo("after", Duration.ofSeconds(2));
            connection.close();
            assertThat(after == null || !after.equals("after"))
                    .as("socket cut after the reload (echo: %s)\n%s", after, nginx.errorLog())
                    .isEqualTo(cut);
        }
    }

    @ParameterizedTest(name = "{0} worker-shutdown-timeout \"{1}\" is WS125 and nginx -t refuses it")
    @CsvSource({"ingress-nginx, 1h 30m", "ingress-nginx, -5s", "nginx-inc, 1h 30m", "nginx-inc, 10 s"})
    void aValueNginxRefusesIsWs125(String controller, String timeout) throws Exception {
        Fixtures fixtures = fixtures(controller, timeout);
        assertThat(fixtures.findings(Rule.WS125))
                .singleElement()
                .satisfies(f -> assertThat(f.field()).contains("worker-shutdown-timeout"));
        ControllerTemplate template = template(fixtures);
        var review = fixtures.review();
        String http = template.render(List.of(new Served(review.ingress(), review.profile())), this::at)
                .config();
        try (NginxServer nginx = NginxServer.start(http)) {
            assertThat(nginx.check(template.mainContext(review.profile()), http))
                    .as("nginx -t")
                    .contains("worker_shutdown_timeout");
        }
    }

    private static Fixtures fixtures(String controller, String timeout) {
        ControllerFlavor flavor = controller.equals("ingress-nginx") ? INGRESS_NGINX : NGINX_INC;
        Fixtures fixtures = healthy(flavor);
        return timeout == null ? fixtures : fixtures.configMap("worker-shutdown-timeout", timeout);
    }

    private static ControllerTemplate template(Fixtures fixtures) {
        return fixtures.review().profile().flavor() == INGRESS_NGINX
                ? new IngressNginxTemplate()
                : new NginxIncTemplate();
    }

    private String at(io.fabric8.kubernetes.api.model.networking.v1.Ingress ingress, String service) {
        return "127.0.0.1:" + REAL.rig().plainBackend().port();
    }
}
