package io.wsroute.nginx;

import java.util.Optional;

/**
 * Booleans as both controllers read them: Go's {@code strconv.ParseBool}, used by ingress-nginx for annotations
 * ({@code parser.GetBoolAnnotation}) and ConfigMap keys, and by the F5 controller ({@code configs.ParseBool}).
 * So {@code "True"} and {@code "1"} are true, and {@code "yes"} is not a boolean at all.
 */
public final class GoBool {

    private GoBool() {}

    /** The value, or empty when Go would refuse it (the controllers then keep their default). */
    public static Optional<Boolean> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** True only for a value Go reads as true. */
    public static boolean isTrue(String value) {
        return parse(value).orElse(false);
    }
}
