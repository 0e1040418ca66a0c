package io.wsroute.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.wsroute.config.WsrouteConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code java -jar quarkus-run.jar webhook-tls}: the chart's init container in self-managed TLS mode. Quarkus's
 * HTTPS listener reads its certificate files when it opens, before any application code runs, so the files must
 * exist before wsroute starts: this writes them (issuing or renewing the certificate in the Secret and setting the
 * caBundles on the way), without booting Quarkus. Configured by the same WSROUTE_TLS_* environment as wsroute.
 */
public final class TlsBootstrap {

    private TlsBootstrap() {}

    /** Exit code: 0 done, 1 failed (the message says why), 2 self-managed TLS is not enabled. */
    public static int run(PrintWriter out, PrintWriter err) {
        try {
            WsrouteConfig config = environmentConfig();
            if (!config.tls().selfManaged().enabled()) {
                err.println(
                        "webhook-tls: wsroute.tls.self-managed.enabled (WSROUTE_TLS_SELF_MANAGED_ENABLED) is not true");
                return 2;
            }
            try (KubernetesClient client = new KubernetesClientBuilder().build()) {
                CertificateBundle bundle =
                        new WebhookTls(client, config, Clock.systemUTC()).ensureWithin(Duration.ofSeconds(120));
                out.printf(
                        "webhook-tls: certificate for %s written to %s%n",
                        CertificateIssuer.subjectAlternativeNames(
                                CertificateIssuer.certificates(bundle.cert()).get(0)),
                        config.tls().cert().orElse("?"));
                return 0;
            }
        } catch (RuntimeException e) {
            err.println("webhook-tls: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** WsrouteConfig from environment variables and system properties, as SmallRye maps it inside Quarkus. */
    static WsrouteConfig environmentConfig() {
        // Unknown wsroute.* keys are not this command's business (the server validates its own configuration).
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withMapping(WsrouteConfig.class)
                .withValidateUnknown(false)
                .withConverter(Duration.class, 100, new DurationConverter())
                .build();
        return config.getConfigMapping(WsrouteConfig.class);
    }
}
