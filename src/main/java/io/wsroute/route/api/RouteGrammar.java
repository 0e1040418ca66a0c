package io.wsroute.route.api;

import java.util.regex.Pattern;

/**
 * The strict grammar of every WebSocketRoute value, in one place. The same expressions go into the CRD schema (so
 * the API server refuses a hostile value before wsroute sees it), into {@link RouteSpecCheck} (for clusters whose
 * CRD is older or was edited) and, through that check, in front of every snippet wsroute writes. None of them
 * admits whitespace, quotes, {@code ;}, {@code {}}, {@code $} or a backslash, so no value can end an nginx
 * directive or open a block. Each is valid both as a Java and as an ECMA-262 (OpenAPI) regular expression.
 */
public final class RouteGrammar {

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    /** DNS name, optionally with one leading wildcard label, as Ingress rules accept. */
    public static final String HOST = "^(\\*\\.)?" + LABEL + "(\\." + LABEL + ")*$";
    /** DNS-1123 subdomain: IngressClass and Secret names. */
    public static final String SUBDOMAIN = "^" + LABEL + "(\\." + LABEL + ")*$";
    /** DNS-1123 label: namespace names (Gateway API's Namespace type). */
    public static final String NAMESPACE = "^" + LABEL + "$";
    /** DNS-1035 label: Service names. */
    public static final String SERVICE_NAME = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
    /** Named Service port (IANA service name shape). */
    public static final String PORT_NAME = "^" + LABEL + "$";
    /**
     * URL path. The character set is ingress-nginx's own strict path validation for Exact and Prefix paths
     * ({@code strict-validate-path-type}), so a route never produces a path the controller refuses.
     */
    public static final String PATH = "^/[A-Za-z0-9._~/-]*$";
    /** A duration as nginx-minded people write it: {@code 1h}, {@code 90s}, {@code 1h30m}. */
    public static final String DURATION = "^([0-9]{1,6}[hms])+$";
    /** Cookie name: a conservative subset of the RFC 6265 token. */
    public static final String COOKIE_NAME = "^[A-Za-z0-9_-]+$";
    /** Browser origin: scheme, host (optionally a wildcard first label) and port; no path. */
    public static final String ORIGIN = "^https?://(\\*\\.)?" + LABEL + "(\\." + LABEL + ")*(:[0-9]{1,5})?$";
    /** IPv4 or IPv6 address with an optional prefix length; {@link RouteSpecCheck} checks the numbers. */
    public static final String CIDR =
            "^([0-9]{1,3}(\\.[0-9]{1,3}){3}(/[0-9]{1,2})?|[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}(/[0-9]{1,3})?)$";

    /** A wsroute rule id, as listed in README's rule table. */
    public static final String RULE_ID = "^WS[0-9]{3}$";
    /** One line of printable text: shown to people, never written into nginx configuration. */
    public static final String ONE_LINE = "^[^\\x00-\\x1f\\x7f]*$";

    public static final Pattern HOST_PATTERN = Pattern.compile(HOST);
    public static final Pattern SUBDOMAIN_PATTERN = Pattern.compile(SUBDOMAIN);
    public static final Pattern NAMESPACE_PATTERN = Pattern.compile(NAMESPACE);
    public static final Pattern SERVICE_NAME_PATTERN = Pattern.compile(SERVICE_NAME);
    public static final Pattern PORT_NAME_PATTERN = Pattern.compile(PORT_NAME);
    public static final Pattern PATH_PATTERN = Pattern.compile(PATH);
    public static final Pattern DURATION_PATTERN = Pattern.compile(DURATION);
    public static final Pattern COOKIE_NAME_PATTERN = Pattern.compile(COOKIE_NAME);
    public static final Pattern ORIGIN_PATTERN = Pattern.compile(ORIGIN);
    public static final Pattern CIDR_PATTERN = Pattern.compile(CIDR);
    public static final Pattern RULE_ID_PATTERN = Pattern.compile(RULE_ID);
    public static final Pattern ONE_LINE_PATTERN = Pattern.compile(ONE_LINE);

    private RouteGrammar() {}
}
