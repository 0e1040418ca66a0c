package io.wsroute.probe;

/**
 * What a handshake probe found, coarse enough to be a condition reason. Each value is a distinct cause with a
 * distinct fix; the HTTP status and details go into {@link ProbeResult#diagnosis()}.
 */
public enum ProbeOutcome {
    /** 101 with a correct Sec-WebSocket-Accept: the upgrade reached the backend and came back. */
    UPGRADED("Upgraded"),
    /** 101, but Sec-WebSocket-Accept does not match the key: something in between answered, not the backend. */
    BAD_ACCEPT("BadAccept"),
    /** 426 Upgrade Required: the backend got the request without the Upgrade; the proxy dropped it. */
    UPGRADE_NOT_FORWARDED("UpgradeNotForwarded"),
    /** 400: the request reached something that refused it (Origin/Host checks, mangled handshake headers). */
    BAD_REQUEST("BadRequest"),
    /** 3xx: WebSocket clients do not follow redirects (typically HTTP to HTTPS). */
    REDIRECTED("Redirected"),
    /** 404: no route for this host and path at that address. */
    NOT_FOUND("NotFound"),
    /** 401/403: refused by authentication or an allowlist. */
    FORBIDDEN("Forbidden"),
    /** 502/503/504: the proxy answered, but could not get a handshake out of the backend. */
    BACKEND_UNAVAILABLE("BackendUnavailable"),
    /** Any other HTTP status. */
    UNEXPECTED_STATUS("UnexpectedStatus"),
    /** The answer was not HTTP/1.x. */
    NOT_HTTP("NotHttp"),
    /** Nothing listens at the address. */
    CONNECTION_REFUSED("ConnectionRefused"),
    /** The host name does not resolve. */
    UNKNOWN_HOST("UnknownHost"),
    /** The TLS handshake failed (untrusted certificate, wrong name, no TLS on that port). */
    TLS_FAILURE("TlsFailure"),
    /** No complete answer within the timeout. */
    TIMEOUT("Timeout"),
    /** Any other network failure (connection reset, closed before an answer, no route). */
    NETWORK_ERROR("NetworkError"),
    /** The probe itself failed inside wsroute (a defect); the operator logs the exception. */
    PROBE_FAILED("ProbeFailed");

    private final String reason;

    ProbeOutcome(String reason) {
        this.reason = reason;
    }

    /** CamelCase, as Kubernetes condition reasons are written. */
    public String reason() {
        return reason;
    }
}
