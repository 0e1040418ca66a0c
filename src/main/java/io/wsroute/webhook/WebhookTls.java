package io.wsroute.webhook;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wsroute.config.WsrouteConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One pass of self-managed webhook TLS: the Secret holds a good bundle (issued or renewed here when it does not,
 * optimistic concurrency deciding between racing replicas), the certificate and key are in the files the HTTPS
 * listener reads (wsroute.tls.cert / key), and wsroute's webhook configurations carry the CA bundle. Run once
 * before the listener starts ({@link TlsBootstrap}, the chart's init container) and then periodically
 * ({@link SelfManagedCertificates}).
 */
public final class WebhookTls {

    private static final Logger LOG = Logger.getLogger(WebhookTls.class);
    private static final int CONFLICT_RETRIES = 5;

    private final KubernetesClient client;
    private final WsrouteConfig.SelfManaged settings;
    private final Path certFile;
    private final Path keyFile;
    private final Clock clock;

    public WebhookTls(KubernetesClient client, WsrouteConfig config, Clock clock) {
        this.client = client;
        this.settings = config.tls().selfManaged();
        if (settings.namespace().isEmpty()
                || config.tls().cert().isEmpty()
                || config.tls().key().isEmpty()) {
            throw new IllegalStateException("wsroute.tls.self-managed.enabled needs wsroute.tls.self-managed.namespace "
                    + "(env WSROUTE_TLS_SELF_MANAGED_NAMESPACE) and wsroute.tls.cert / wsroute.tls.key (where to write "
                    + "the certificate for the HTTPS listener)");
        }
        this.certFile = Path.of(config.tls().cert().get());
        this.keyFile = Path.of(config.tls().key().get());
        this.clock = clock;
    }

    /**
     * Retries while the API server cannot be reached (it may be starting), up to {@code deadline}; stops at once on
     * 401/403, which waiting does not fix.
     */
    public CertificateBundle ensureWithin(Duration deadline) {
        Instant end = clock.instant().plus(deadline);
        long backoff = 500;
        while (true) {
            try {
                return ensure();
            } catch (KubernetesClientException e) {
                if (clock.instant().isAfter(end) || e.getCode() == 403 || e.getCode() == 401) {
                    throw new IllegalStateException(
                            "cannot set up the self-managed webhook certificate in Secret " + secretRef() + ": "
                                    + e.getMessage(),
                            e);
                }
                LOG.warnf("self-managed webhook certificate: %s; retrying", e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while setting up the webhook certificate", e);
                }
                backoff = Math.min(backoff * 2, 8000);
            }
        }
    }

    /** One pass: Secret good (renewing if needed), files written, caBundles set. Returns the bundle in force. */
    public CertificateBundle ensure() {
        CertificateBundle bundle = storedBundle();
        writeFiles(bundle);
        WebhookCaBundles.apply(client, settings.webhookConfiguration(), bundle.caBundleBase64());
        return bundle;
    }

    private CertificateBundle storedBundle() {
        CertificateIssuer issuer = new CertificateIssuer(new CertificateIssuer.Lifetimes(
                settings.caValidity(), settings.certificateValidity(), settings.renewBefore()));
        String namespace = settings.namespace().orElseThrow();
        for (int attempt = 1; ; attempt++) {
            Secret secret = client.secrets()
                    .inNamespace(namespace)
                    .withName(settings.secret())
                    .get();
            Optional<CertificateBundle> current =
                    Optional.ofNullable(secret).flatMap(s -> CertificateBundle.fromSecretData(s.getData()));
            unreadable(secret, current)
                    .ifPresent(why -> LOG.errorf(
                            "Secret %s holds a webhook certificate bundle wsroute cannot read (%s): issuing a new CA "
                                    + "and serving certificate; webhook calls can fail TLS until every replica and "
                                    + "the API server have the new caBundle",
                            secretRef(), why));
            CertificateBundle next = issuer.renew(current, hosts(), clock.instant());
            if (current.isPresent() && current.get().equals(next)) {
                return next;
            }
            try {
                if (secret == null) {
                    // Only without the chart (which creates the Secret empty, so wsroute needs no create on Secrets).
                    client.resource(new SecretBuilder()
                                    .withNewMetadata()
                                    .withName(settings.secret())
                                    .withNamespace(namespace)
                                    .endMetadata()
                                    .withType("Opaque")
                                    .withData(next.toSecretData())
                                    .build())
                            .create();
                } else {
                    // resourceVersion from the read: a replica that lost the race gets 409 and re-reads the winner's.
                    client.resource(new SecretBuilder(secret)
                                    .withData(next.toSecretData())
                                    .build())
                            .update();
                }
                LOG.infof(
                        "self-managed webhook certificate %s in Secret %s (valid for %s)",
                        current.isEmpty() ? "issued" : "renewed", secretRef(), hosts());
                return next;
            } catch (KubernetesClientException e) {
                if ((e.getCode() == 409) && attempt < CONFLICT_RETRIES) {
                    LOG.debugf("Secret %s changed meanwhile (another replica); re-reading", secretRef());
                    continue;
                }
                throw e;
            }
        }
    }

    /** Why the Secret's bundle cannot be used as it is, when it is there at all (the chart creates it empty). */
    private static Optional<String> unreadable(Secret secret, Optional<CertificateBundle> current) {
        if (secret == null) {
            return Optional.empty();
        }
        return CertificateBundle.unreadable(secret.getData()).or(() -> current.flatMap(CertificateIssuer::unreadable));
    }

    /** The Service's cluster DNS names (how the API server calls it), then any configured extra names or addresses. */
    List<String> hosts() {
        String service = settings.service();
        String namespace = settings.namespace().orElseThrow();
        Set<String> hosts = new LinkedHashSet<>(List.of(
                service + "." + namespace + ".svc",
                service,
                service + "." + namespace,
                service + "." + namespace + ".svc.cluster.local"));
        settings.hosts().ifPresent(hosts::addAll);
        return new ArrayList<>(hosts);
    }

    /** Atomic replace, so the listener's periodic reload never reads half a file. */
    private void writeFiles(CertificateBundle bundle) {
        write(certFile, bundle.cert());
        write(keyFile, bundle.key());
    }

    private static void write(Path file, String content) {
        try {
            if (Files.exists(file)
                    && Files.readString(file, StandardCharsets.US_ASCII).equals(content)) {
                return;
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, ".wsroute-", ".tmp");
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private String secretRef() {
        return settings.namespace().orElse("?") + "/" + settings.secret();
    }
}
