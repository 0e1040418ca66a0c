package io.wsroute.nginx;

import com.google.re2j.Pattern;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The value grammars the F5 NGINX Ingress Controller checks annotations against (its parsing helpers, and the
 * Kubernetes validation helpers it calls), with the controller's own error texts. Pure functions of the value.
 */
final class NginxIncGrammar {

    static final String HEADER_NAME_ERROR =
            "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";
    static final String DNS1123_SUBDOMAIN_ERROR =
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    static final String ANNOTATION_VALUE_ERROR =
            "a valid annotation value must have all '\"' escaped and must not contain any '$' or end with an unescaped '\\'";
    static final String ESCAPED_STRING_ERROR =
            "must have all '\"' (double quotes) escaped and must not end with an unescaped '\\' (backslash) (regex used for validation is '([^\"\\\\]|\\\\.)*')";

    /** Go's \s is [\t\n\f\r ]: unlike Java's, it has no vertical tab. */
    private static final String GO_SPACE = "[\\t\\n\\f\\r ]*";

    private static final Pattern TIME = Pattern.compile("(\\d+y)??" + GO_SPACE + "(\\d+M)??" + GO_SPACE + "(\\d+w)??"
            + GO_SPACE + "(\\d+d)??" + GO_SPACE + "(\\d+h)??" + GO_SPACE + "(\\d+m)??" + GO_SPACE + "(\\d+s?)??"
            + GO_SPACE + "(\\d+ms)??");
    private static final Pattern OFFSET = Pattern.compile("\\d+[kKmMgG]?");
    private static final Pattern SIZE = Pattern.compile("\\d+[kKmM]?");
    private static final Pattern PROXY_BUFFERS = Pattern.compile("\\d+ \\d+[kKmM]?");
    private static final Pattern HEADER_NAME = Pattern.compile("[-A-Za-z0-9]+");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** Load-balancing methods ParseLBMethod accepts on NGINX OSS, besides round_robin and hash. */
    static final List<String> OSS_LB_METHODS =
            List.of("least_conn", "ip_hash", "random", "random two", "random two least_conn");
    /** What ParseLBMethodForPlus adds on NGINX Plus. */
    static final List<String> PLUS_ONLY_LB_METHODS = List.of(
            "random two least_time=header",
            "random two least_time=last_byte",
            "least_time header",
            "least_time last_byte",
            "least_time header inflight",
            "least_time last_byte inflight");

    private NginxIncGrammar() {}

    /** ParseTime: nginx time units in fixed order, blank refused; not trimmed, but blanks between units allowed. */
    static boolean isTime(String s) {
        return !s.isBlank() && TIME.matcher(s).matches();
    }

    static boolean isOffset(String s) {
        return OFFSET.matcher(s.strip()).matches();
    }

    static boolean isSize(String s) {
        return SIZE.matcher(s.strip()).matches();
    }

    /** ParseProxyBuffersSpec: {@code <count> <size>}, size unit k or m in either case. */
    static boolean isProxyBuffers(String s) {
        return PROXY_BUFFERS.matcher(s.strip()).matches();
    }

    /** Go's strconv.ParseInt(s, 10, 64), which strconv.Atoi also is on 64-bit platforms. */
    static boolean isInt64(String s) {
        return goInteger(s, true)
                .filter(v -> v.compareTo(INT64_MIN) >= 0 && v.compareTo(INT64_MAX) <= 0)
                .isPresent();
    }

    /** Go's strconv.ParseUint(s, 10, 64): digits only, no sign. */
    static boolean isUint64(String s) {
        return goInteger(s, false).filter(v -> v.compareTo(UINT64_MAX) <= 0).isPresent();
    }

    /** A value of strconv.ParseInt(s, 10, bits): optional sign (when allowed), then ASCII digits only. */
    static Optional<BigInteger> goInteger(String s, boolean signed) {
        String digits = signed && !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(s.startsWith("+") ? digits : s));
    }

    /** ParsePortList: comma-separated ports, each a positive integer of the given bit size, no blanks. */
    static boolean isPortList(String s, int bits) {
        BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        for (String port : s.split(",", -1)) {
            Optional<BigInteger> value = goInteger(port, true);
            if (value.isEmpty() || value.get().signum() <= 0 || value.get().compareTo(max) > 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isHeaderName(String s) {
        return HEADER_NAME.matcher(s).matches();
    }

    /** Kubernetes IsDNS1123Subdomain: its error messages, none when valid. */
    static List<String> dns1123SubdomainErrors(String s) {
        if (s.length() > 253) {
            return DNS1123_SUBDOMAIN.matcher(s).matches()
                    ? List.of("must be no more than 253 characters")
                    : List.of("must be no more than 253 characters", DNS1123_SUBDOMAIN_ERROR);
        }
        return DNS1123_SUBDOMAIN.matcher(s).matches() ? List.of() : List.of(DNS1123_SUBDOMAIN_ERROR);
    }

    /** Kubernetes IsQualifiedName: {@code [prefix/]name}, prefix a DNS subdomain, name at most 63 characters. */
    static boolean isQualifiedName(String s) {
        String[] parts = s.split("/", -1);
        if (parts.length > 2) {
            return false;
        }
        String name = parts[parts.length - 1];
        if (parts.length == 2
                && (parts[0].isEmpty() || !dns1123SubdomainErrors(parts[0]).isEmpty())) {
            return false;
        }
        return !name.isEmpty()
                && name.length() <= 63
                && QUALIFIED_NAME_PART.matcher(name).matches();
    }

    /**
     * Annotation values that go into nginx between double quotes: the controller's {@code ([^"$\\]|\\[^$])*}, no
     * {@code $} and quotes escaped. Scanned, not matched: Java's regex engine recurses once per character through
     * that alternation and overflows its stack on long values, which the API server admits up to 256 KiB.
     */
    static boolean isAnnotationValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '$') {
                return false;
            }
            if (c == '\\') {
                if (i + 1 == s.length() || s.charAt(i + 1) == '$') {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** The controller's escaped string {@code ([^"\\]|\\.)*}: quotes escaped, no trailing lone backslash. Scanned. */
    static boolean isEscapedString(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return false;
            }
            if (c == '\\') {
                if (i + 1 == s.length()) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** Kubernetes validation.RegexError: the message, examples and the pattern, as the controller words it. */
    static String regexError(String message, String pattern, String... examples) {
        StringBuilder out = new StringBuilder(message).append(" (");
        if (examples.length > 0) {
            out.append("e.g. '").append(examples[0]).append('\'');
            for (int i = 1; i < examples.length; i++) {
                out.append(",  or '").append(examples[i]).append('\'');
            }
            out.append(", ");
        }
        return out.append("regex used for validation is '")
                .append(pattern)
                .append("')")
                .toString();
    }
}
