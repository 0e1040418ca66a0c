package io.wsroute.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PKCS#12 key stores that only live in memory get a single password-based-encryption iteration instead of the JDK's
 * 10,000.
 *
 * <p>The server writes no key store: its certificate and key are PEM (files or the self-managed Secret). The key
 * stores in the process are built in memory by its libraries (Netty's one-off TLS probe, Vert.x reading the PEM key,
 * the Kubernetes client) to hand keys to the JDK's TLS, and the same keys sit unencrypted in the heap beside them,
 * so the key stores' password-based encryption protects nothing there. At 10,000 iterations it was the largest
 * single cost of the start-up (BENCHMARKS.md: the key derivation runs several times, and its loop is hot enough to
 * be compiled by C2 while the two cores are needed for the start itself).
 *
 * <p>The JDK reads these as system properties that supersede its security properties of the same name
 * ({@code conf/security/java.security}); a value the operator sets with {@code -D} is kept.
 */
public final class InMemoryKeyStores {

    static final Map<String, String> ITERATIONS = Map.of(
            "keystore.pkcs12.keyPbeIterationCount", "1",
            "keystore.pkcs12.certPbeIterationCount", "1",
            "keystore.pkcs12.macIterationCount", "1");

    private InMemoryKeyStores() {}

    /** Sets the iteration counts the operator has not set; returns the names it set. */
    public static List<String> useSingleIterations() {
        List<String> set = new ArrayList<>();
        ITERATIONS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
                set.add(name);
            }
        });
        return set;
    }
}
