package io.wsroute.probe;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One WebSocket handshake to try.
 *
 * @param url {@code ws://} or {@code wss://} URL; its host and port are where the probe connects
 * @param host the Host header (and TLS server name) to send instead of the URL's host, e.g. the route's host when
 *        the URL names the controller's Service or load-balancer address
 * @param timeout bound on the whole probe: connect, TLS handshake and the response head
 * @param insecure accept any server certificate (self-signed test setups); the server name is still sent
 */
public record ProbeRequest(URI url, Optional<String> host, Duration timeout, boolean insecure) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Longest timeout accepted: a probe must stay a quick check, never a hanging connection. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    public ProbeRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        host = host == null ? Optional.empty() : host;
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("URL must start with ws:// or wss://, not " + url);
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("URL has no host: " + url);
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("URL must not carry credentials: " + url.getHost());
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be above 0 and at most " + MAX_TIMEOUT.toSeconds() + "s");
        }
        host.ifPresent(ProbeRequest::checkHostHeader);
    }

    /** Parses a URL given on a command line or in configuration. */
    public static ProbeRequest of(String url, Optional<String> host, Duration timeout, boolean insecure) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        return new ProbeRequest(uri, host, timeout, insecure);
    }

    public boolean tls() {
        return url.getScheme().equalsIgnoreCase("wss");
    }

    /** Port to connect to: the URL's, or 80/443 by scheme. */
    public int port() {
        return url.getPort() > 0 ? url.getPort() : tls() ? 443 : 80;
    }

    /** Request target: path and query of the URL, "/" when empty. */
    public String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The Host header value: the override, or the URL's authority (with the port only when it is not the default). */
    public String hostHeader() {
        if (host.isPresent()) {
            return host.get();
        }
        boolean defaultPort = url.getPort() < 0 || url.getPort() == (tls() ? 443 : 80);
        String name = url.getHost();
        return defaultPort ? name : name + ":" + url.getPort();
    }

    /** Name for TLS SNI: the Host override without a port, or the URL's host. */
    public String serverName() {
        String header = host.orElse(url.getHost());
        int colon = header.lastIndexOf(':');
        return colon > 0 && !header.startsWith("[") ? header.substring(0, colon) : header;
    }

    /** A Host header goes onto the wire verbatim, so only host[:port] characters are allowed (no CR/LF injection). */
    private static void checkHostHeader(String host) {
        if (!host.matches("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?")) {
            throw new IllegalArgumentException("host must be a host name or address with an optional :port, not '"
                    + host.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }
}
