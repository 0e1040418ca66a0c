package io.wsroute.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final CertificateIssuer ISSUER = new CertificateIssuer(
            new CertificateIssuer.Lifetimes(DAY.multipliedBy(3650), DAY.multipliedBy(365), DAY.multipliedBy(30)));
    private static final List<String> HOSTS = List.of("wsroute.wsroute-system.svc", "wsroute", "127.0.0.1");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void firstIssueMakesACaAndAServingCertificateItSigned() throws Exception {
        CertificateBundle bundle = ISSUER.renew(Optional.empty(), HOSTS, NOW);
        X509Certificate ca = single(bundle.caCert());
        X509Certificate cert = single(bundle.cert());
        cert.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isEqualTo(0);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(CertificateIssuer.subjectAlternativeNames(cert)).containsExactlyInAnyOrderElementsOf(HOSTS);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(DAY.multipliedBy(365)));
        assertThat(CertificateIssuer.certificates(bundle.caBundle())).containsExactly(ca);
        // The key is PKCS#8 PEM and belongs to the certificate: a JDK key store takes the pair.
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("tls", key(bundle.key()), new char[0], new java.security.cert.Certificate[] {cert, ca});
        KeyManagerFactory.getInstance("PKIX").init(store, new char[0]);
        assertThat(bundle.key()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(bundle.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void aGoodBundleIsKeptAsItIs() {
        CertificateBundle bundle = ISSUER.renew(Optional.empty(), HOSTS, NOW);
        assertThat(ISSUER.renew(Optional.of(bundle), HOSTS, NOW.plus(DAY.multipliedBy(300))))
                .isSameAs(bundle);
        assertThat(ISSUER.renew(Optional.of(bundle), List.of("wsroute"), NOW)).isSameAs(bundle);
    }

    @Test
    void servingCertificateIsRenewedBeforeExpiryWithTheSameCa() throws Exception {
        CertificateBundle bundle = ISSUER.renew(Optional.empty(), HOSTS, NOW);
        Instant later = NOW.plus(DAY.multipliedBy(340));
        CertificateBundle renewed = ISSUER.renew(Optional.of(bundle), HOSTS, later);
        assertThat(renewed.caCert()).isEqualTo(bundle.caCert());
        assertThat(renewed.caBundle()).isEqualTo(bundle.caBundle());
        assertThat(renewed.cert()).isNotEqualTo(bundle.cert());
        assertThat(renewed.key()).isNotEqualTo(bundle.key());
        single(renewed.cert()).verify(single(bundle.caCert()).getPublicKey());
        assertThat(single(renewed.cert()).getNotAfter().toInstant()).isAfter(later.plus(DAY.multipliedBy(300)));
    }

    @Test
    void newHostsGetANewCertificate() {
        CertificateBundle bundle = ISSUER.renew(Optional.empty(), HOSTS, NOW);
        CertificateBundle renewed = ISSUER.renew(Optional.of(bundle), List.of("wsroute.other-ns.svc"), NOW);
        assertThat(CertificateIssuer.subjectAlternativeNames(single(renewed.cert())))
                .contains("wsroute.other-ns.svc");
        assertThat(renewed.caCert()).isEqualTo(bundle.caCert());
    }

    @Test
    void caNearItsEndIsReplacedAndTheOldCaStaysTrustedUntilItExpires() throws Exception {
        CertificateBundle bundle = ISSUER.renew(Optional.empty(), HOSTS, NOW);
        Instant nearCaEnd = NOW.plus(DAY.multipliedBy(3630));
        CertificateBundle renewed = ISSUER.renew(Optional.of(bundle), HOSTS, nearCaEnd);
        X509Certificate oldCa = single(bundle.caCert());
        X509Certificate newCa = single(renewed.caCert());
        assertThat(newCa).isNotEqualTo(oldCa);
        single(renewed.cert()).verify(newCa.getPublicKey());
        assertThat(CertificateIssuer.certificates(renewed.caBundle())).containsExactly(newCa, oldCa);
        // Once the old CA has expired it leaves the bundle.
        CertificateBundle pruned = ISSUER.renew(Optional.of(renewed), HOSTS, NOW.plus(DAY.multipliedBy(3651)));
        assertThat(CertificateIssuer.certificates(pruned.caBundle())).containsExactly(newCa);
        assertThat(pruned.cert()).isEqualTo(renewed.cert());
    }

    @Test
    void certificateNeverOutlivesItsCa() {
        CertificateIssuer shortCa = new CertificateIssuer(
                new CertificateIssuer.Lifetimes(DAY.multipliedBy(400), DAY.multipliedBy(365), DAY.multipliedBy(30)));
        CertificateBundle bundle = shortCa.renew(Optional.empty(), HOSTS, NOW);
        CertificateBundle renewed = shortCa.renew(Optional.of(bundle), HOSTS, NOW.plus(DAY.multipliedBy(340)));
        assertThat(single(renewed.cert()).getNotAfter())
                .isEqualTo(single(renewed.caCert()).getNotAfter());
    }

    @Test
    void anythingUnreadableInTheSecretStartsOver() {
        CertificateBundle bundle = ISSUER.renew(Optional.empty(), HOSTS, NOW);
        CertificateBundle edited =
                new CertificateBundle(bundle.caCert(), bundle.caKey(), "garbage", bundle.key(), bundle.caBundle());
        assertThat(ISSUER.renew(Optional.of(edited), HOSTS, NOW).caCert()).isNotEqualTo(bundle.caCert());
        CertificateBundle swappedKey = new CertificateBundle(
                bundle.caCert(), bundle.caKey(), bundle.cert(), bundle.caKey(), bundle.caBundle());
        assertThat(ISSUER.renew(Optional.of(swappedKey), HOSTS, NOW).cert()).isNotEqualTo(bundle.cert());
        assertThat(CertificateBundle.fromSecretData(Map.of("tls.crt", "eA=="))).isEmpty();
        assertThat(CertificateBundle.fromSecretData(null)).isEmpty();
        assertThat(CertificateBundle.fromSecretData(bundle.toSecretData())).contains(bundle);
    }

    @Test
    void lifetimesMustLeaveRoomToRenew() {
        assertThatThrownBy(() ->
                        new CertificateIssuer.Lifetimes(DAY.multipliedBy(10), DAY.multipliedBy(5), DAY.multipliedBy(5)))
                .hasMessageContaining("renewBefore");
    }

    private static X509Certificate single(String pem) {
        List<X509Certificate> certificates = CertificateIssuer.certificates(pem);
        assertThat(certificates).hasSize(1);
        return certificates.get(0);
    }

    private static java.security.PrivateKey key(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new java.io.StringReader(pem))) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
    }
}
