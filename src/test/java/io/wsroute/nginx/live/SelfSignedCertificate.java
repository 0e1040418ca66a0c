package io.wsroute.nginx.live;

import io.wsroute.testing.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made with Debian's openssl (provisioned with nginx by
 * hack/nginx.sh): what a TLS-terminating controller or a wss backend presents in the tests.
 */
public record SelfSignedCertificate(Path certificate, Path key) {

    static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Process openssl;
        try {
            openssl = new ProcessBuilder(
                            "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "ec",
                            "-pkeyopt",
                            "ec_paramgen_curve:prime256v1",
                            "-nodes",
                            "-days",
                            "2",
                            "-subj",
                            "/CN=localhost",
                            "-addext",
                            "subjectAltName=DNS:localhost,IP:127.0.0.1",
                            "-keyout",
                            key.toString(),
                            "-out",
                            cert.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            Prerequisites.missing(
                    "no openssl (install Debian's openssl: hack/nginx.sh) for the real-nginx tests: " + e.getMessage());
            throw e;
        }
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (openssl.waitFor() != 0) {
            throw new IllegalStateException("openssl could not make a certificate: " + output);
        }
        return new SelfSignedCertificate(cert, key);
    }
}
