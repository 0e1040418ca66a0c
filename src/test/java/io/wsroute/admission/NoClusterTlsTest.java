package io.wsroute.admission;

import static io.restassured.RestAssured.given;
import static io.wsroute.admission.AdmissionReviews.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.wsroute.cluster.ClusterView;
import jakarta.inject.Inject;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Production shape: a serving certificate configured through wsroute.tls.cert/key, and no API server reachable.
 * The webhooks answer over HTTPS (on defaults, saying so), plain HTTP is refused for them and keeps health.
 */
@QuarkusTest
@TestProfile(NoClusterTlsTest.Profile.class)
class NoClusterTlsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = selfSigned();
            return Map.of(
                    "wsroute.tls.cert", dir.resolve("tls.crt").toString(),
                    "wsroute.tls.key", dir.resolve("tls.key").toString(),
                    "quarkus.http.test-ssl-port", "0",
                    // Nothing listens on port 1: the informers keep retrying in the background.
                    "quarkus.kubernetes-client.api-server-url", "https://127.0.0.1:1",
                    "quarkus.kubernetes-client.devservices.enabled", "false");
        }
    }

    @TestHTTPResource(value = "/admission/ingress/validate", tls = true)
    URL httpsValidate;

    @Inject
    ClusterView cluster;

    @Test
    void webhooksAnswerOverHttpsOnDefaultsAndSaySo() {
        assertThat(httpsValidate.getProtocol()).isEqualTo("https");
        assertThat(cluster.synced()).isFalse();
        String body = given().relaxedHTTPSValidation()
                .body(fixture("create-unit-timeout.json"))
                .post(httpsValidate)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonPath review = JsonPath.from(body);
        assertThat(review.getString("response.uid")).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(review.getBoolean("response.allowed")).isFalse();
        assertThat(review.getString("response.status.message")).contains("WS101");
        assertThat(review.getList("response.warnings", String.class))
                .anyMatch(w -> w.contains("cluster caches not loaded yet"))
                .anyMatch(w -> w.contains("IngressClass nginx not found; assumed ingress-nginx"))
                .anyMatch(w -> w.contains("controller ConfigMap ingress-nginx/ingress-nginx-controller not found"));
    }

    @Test
    void plainHttpServesHealthButNotTheWebhooks() {
        given().body(fixture("create-unit-timeout.json"))
                .post("/admission/ingress/validate")
                .then()
                .statusCode(403)
                .body("error", containsString("HTTPS only"));
        given().body(fixture("create-unit-timeout.json"))
                .post("/admission/ingress/mutate")
                .then()
                .statusCode(403);
        given().get("/q/health/live").then().statusCode(200);
        // Unready while the caches cannot fill (no API server), whatever the certificate; never unlive. (wsroute's
        // readiness checks, also grouped as "wsroute": the operator SDK's readiness check waits on the API server.)
        given().get("/q/health/group/wsroute")
                .then()
                .statusCode(503)
                .body(
                        "checks.find { it.name == 'wsroute cluster caches' }.status",
                        org.hamcrest.Matchers.equalTo("DOWN"))
                .body("checks.find { it.name == 'wsroute webhook TLS' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }

    private static Path selfSigned() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair key = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=localhost");
            var certificate = new JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.ONE,
                            Date.from(now.minusSeconds(60)),
                            Date.from(now.plus(Duration.ofDays(1))),
                            name,
                            key.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                    }))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
            Path dir = Files.createTempDirectory("wsroute-tls");
            Files.writeString(dir.resolve("tls.crt"), pem(certificate));
            Files.writeString(dir.resolve("tls.key"), pem(key.getPrivate()));
            return dir;
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
