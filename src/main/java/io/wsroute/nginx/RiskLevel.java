package io.wsroute.nginx;

import java.util.Arrays;
import java.util.Optional;

/** ingress-nginx {@code annotations-risk-level}: annotations riskier than the level are refused. */
public enum RiskLevel {
    LOW("Low"),
    MEDIUM("Medium"),
    HIGH("High"),
    CRITICAL("Critical");

    private final String configValue;

    RiskLevel(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** True when an annotation of {@code annotationRisk} passes at this level. */
    public boolean admits(RiskLevel annotationRisk) {
        return annotationRisk.ordinal() <= ordinal();
    }

    public static Optional<RiskLevel> parse(String value) {
        return Arrays.stream(values())
                .filter(r -> r.configValue.equalsIgnoreCase(value == null ? "" : value.trim()))
                .findFirst();
    }
}
