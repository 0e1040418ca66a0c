package io.wsroute.webhook;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Issues and renews wsroute's webhook CA and serving certificate (BouncyCastle). Pure: no I/O, the clock is a
 * parameter, so every renewal case is a unit test. RSA 2048, because every TLS client and cipher-suite policy
 * accepts it.
 */
public final class CertificateIssuer {

    private static final String SIGNATURE = "SHA256withRSA";
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Lifetimes and the renewal margin. */
    public record Lifetimes(Duration caValidity, Duration certificateValidity, Duration renewBefore) {
        public Lifetimes {
            if (renewBefore.compareTo(certificateValidity) >= 0 || certificateValidity.compareTo(caValidity) > 0) {
                throw new IllegalArgumentException("need renewBefore (%s) < certificateValidity (%s) <= caValidity (%s)"
                        .formatted(renewBefore, certificateValidity, caValidity));
            }
        }
    }

    private final Lifetimes lifetimes;

    public CertificateIssuer(Lifetimes lifetimes) {
        this.lifetimes = lifetimes;
    }

    /**
     * The bundle to keep: {@code current} itself when it is still good for {@code hosts} at {@code now}; otherwise
     * one with a renewed serving certificate, and a renewed CA when the CA is near its end or unreadable.
     */
    public CertificateBundle renew(Optional<CertificateBundle> current, Collection<String> hosts, Instant now) {
        Optional<Parsed> parsed = current.flatMap(CertificateIssuer::parse);
        boolean caGood = parsed.map(p -> remaining(p.ca, now).compareTo(lifetimes.renewBefore()) > 0)
                .orElse(false);
        if (caGood && certificateGood(parsed.get(), hosts, now)) {
            String bundle = pruneExpired(parsed.get().bundle, now);
            return bundle.equals(current.get().caBundle())
                    ? current.get()
                    : new CertificateBundle(
                            current.get().caCert(),
                            current.get().caKey(),
                            current.get().cert(),
                            current.get().key(),
                            bundle);
        }
        try {
            KeyPair caKeys;
            X509Certificate ca;
            String caBundle;
            if (caGood) {
                caKeys = new KeyPair(parsed.get().ca.getPublicKey(), parsed.get().caKey);
                ca = parsed.get().ca;
                caBundle = pruneExpired(parsed.get().bundle, now);
            } else {
                caKeys = rsa();
                ca = issueCa(caKeys, now);
                // Replicas still serve the old certificate until they re-read it: keep trusting its CA meanwhile.
                caBundle = pem(ca)
                        + parsed.filter(p -> p.ca.getNotAfter().toInstant().isAfter(now))
                                .map(p -> pem(p.ca))
                                .orElse("");
            }
            KeyPair serverKeys = rsa();
            X509Certificate server = issueServing(ca, caKeys.getPrivate(), serverKeys, hosts, now);
            return new CertificateBundle(
                    pem(ca), pkcs8(caKeys.getPrivate()), pem(server), pkcs8(serverKeys.getPrivate()), caBundle);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot issue the webhook certificate: " + e.getMessage(), e);
        }
    }

    private boolean certificateGood(Parsed parsed, Collection<String> hosts, Instant now) {
        try {
            parsed.cert.verify(parsed.ca.getPublicKey());
        } catch (GeneralSecurityException notSignedByCa) {
            return false;
        }
        return remaining(parsed.cert, now).compareTo(lifetimes.renewBefore()) > 0
                && !parsed.cert.getNotBefore().toInstant().isAfter(now.plus(BACKDATE))
                && subjectAlternativeNames(parsed.cert).containsAll(hosts)
                && parsed.cert.getPublicKey().equals(publicKeyOf(parsed));
    }

    private X509Certificate issueCa(KeyPair keys, Instant now)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        X500Name name = new X500Name("CN=wsroute webhook CA " + now.getEpochSecond());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(
                        name,
                        serial(),
                        Date.from(now.minus(BACKDATE)),
                        Date.from(now.plus(lifetimes.caValidity())),
                        name,
                        keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(
                        Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                .build(new JcaContentSignerBuilder(SIGNATURE).build(keys.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private X509Certificate issueServing(
            X509Certificate ca, PrivateKey caKey, KeyPair keys, Collection<String> hosts, Instant now)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            names.add(
                    IPAddress.isValid(host)
                            ? new GeneralName(GeneralName.iPAddress, host)
                            : new GeneralName(GeneralName.dNSName, host));
        }
        Instant notAfter = now.plus(lifetimes.certificateValidity());
        if (notAfter.isAfter(ca.getNotAfter().toInstant())) {
            notAfter = ca.getNotAfter().toInstant();
        }
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(
                        ca,
                        serial(),
                        Date.from(now.minus(BACKDATE)),
                        Date.from(notAfter),
                        new X500Name("CN=" + hosts.iterator().next()),
                        keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)))
                .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca))
                .build(new JcaContentSignerBuilder(SIGNATURE).build(caKey));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    /** DNS names and IP addresses the certificate is valid for. */
    public static Set<String> subjectAlternativeNames(X509Certificate certificate) {
        Set<String> names = new HashSet<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                certificate.getSubjectAlternativeNames().forEach(entry -> names.add(String.valueOf(entry.get(1))));
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return Set.of();
        }
        return names;
    }

    /** The certificates of a PEM text, in order. */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
        }
        return certificates;
    }

    private record Parsed(X509Certificate ca, PrivateKey caKey, X509Certificate cert, PrivateKey key, String bundle) {}

    /** Empty when anything in the Secret is not what wsroute wrote (edited by hand, truncated): then start over. */
    private static Optional<Parsed> parse(CertificateBundle bundle) {
        try {
            return Optional.of(parseOrThrow(bundle));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Why {@link #renew} cannot read this bundle and will start over with a new CA, or empty when it can read it:
     * worth saying loudly, since a new CA breaks TLS until the new caBundle reaches the API server.
     */
    public static Optional<String> unreadable(CertificateBundle bundle) {
        try {
            parseOrThrow(bundle);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(
                    e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
    }

    private static Parsed parseOrThrow(CertificateBundle bundle) {
        List<X509Certificate> ca = certificates(CertificateBundle.CA_CERT, bundle.caCert());
        List<X509Certificate> cert = certificates(CertificateBundle.CERT, bundle.cert());
        if (ca.size() != 1) {
            throw new IllegalArgumentException(
                    CertificateBundle.CA_CERT + " holds " + ca.size() + " certificates, not one");
        }
        if (cert.size() != 1) {
            throw new IllegalArgumentException(
                    CertificateBundle.CERT + " holds " + cert.size() + " certificates, not one");
        }
        if (certificates(CertificateBundle.CA_BUNDLE, bundle.caBundle()).isEmpty()) {
            throw new IllegalArgumentException(CertificateBundle.CA_BUNDLE + " holds no certificate");
        }
        return new Parsed(
                ca.get(0),
                privateKey(CertificateBundle.CA_KEY, bundle.caKey()),
                cert.get(0),
                privateKey(CertificateBundle.KEY, bundle.key()),
                bundle.caBundle());
    }

    private static java.security.PublicKey publicKeyOf(Parsed parsed) {
        try {
            java.security.interfaces.RSAPrivateCrtKey key = (java.security.interfaces.RSAPrivateCrtKey) parsed.key;
            return java.security.KeyFactory.getInstance("RSA")
                    .generatePublic(new java.security.spec.RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (ClassCastException | GeneralSecurityException e) {
            return null;
        }
    }

    private static List<X509Certificate> certificates(String field, String pem) {
        try {
            return certificates(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    /** The PKCS#8 private key of a PEM text; {@code field} names it in the error. */
    static PrivateKey privateKey(String field, String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            throw new IllegalArgumentException(field + " is not a PKCS#8 private key");
        } catch (IOException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static String pruneExpired(String bundle, Instant now) {
        StringBuilder kept = new StringBuilder();
        certificates(bundle).stream()
                .filter(c -> c.getNotAfter().toInstant().isAfter(now))
                .forEach(c -> kept.append(pem(c)));
        return kept.toString();
    }

    private static Duration remaining(X509Certificate certificate, Instant now) {
        return Duration.between(now, certificate.getNotAfter().toInstant());
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String pkcs8(PrivateKey key) throws IOException {
        return pem(new JcaPKCS8Generator(key, null).generate());
    }
}
