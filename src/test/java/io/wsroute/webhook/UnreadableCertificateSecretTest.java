package io.wsroute.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One pass of self-managed TLS against fabric8's mock API server: what it says when the Secret it finds cannot be
 * read (it starts over with a new CA, which breaks TLS until the new caBundle is everywhere, so it must say so).
 */
@EnableKubernetesMockClient(crud = true)
class UnreadableCertificateSecretTest {

    private static final String NAMESPACE = "wsroute-system";
    private static final String SECRET = "wsroute-webhook-tls";

    static KubernetesClient client;

    @TempDir
    Path dir;

    private WebhookTls tls;

    @BeforeEach
    void setUp() {
        client.secrets().inNamespace(NAMESPACE).withName(SECRET).delete();
        Map<String, String> values = new HashMap<>();
        values.put("wsroute.tls.self-managed.enabled", "true");
        values.put("wsroute.tls.self-managed.namespace", NAMESPACE);
        values.put("wsroute.tls.self-managed.secret", SECRET);
        values.put("wsroute.tls.cert", dir.resolve("tls.crt").toString());
        values.put("wsroute.tls.key", dir.resolve("tls.key").toString());
        WsrouteConfig config = new SmallRyeConfigBuilder()
                .withMapping(WsrouteConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(values)
                .build()
                .getConfigMapping(WsrouteConfig.class);
        tls = new WebhookTls(client, config, Clock.systemUTC());
    }

    private void storeSecret(Map<String, String> data) {
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(SECRET)
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .withData(data)
                        .build())
                .create();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private Secret stored() {
        return client.secrets().inNamespace(NAMESPACE).withName(SECRET).get();
    }

    @Test
    void anUnparseableCertificateInTheSecretIsLoggedAtErrorWithTheSecretAndTheReasonBeforeReissuing() throws Exception {
        CertificateBundle good = tls.ensure(); // a good bundle first, as a running install has
        Map<String, String> broken = new HashMap<>(good.toSecretData());
        broken.put(CertificateBundle.CA_CERT, base64("-----BEGIN CERTIFICATE-----\nnot a certificate\n"));
        client.resource(new SecretBuilder(stored()).withData(broken).build()).update();

        CertificateBundle reissued;
        try (LogCapture log = LogCapture.of(WebhookTls.class)) {
            reissued = tls.ensure();
            assertThat(log.lines())
                    .filteredOn(line -> line.atLeast(Level.SEVERE))
                    .singleElement()
                    .satisfies(line -> assertThat(line.message())
                            .contains("Secret " + NAMESPACE + "/" + SECRET)
                            .contains("cannot read")
                            .contains("ca.crt")
                            .contains("new CA"));
        }
        assertThat(reissued.caCert()).isNotEqualTo(good.caCert());
        assertThat(CertificateBundle.fromSecretData(stored().getData())).contains(reissued);
        assertThat(Files.readString(dir.resolve("tls.crt"))).isEqualTo(reissued.cert());
    }

    @Test
    void secretDataThatIsNotBase64IsNamedInTheErrorLine() {
        Map<String, String> data = new HashMap<>();
        for (String key : new String[] {"ca.crt", "ca.key", "tls.crt", "tls.key", "ca-bundle.crt"}) {
            data.put(key, base64("x"));
        }
        data.put(CertificateBundle.KEY, "%%% not base64 %%%");
        storeSecret(data);
        try (LogCapture log = LogCapture.of(WebhookTls.class)) {
            tls.ensure();
            assertThat(log.lines())
                    .filteredOn(line -> line.atLeast(Level.SEVERE))
                    .singleElement()
                    .satisfies(line -> assertThat(line.message()).contains("tls.key is not base64"));
        }
    }

    @Test
    void theChartsEmptySecretIsFilledWithoutAnError() {
        storeSecret(Map.of());
        try (LogCapture log = LogCapture.of(WebhookTls.class)) {
            CertificateBundle issued = tls.ensure();
            assertThat(CertificateIssuer.unreadable(issued)).isEmpty();
            assertThat(log.lines()).noneMatch(line -> line.atLeast(Level.WARNING));
            assertThat(log.lines()).anyMatch(line -> line.message().contains("issued"));
        }
        // and a second pass over the good bundle changes nothing and says nothing loud
        try (LogCapture log = LogCapture.of(WebhookTls.class)) {
            tls.ensure();
            assertThat(log.lines()).noneMatch(line -> line.atLeast(Level.WARNING));
        }
    }
}
