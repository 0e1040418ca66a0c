package io.wsroute.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the validating webhook does with error findings. */
public enum AdmissionMode {
    /** Deny Ingresses with error findings. */
    ENFORCE,
    /** Admit them; every finding becomes an AdmissionReview warning. */
    WARN,
    /** Neither check nor mutate (namespace label only). */
    OFF;

    public static Optional<AdmissionMode> parse(String value) {
        return Arrays.stream(values())
                .filter(m -> m.name().equalsIgnoreCase(value == null ? "" : value.trim()))
                .findFirst();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
