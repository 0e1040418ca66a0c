package io.wsroute.nginx;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The value checks ingress-nginx runs on an annotation before its parser reads it (since 1.9.1, the annotation
 * validation of {@code --enable-annotation-validation}, on by default). A value a check refuses is a validation
 * error; what that does to the Ingress depends on the parser ({@link IngressNginxAnnotation#onInvalid()}). Empty
 * values are never checked. Regular expressions are the controller's own, matched as Go matches them (RE2/J): anywhere in
 * the value unless anchored.
 *
 * @param grammar the accepted values, in words, for messages
 * @param accepts the check itself
 */
public record IngressNginxValidator(String grammar, Predicate<String> accepts) {

    private static final String ALPHANUMERIC = "\\-\\._~a-zA-Z0-9/:";
    private static final Pattern MALICIOUS = Pattern.compile("\\r|\\n");
    private static final Pattern GO_ATOI = Pattern.compile("^[+-]?\\d+$");
    private static final Pattern SERVER_NAME_CHARS =
            Pattern.compile("^[/" + ALPHANUMERIC + "\\^\\$\\[\\]\\(\\)\\{\\}\\*\\+\\?\\|&=\\\\]*$");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");

    /** Go's strconv.ParseBool. */
    public static final IngressNginxValidator BOOL = new IngressNginxValidator(
            "a boolean (true, false, 1, 0, t, f)", v -> GoBool.parse(v).isPresent());
    /** Go's strconv.Atoi: an optional sign and decimal digits that fit 64 bits. */
    public static final IngressNginxValidator INT =
            new IngressNginxValidator("an integer", IngressNginxValidator::isInt);
    /** parser.SizeRegex: digits with an optional b, k, m or g. */
    public static final IngressNginxValidator SIZE = regex("a size such as 8k or 1m", "^(?i)\\d+[bkmg]?$", true);
    /** parser.BasicCharsRegex. */
    public static final IngressNginxValidator BASIC_CHARS =
            regex("letters, digits and -._~/:", "^[/" + ALPHANUMERIC + "]*$", true);
    /** parser.ExtendedCharsRegex, spaces kept. */
    public static final IngressNginxValidator EXTENDED_CHARS =
            regex("letters, digits, -._~/:, commas and spaces", "^[/" + ALPHANUMERIC + ", ]*$", false);
    /** parser.CharsWithSpace, spaces kept. */
    public static final IngressNginxValidator CHARS_WITH_SPACE =
            regex("letters, digits, -._~/: and spaces", "^[/" + ALPHANUMERIC + " ]*$", false);
    /** parser.URLIsValidRegex. */
    public static final IngressNginxValidator URL_CHARS =
            regex("a URL of letters, digits and -._~/:,?&=", "^[" + ALPHANUMERIC + ",:?&=]*$", true);
    /** parser.URLWithNginxVariableRegex. */
    public static final IngressNginxValidator URL_WITH_VARIABLES = regex(
            "a URL of letters, digits, -._~/:,?&= and nginx variables", "^[" + ALPHANUMERIC + ", ,:?&=$]*$", true);
    /** parser.NGINXVariable. */
    public static final IngressNginxValidator NGINX_VARIABLE =
            regex("letters, digits, -_ and nginx variables", "^[A-Za-z0-9\\-_$\\{\\}]*$", true);
    /** parser.RegexPathWithCapture, spaces kept. */
    public static final IngressNginxValidator PATH_WITH_CAPTURE =
            regex("a path with optional $1 captures", "^/?[" + ALPHANUMERIC + "/$]*$", false);
    /** parser.RegexPathWithCapture with spaces removed first. */
    public static final IngressNginxValidator PATH_WITH_CAPTURE_NO_SPACE =
            regex("a path with optional $1 captures", "^/?[" + ALPHANUMERIC + "/$]*$", true);
    /** parser.HeadersVariable. */
    public static final IngressNginxValidator HEADER_LIST =
            regex("header names separated by commas", "^[A-Za-z0-9-_, ]*$", true);
    /** parser.IsValidRegex (no spaces). */
    public static final IngressNginxValidator REGEX_CHARS = new IngressNginxValidator(
            "letters, digits and regular-expression characters",
            v -> SERVER_NAME_CHARS.matcher(v).find() && !MALICIOUS.matcher(v).find());
    /** parser.ValidateServerName: trimmed, then IsValidRegex. */
    public static final IngressNginxValidator SERVER_NAME = new IngressNginxValidator(
            "a server name (letters, digits, regular-expression characters)",
            v -> SERVER_NAME_CHARS.matcher(v.strip()).find());
    /** parser.ValidateArrayOfServerName: each comma-separated name a server name. */
    public static final IngressNginxValidator SERVER_NAMES = new IngressNginxValidator(
            "server names separated by commas",
            v -> List.of(v.split(",", -1)).stream().allMatch(SERVER_NAME.accepts));
    /** parser.ValidateCIDRs: internal/net ParseCIDRs, every comma-separated entry an address or a network. */
    public static final IngressNginxValidator CIDRS =
            new IngressNginxValidator("IP addresses or CIDR networks separated by commas", GoNet::isCidrList);
    /** parser.ValidateServiceName: a DNS-1035 label. */
    public static final IngressNginxValidator SERVICE_NAME = new IngressNginxValidator(
            "a Service name (DNS-1035 label)",
            v -> v.length() <= 63 && DNS_1035_LABEL.matcher(v).matches());
    /** parser.ValidateNull: snippets are not checked at all (the risk level gates them instead). */
    public static final IngressNginxValidator ANYTHING = new IngressNginxValidator("anything", v -> true);
    /** parser.CommonNameAnnotationValidator: "CN=" and a regular expression. */
    public static final IngressNginxValidator COMMON_NAME =
            new IngressNginxValidator("CN= followed by a regular expression", IngressNginxValidator::isCommonName);

    /** parser.ValidateRegex: spaces optionally removed, the pattern found, and no CR or LF. */
    public static IngressNginxValidator regex(String grammar, String goPattern, boolean removeSpace) {
        Pattern pattern = Pattern.compile(goPattern);
        return new IngressNginxValidator(grammar, v -> {
            String s = removeSpace ? v.replace(" ", "") : v;
            return pattern.matcher(s).find() && !MALICIOUS.matcher(s).find();
        });
    }

    /** parser.ValidateOptions. */
    public static IngressNginxValidator options(List<String> options, boolean caseSensitive, boolean trim) {
        return new IngressNginxValidator("one of " + String.join(", ", options), v -> {
            String s = trim ? v.strip() : v;
            return options.contains(caseSensitive ? s : s.toLowerCase(Locale.ROOT));
        });
    }

    public boolean test(String value) {
        return accepts.test(value);
    }

    static boolean isInt(String value) {
        if (!GO_ATOI.matcher(value).matches()) {
            return false;
        }
        try {
            Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
            return true;
        } catch (NumberFormatException overflow) {
            return false;
        }
    }

    /** Go RE2 has no look-around and no back-references, which Java would accept. */
    private static boolean isCommonName(String value) {
        if (!value.startsWith("CN=")) {
            return false;
        }
        String regex = value.substring(3);
        if (regex.contains("(?=") || regex.contains("(?!") || regex.contains("(?<") || regex.matches(".*\\\\[1-9].*")) {
            return false;
        }
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** Go's net.ParseIP and net.ParseCIDR, as ingress-nginx's internal/net ParseIPNets uses them. */
    static final class GoNet {

        private static final Pattern V4 =
                Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
        private static final Pattern V6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

        private GoNet() {}

        static boolean isCidrList(String value) {
            return List.of(value.split(",", -1)).stream().map(String::strip).allMatch(GoNet::isAddressOrNetwork);
        }

        static boolean isAddressOrNetwork(String spec) {
            int slash = spec.indexOf('/');
            if (slash < 0) {
                return isIp(spec);
            }
            String address = spec.substring(0, slash);
            String bits = spec.substring(slash + 1);
            if (!bits.matches("^\\d{1,3}$") || !isIp(address)) {
                return false;
            }
            return Integer.parseInt(bits) <= (address.contains(":") ? 128 : 32);
        }

        static boolean isIp(String address) {
            if (!address.contains(":")) {
                return V4.matcher(address).matches();
            }
            if (!V6_CHARS.matcher(address).matches() || address.contains(":::")) {
                return false;
            }
            try {
                // a literal of hex digits, colons and dots: parsed, never looked up
                return java.net.InetAddress.getByName(address) instanceof java.net.Inet6Address
                        || address.contains(".");
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
    }
}
