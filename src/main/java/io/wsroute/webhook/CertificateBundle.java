package io.wsroute.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What wsroute keeps in its certificate Secret, as PEM text: its CA and key, the serving certificate and key, and
 * the CA bundle the API server trusts (the current CA, plus the previous one while certificates it signed may still
 * be served).
 */
public record CertificateBundle(String caCert, String caKey, String cert, String key, String caBundle) {

    static final String CA_CERT = "ca.crt";
    static final String CA_KEY = "ca.key";
    static final String CERT = "tls.crt";
    static final String KEY = "tls.key";
    static final String CA_BUNDLE = "ca-bundle.crt";

    /** The Secret's {@code data}: base64 of each PEM text. */
    public Map<String, String> toSecretData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA_CERT, base64(caCert));
        data.put(CA_KEY, base64(caKey));
        data.put(CERT, base64(cert));
        data.put(KEY, base64(key));
        data.put(CA_BUNDLE, base64(caBundle));
        return data;
    }

    /** Empty when the Secret is empty or lacks a key (the chart creates it empty); content is checked later. */
    public static Optional<CertificateBundle> fromSecretData(Map<String, String> data) {
        if (data == null || !data.keySet().containsAll(List.of(CA_CERT, CA_KEY, CERT, KEY, CA_BUNDLE))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CertificateBundle(
                    text(data.get(CA_CERT)),
                    text(data.get(CA_KEY)),
                    text(data.get(CERT)),
                    text(data.get(KEY)),
                    text(data.get(CA_BUNDLE))));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /**
     * Why Secret data that is there cannot be read as a bundle (keys missing, not base64), or empty when it can, or
     * when there is none yet (the chart creates the Secret empty).
     */
    public static Optional<String> unreadable(Map<String, String> data) {
        if (data == null || data.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = java.util.stream.Stream.of(CA_CERT, CA_KEY, CERT, KEY, CA_BUNDLE)
                .filter(key -> !data.containsKey(key))
                .toList();
        if (!missing.isEmpty()) {
            return Optional.of("no " + String.join(", ", missing));
        }
        for (String key : List.of(CA_CERT, CA_KEY, CERT, KEY, CA_BUNDLE)) {
            try {
                text(data.get(key));
            } catch (IllegalArgumentException | NullPointerException notBase64) {
                return Optional.of(key + " is not base64: " + notBase64.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The caBundle field of a webhook's clientConfig: base64 of the PEM bundle. */
    public String caBundleBase64() {
        return base64(caBundle);
    }

    @Override
    public String toString() {
        // Never log keys.
        return "CertificateBundle[keys redacted]";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
