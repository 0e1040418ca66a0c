package io.wsroute.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The webhook port as a TLS client sees it, checked with OpenSSL's own client (provisioned by hack/nginx.sh):
 * TLS 1.2 with ECDHE and AEAD suites, and TLS 1.3, only; older protocols, CBC suites and RSA key exchange are
 * refused in the handshake. A rotated certificate is served without a restart.
 */
@QuarkusTest
@TestProfile(WebhookTlsTest.Profile.class)
class WebhookTlsTest {

    /** One directory per JVM: the profile and the test class may be loaded by different class loaders. */
    static final Path DIR = Path.of(System.getProperties()
            .computeIfAbsent("webhook-tls-test.dir", k -> createDir().toString())
            .toString());

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (!Files.exists(DIR.resolve("tls.crt"))) {
                writeCertificate(DIR, "first", BigInteger.ONE);
            }
            return Map.of(
                    "wsroute.tls.cert", DIR.resolve("tls.crt").toString(),
                    "wsroute.tls.key", DIR.resolve("tls.key").toString(),
                    "quarkus.http.test-ssl-port", "0",
                    // production re-reads every 5 minutes (application.properties); 30 s is Quarkus's minimum
                    "quarkus.http.ssl.certificate.reload-period", "30s",
                    "quarkus.kubernetes-client.api-server-url", "https://127.0.0.1:1",
                    "quarkus.kubernetes-client.devservices.enabled", "false");
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Test
    void modernProtocolsAndSuitesAreAccepted() throws Exception {
        for (List<String> args : List.of(
                List.of("-tls1_3"),
                List.of("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"),
                List.of("-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384"),
                List.of("-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305"))) {
            Handshake handshake = sClient(args);
            assertThat(handshake.succeeded())
                    .as("%s:%n%s", args, handshake.output())
                    .isTrue();
        }
    }

    @Test
    void oldProtocolsCbcSuitesAndRsaKeyExchangeAreRefused() throws Exception {
        // SECLEVEL=0 lets OpenSSL 3 offer what it would otherwise refuse to send: the refusal must be the server's.
        for (List<String> args : List.of(
                List.of("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"),
                List.of("-tls1", "-cipher", "DEFAULT@SECLEVEL=0"),
                List.of("-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA384@SECLEVEL=0"),
                List.of("-tls1_2", "-cipher", "AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA@SECLEVEL=0"),
                List.of("-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256@SECLEVEL=0"))) {
            Handshake handshake = sClient(args);
            assertThat(handshake.succeeded())
                    .as("%s:%n%s", args, handshake.output())
                    .isFalse();
            assertThat(handshake.output())
                    .as("the client offered it (%s)", args)
                    .doesNotContain("no protocols available")
                    .doesNotContain("no cipher match");
            assertThat(handshake.output())
                    .as("%s", args)
                    .containsAnyOf(
                            "alert protocol version",
                            "alert handshake failure",
                            "handshake failure",
                            "unsupported protocol");
        }
    }

    @Test
    void aRotatedCertificateIsServedWithoutRestart() throws Exception {
        assertThat(servedSerial()).isEqualTo(BigInteger.ONE);
        Path next = createDir();
        writeCertificate(next, "second", BigInteger.TWO);
        // Replace key and certificate as kubelet updates a mounted Secret: each file swapped whole.
        Files.move(
                next.resolve("tls.key"),
                DIR.resolve("tls.key"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(
                next.resolve("tls.crt"),
                DIR.resolve("tls.crt"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        // A reload can fall between the two moves (new key, old certificate): handshakes fail until the next reload
        // picks up the pair, so a failed handshake while waiting is retried, not fatal. (kubelet swaps both files
        // at once through a symlinked directory, so a cluster does not see that window.)
        await().atMost(Duration.ofSeconds(75))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> BigInteger.TWO.equals(servedSerial()));
        assertThat(sClient(List.of("-tls1_3")).succeeded()).isTrue();
    }

    record Handshake(boolean succeeded, String output) {}

    private Handshake sClient(List<String> options) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("openssl", "s_client", "-connect", "127.0.0.1:" + https.getPort(), "-servername", "localhost"));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("openssl s_client finished")
                .isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // A completed handshake prints the negotiated cipher; a refused one "Cipher is (NONE)" or an alert.
        boolean succeeded =
                process.exitValue() == 0 && output.contains("Cipher is ") && !output.contains("Cipher is (NONE)");
        return new Handshake(succeeded, output);
    }

    private BigInteger servedSerial() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", https.getPort())) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    /** Only to read which certificate is served; the handshake tests above use OpenSSL. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static Path createDir() {
        try {
            return Files.createTempDirectory("wsroute-tls");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed RSA certificate for localhost and 127.0.0.1 with the given serial, as tls.crt and tls.key. */
    static void writeCertificate(Path dir, String commonName, BigInteger serial) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair key = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=" + commonName);
            var certificate = new JcaX509v3CertificateBuilder(
                            name,
                            serial,
                            Date.from(now.minusSeconds(60)),
                            Date.from(now.plus(Duration.ofDays(1))),
                            name,
                            key.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                    }))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
            Files.writeString(dir.resolve("tls.crt"), pem(certificate));
            Files.writeString(dir.resolve("tls.key"), pem(key.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a test certificate", e);
        }
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
