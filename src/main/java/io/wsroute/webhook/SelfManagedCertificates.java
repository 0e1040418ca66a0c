package io.wsroute.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wsroute.config.WsrouteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps self-managed webhook TLS good while wsroute runs: once at start-up (the HTTPS listener already has the
 * certificate the init container wrote, see {@link TlsBootstrap}) and then every check interval, so renewals, by
 * this replica or another, reach the files the listener re-reads (reload-period) and the caBundles stay set even
 * after something (a helm upgrade, a person) changed them.
 */
@ApplicationScoped
public class SelfManagedCertificates {

    private static final Logger LOG = Logger.getLogger(SelfManagedCertificates.class);

    private final KubernetesClient client;
    private final WsrouteConfig config;
    private ScheduledExecutorService timer;

    public SelfManagedCertificates(KubernetesClient client, WsrouteConfig config) {
        this.client = client;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        WsrouteConfig.SelfManaged settings = config.tls().selfManaged();
        if (!settings.enabled()) {
            return;
        }
        WebhookTls tls = new WebhookTls(client, config, Clock.systemUTC());
        tls.ensureWithin(Duration.ofSeconds(60));
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wsroute-webhook-tls");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        tls.ensure();
                    } catch (RuntimeException e) {
                        LOG.errorf(
                                e,
                                "self-managed webhook certificate check failed; next try in %s",
                                settings.checkInterval());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
