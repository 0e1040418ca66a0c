package io.wsroute.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sends one RFC 6455 opening handshake (an HTTP/1.1 GET with Upgrade: websocket) and classifies the answer.
 *
 * <p>Written on a plain blocking socket rather than a WebSocket client library on purpose: a probe must see the
 * exact status line and headers of a <em>failed</em> handshake, send a Host header and TLS server name that differ
 * from the address it connects to (the controller's Service), and tell refused connections, TLS failures and
 * timeouts apart. Client libraries hide all four. Pure Java, no Kubernetes: the CLI and the operator share it.
 * Thread-safe; each call uses its own socket and is bounded by the request's timeout.
 */
public final class HandshakeProbe {

    /** RFC 6455 section 1.3: appended to the key before hashing. */
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** Response heads larger than this are not a handshake answer. */
    private static final int MAX_HEAD_BYTES = 16 * 1024;

    private final SecureRandom random = new SecureRandom();

    public ProbeResult probe(ProbeRequest request) {
        long start = System.nanoTime();
        ProbeResult partial = attempt(request, start);
        return new ProbeResult(partial.outcome(), partial.status(), partial.diagnosis(), since(start));
    }

    private ProbeResult attempt(ProbeRequest request, long start) {
        String where = request.url().getHost() + ":" + request.port();
        byte[] keyBytes = new byte[16];
        random.nextBytes(keyBytes);
        String key = Base64.getEncoder().encodeToString(keyBytes);
        try (Socket socket = connect(request, start)) {
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(request, key).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ResponseHead head = readHead(socket, request, start);
            ProbeResult result = Diagnosis.of(head, expectedAccept(key), request);
            if (head.status() == 101) {
                sendClose(out);
            }
            return result;
        } catch (UnknownHostException e) {
            return failure(ProbeOutcome.UNKNOWN_HOST, "host " + request.url().getHost() + " does not resolve");
        } catch (ConnectException e) {
            return failure(
                    ProbeOutcome.CONNECTION_REFUSED,
                    "connection refused at " + where
                            + ": nothing listens there (wrong address or port, or the controller is down)");
        } catch (SocketTimeoutException e) {
            return failure(
                    ProbeOutcome.TIMEOUT,
                    "no answer from " + where + " within " + request.timeout().toMillis()
                            + " ms (packets dropped by a firewall, or a proxy holding the request)");
        } catch (SSLException e) {
            return failure(
                    ProbeOutcome.TLS_FAILURE,
                    "TLS handshake with " + where + " failed: " + e.getMessage()
                            + (request.insecure()
                                    ? ""
                                    : " (a self-signed or private CA certificate? --insecure skips the check)"));
        } catch (MalformedResponse e) {
            return failure(
                    ProbeOutcome.NOT_HTTP,
                    where + " did not answer with HTTP/1.x: " + e.getMessage()
                            + (request.tls() ? "" : " (a TLS-only port? try wss://)"));
        } catch (IOException e) {
            return failure(ProbeOutcome.NETWORK_ERROR, "network error talking to " + where + ": " + e);
        }
    }

    private static ProbeResult failure(ProbeOutcome outcome, String diagnosis) {
        return new ProbeResult(outcome, OptionalInt.empty(), diagnosis, Duration.ZERO);
    }

    private Socket connect(ProbeRequest request, long start) throws IOException {
        int timeout = remainingMillis(request, start);
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(request.url().getHost(), request.port()), timeout);
            plain.setSoTimeout(remainingMillis(request, start));
            if (!request.tls()) {
                return plain;
            }
            SSLSocket tls = (SSLSocket) sslContext(request.insecure())
                    .getSocketFactory()
                    .createSocket(plain, request.serverName(), request.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            if (!request.insecure()) {
                // Hostname verification against the name the client would use, not the address connected to.
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!request.serverName().matches("[0-9.]+|\\[.*]")) {
                parameters.setServerNames(List.of(new SNIHostName(request.serverName())));
            }
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(remainingMillis(request, start));
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static SSLContext sslContext(boolean insecure) throws SSLException {
        try {
            if (!insecure) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new SSLException("no TLS support in this JVM: " + e.getMessage(), e);
        }
    }

    private static String requestHead(ProbeRequest request, String key) {
        return "GET " + request.target() + " HTTP/1.1\r\n"
                + "Host: " + request.hostHeader() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "User-Agent: wsroute-probe\r\n"
                + "\r\n";
    }

    private static ResponseHead readHead(Socket socket, ProbeRequest request, long start) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            socket.setSoTimeout(remainingMillis(request, start));
            int b = in.read();
            if (b < 0) {
                if (bytes.size() == 0) {
                    throw new IOException("connection closed before any answer");
                }
                break;
            }
            bytes.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (bytes.size() > MAX_HEAD_BYTES) {
                throw new MalformedResponse("response head over " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return ResponseHead.parse(bytes.toString(StandardCharsets.ISO_8859_1));
    }

    /** A masked close frame with status 1000, so the backend sees a clean goodbye rather than a reset. */
    private void sendClose(OutputStream out) {
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        byte[] payload = {0x03, (byte) 0xE8};
        byte[] frame = {
            (byte) 0x88,
            (byte) 0x82,
            mask[0],
            mask[1],
            mask[2],
            mask[3],
            (byte) (payload[0] ^ mask[0]),
            (byte) (payload[1] ^ mask[1])
        };
        try {
            out.write(frame);
            out.flush();
        } catch (IOException ignored) {
            // the verdict is already made; a peer that went away is not a probe failure
        }
    }

    static String expectedAccept(String key) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    private static int remainingMillis(ProbeRequest request, long start) throws SocketTimeoutException {
        long left = request.timeout().toMillis() - since(start).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("probe timeout spent");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Thrown when the peer's answer is not an HTTP/1.x response head. */
    static final class MalformedResponse extends IOException {
        MalformedResponse(String message) {
            super(message);
        }
    }

    /** For --insecure only: self-signed test setups. The choice is the user's, made per probe. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
