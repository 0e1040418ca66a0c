package io.wsroute.nginx;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release of community ingress-nginx ({@code wsroute.controllers.ingress-nginx.version}). The annotation table
 * follows the latest release unless told otherwise: releases 1.9 to 1.15 are still deployed, and a few verdicts
 * differ between them (README "ingress-nginx releases").
 */
public record IngressNginxVersion(int major, int minor, int patch) implements Comparable<IngressNginxVersion> {

    /** The newest release the annotation table was read from. */
    public static final IngressNginxVersion LATEST = new IngressNginxVersion(1, 15, 1);
    /** The oldest release the table models; older ones are judged as this one. */
    public static final IngressNginxVersion OLDEST = new IngressNginxVersion(1, 9, 0);

    private static final IngressNginxVersion NGINX_TEST_OFF_11 = new IngressNginxVersion(1, 11, 5);
    private static final IngressNginxVersion LAST_WITH_NGINX_TEST_12 = new IngressNginxVersion(1, 12, 0);

    private static final Pattern FORM = Pattern.compile("^v?(\\d{1,3})\\.(\\d{1,3})(?:\\.(\\d{1,3}))?$");

    public IngressNginxVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers are not negative");
        }
    }

    /**
     * Parses {@code 1.12}, {@code 1.12.3} or {@code v1.12.3} (a missing patch means the release's first, .0, whose
     * behaviour is the one a whole minor line is known by). Anything else is refused with a message naming the form.
     */
    public static IngressNginxVersion parse(String text) {
        Matcher m = FORM.matcher(Objects.requireNonNullElse(text, "").strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "ingress-nginx version \"%s\" is not MAJOR.MINOR[.PATCH], e.g. 1.15 or 1.12.3".formatted(text));
        }
        return new IngressNginxVersion(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /**
     * True when the release's admission webhook runs nginx -t on the configuration it renders for the Ingress under
     * review (the whole controller configuration, ConfigMap included). The CVE-2025-1974 fix deactivated that test in
     * 1.11.5 and 1.12.1, and every later release keeps it off, so a value nginx refuses is admitted there and only
     * fails the next reload.
     */
    public boolean admissionRunsNginxTest() {
        return compareTo(NGINX_TEST_OFF_11) < 0 || equals(LAST_WITH_NGINX_TEST_12);
    }

    public boolean atLeast(IngressNginxVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(IngressNginxVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c == 0 ? Integer.compare(patch, o.patch) : c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
