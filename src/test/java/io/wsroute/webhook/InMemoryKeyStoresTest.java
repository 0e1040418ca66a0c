package io.wsroute.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryKeyStoresTest {

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void clearTheProperties() {
        InMemoryKeyStores.ITERATIONS.keySet().forEach(name -> {
            saved.put(name, System.getProperty(name));
            System.clearProperty(name);
        });
    }

    @AfterEach
    void restoreTheProperties() {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    /** The names are the JDK's own (declared, with their defaults, commented out or not): a renamed one would quietly leave 10,000 iterations. */
    @Test
    void namesThePropertiesThisJdkDeclares() throws Exception {
        String javaSecurity = Files.readString(Path.of(System.getProperty("java.home"), "conf/security/java.security"));

        InMemoryKeyStores.ITERATIONS
                .keySet()
                .forEach(name ->
                        assertThat(javaSecurity).containsPattern("(?m)^#?" + name.replace(".", "\\.") + "\\s*="));
    }

    @Test
    void keyStoresBuiltAfterwardsUseOneIteration() throws Exception {
        assertThat(InMemoryKeyStores.useSingleIterations()).hasSize(3);

        Pfx pfx = Pfx.getInstance(pkcs12WithOneKey());

        assertThat(pfx.getMacData().getIterationCount()).isOne();
        assertThat(keyBagIterations(pfx)).containsExactly(1);
    }

    @Test
    void theJdksDefaultIsWhatItReplaces() throws Exception {
        assertThat(keyBagIterations(Pfx.getInstance(pkcs12WithOneKey()))).containsExactly(10_000);
    }

    @Test
    void keepsWhatTheOperatorSet() {
        System.setProperty("keystore.pkcs12.keyPbeIterationCount", "50000");

        assertThat(InMemoryKeyStores.useSingleIterations())
                .containsExactlyInAnyOrder(
                        "keystore.pkcs12.certPbeIterationCount", "keystore.pkcs12.macIterationCount");
        assertThat(System.getProperty("keystore.pkcs12.keyPbeIterationCount")).isEqualTo("50000");
    }

    private static byte[] pkcs12WithOneKey() throws Exception {
        CertificateBundle bundle = new CertificateIssuer(
                        new CertificateIssuer.Lifetimes(Duration.ofDays(10), Duration.ofDays(5), Duration.ofDays(1)))
                .renew(Optional.empty(), List.of("wsroute.wsroute.svc"), Instant.now());
        PrivateKey key = CertificateIssuer.privateKey("key", bundle.key());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "password".toCharArray();
        store.setKeyEntry(
                "key",
                key,
                password,
                CertificateIssuer.certificates(bundle.cert()).toArray(Certificate[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }

    /** The PBKDF2 iteration count of each shrouded key bag (RFC 7292 section 4.2.2, RFC 8018 appendix A.2). */
    private static List<Integer> keyBagIterations(Pfx pfx) {
        List<Integer> iterations = new ArrayList<>();
        ASN1Sequence safes = ASN1Sequence.getInstance(
                ASN1OctetString.getInstance(pfx.getAuthSafe().getContent()).getOctets());
        for (int i = 0; i < safes.size(); i++) {
            ContentInfo safe = ContentInfo.getInstance(safes.getObjectAt(i));
            if (!safe.getContentType().equals(PKCSObjectIdentifiers.data)) {
                continue; // the encrypted certificate bag
            }
            ASN1Sequence bags = ASN1Sequence.getInstance(
                    ASN1OctetString.getInstance(safe.getContent()).getOctets());
            for (int j = 0; j < bags.size(); j++) {
                SafeBag bag = SafeBag.getInstance(bags.getObjectAt(j));
                if (bag.getBagId().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
                    EncryptedPrivateKeyInfo info = EncryptedPrivateKeyInfo.getInstance(bag.getBagValue());
                    PBES2Parameters pbes2 = PBES2Parameters.getInstance(
                            info.getEncryptionAlgorithm().getParameters());
                    iterations.add(PBKDF2Params.getInstance(
                                    pbes2.getKeyDerivationFunc().getParameters())
                            .getIterationCount()
                            .intValueExact());
                }
            }
        }
        return iterations;
    }
}
