package io.wsroute.nginx;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release of the F5 NGINX Ingress Controller ({@code wsroute.controllers.nginx-inc.version}), so the annotation
 * table can tell which annotations that release reads and how it validates them.
 */
public record NginxIncVersion(int major, int minor, int patch) implements Comparable<NginxIncVersion> {

    /** The newest release wsroute's F5 annotation table was checked against; the default. */
    public static final NginxIncVersion LATEST = new NginxIncVersion(5, 5, 4);

    private static final Pattern FORMAT = Pattern.compile("v?(\\d{1,3})(?:\\.(\\d{1,3}))?(?:\\.(\\d{1,3}))?");
    private static final Comparator<NginxIncVersion> ORDER = Comparator.comparingInt(NginxIncVersion::major)
            .thenComparingInt(NginxIncVersion::minor)
            .thenComparingInt(NginxIncVersion::patch);

    /** Reads {@code 5}, {@code 5.4}, {@code 5.4.1} or {@code v5.4.1}; a missing minor or patch reads as 0. */
    public static NginxIncVersion parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not an F5 NGINX Ingress Controller version (e.g. 5.5.4 or 4.0): \"" + text + "\"");
        }
        return new NginxIncVersion(
                Integer.parseInt(m.group(1)),
                m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public static NginxIncVersion of(int major, int minor) {
        return new NginxIncVersion(major, minor, 0);
    }

    public boolean atLeast(NginxIncVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(NginxIncVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
