package io.wsroute.it;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA and a serving certificate for 127.0.0.1, as the API server needs to call wsroute over HTTPS. */
public final class TestCertificates {

    public final Path certFile;
    public final Path keyFile;
    public final String caBundleBase64;

    private TestCertificates(Path certFile, Path keyFile, String caBundleBase64) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.caBundleBase64 = caBundleBase64;
    }

    public static TestCertificates create(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair caKey = generator.generateKeyPair();
        KeyPair serverKey = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=wsroute test CA");
        X509CertificateHolder ca = new JcaX509v3CertificateBuilder(
                        caName,
                        BigInteger.ONE,
                        Date.from(now.minusSeconds(60)),
                        Date.from(now.plus(Duration.ofDays(1))),
                        caName,
                        caKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey.getPrivate()));
        X509CertificateHolder server = new JcaX509v3CertificateBuilder(
                        caName,
                        BigInteger.TWO,
                        Date.from(now.minusSeconds(60)),
                        Date.from(now.plus(Duration.ofDays(1))),
                        new X500Name("CN=127.0.0.1"),
                        serverKey.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")
                }))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey.getPrivate()));
        Path cert = Files.writeString(dir.resolve("tls.crt"), pem(server));
        Path key = Files.writeString(dir.resolve("tls.key"), pem(serverKey.getPrivate()));
        String caBundle = Base64.getEncoder().encodeToString(pem(ca).getBytes(StandardCharsets.US_ASCII));
        return new TestCertificates(cert, key, caBundle);
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
