package io.wsroute.nginx;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time values in the two formats the controllers accept.
 *
 * <p>ingress-nginx parses its timeout annotations with Go's {@code strconv.Atoi}: integer seconds only, and
 * anything else silently falls back to the default. The F5 controller accepts nginx time syntax
 * ({@code 90}, {@code 3600s}, {@code 1h}, {@code 1h 30m}) and rejects the Ingress on anything else.
 */
public final class NginxTime {

    /** The F5 controller's own grammar (ParseTime in internal/configs/parsing_helpers.go): units in fixed order. */
    private static final Pattern NGINX_TIME = Pattern.compile(
            "^(\\d+y)??\\s*(\\d+M)??\\s*(\\d+w)??\\s*(\\d+d)??\\s*(\\d+h)??\\s*(\\d+m)??\\s*(\\d+s?)??\\s*(\\d+ms)??$");

    /**
     * nginx's own time syntax for one unquoted argument of a millisecond directive (proxy_read_timeout,
     * worker_shutdown_timeout): w, d, h, m, s, ms in that order, a trailing bare number counts as seconds, no sign,
     * and no years or months (nginx refuses those where it counts milliseconds). Checked against nginx -t:
     * NginxTimeOnRealNginxTest.
     */
    private static final Pattern NGINX_MSEC_ARGUMENT =
            Pattern.compile("^(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?(\\d+)?$");

    private static final Pattern GO_ATOI = Pattern.compile("^[+-]?\\d{1,18}$");

    private NginxTime() {}

    /** Parses an nginx time string as the F5 controller does; empty when it would reject the value. */
    public static Optional<Duration> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher m = NGINX_TIME.matcher(value.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        long[] unitSeconds = {365L * 86400, 30L * 86400, 7L * 86400, 86400, 3600, 60, 1};
        try {
            for (int group = 1; group <= 7; group++) {
                String part = m.group(group);
                if (part != null) {
                    long amount = Long.parseLong(part.replaceAll("\\D", ""));
                    total = total.plusSeconds(Math.multiplyExact(amount, unitSeconds[group - 1]));
                }
            }
            String millis = m.group(8);
            if (millis != null) {
                total = total.plusMillis(Long.parseLong(millis.replace("ms", "")));
            }
        } catch (ArithmeticException | NumberFormatException overflow) {
            return Optional.empty();
        }
        return Optional.of(total);
    }

    /**
     * A value written into nginx.conf as it stands ({@code proxy_read_timeout <value>;}), as nginx itself reads it:
     * empty when nginx refuses the configuration, because the value is not one argument (whitespace, or nothing) or
     * not a time in nginx's syntax.
     */
    public static Optional<Duration> parseDirectiveArgument(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = NGINX_MSEC_ARGUMENT.matcher(value.strip());
        if (value.isBlank() || !m.matches()) {
            return Optional.empty();
        }
        long[] unitMillis = {7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1, 1000};
        long total = 0;
        try {
            for (int group = 1; group <= 7; group++) {
                String part = m.group(group);
                if (part != null) {
                    long amount = Long.parseLong(part.replaceAll("\\D", ""));
                    total = Math.addExact(total, Math.multiplyExact(amount, unitMillis[group - 1]));
                }
            }
        } catch (ArithmeticException | NumberFormatException overflow) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(total));
    }

    /**
     * Parses integer seconds as ingress-nginx does ({@code strconv.Atoi}); empty for anything else, including
     * values with a unit such as {@code 3600s}, which that controller silently replaces by its default.
     */
    public static Optional<Duration> parseSeconds(String value) {
        if (value == null || !GO_ATOI.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }

    /**
     * Parses a timeout annotation value as the given controller does: integer seconds for ingress-nginx, nginx
     * time for the F5 controller. Empty when that controller would not use the value.
     */
    public static Optional<Duration> parseTimeout(ControllerFlavor flavor, String value) {
        return flavor.plane().timeoutSyntax().parse(value);
    }

    /** A timeout as the controller wants it written: bare seconds for ingress-nginx, nginx time for the F5 one. */
    public static String formatTimeout(ControllerFlavor flavor, Duration value) {
        return flavor.plane().timeoutSyntax().format(value);
    }

    /** Renders a duration in the most compact nginx time form ({@code 1h}, {@code 90s}). */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
