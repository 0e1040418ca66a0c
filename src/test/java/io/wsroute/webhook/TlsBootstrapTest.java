package io.wsroute.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The init container's command; its successful path runs in HelmInstallIT against a real API server. */
class TlsBootstrapTest {

    @Test
    void refusesToRunWhenSelfManagedTlsIsOff() {
        StringWriter err = new StringWriter();
        assertThat(TlsBootstrap.run(new PrintWriter(new StringWriter()), new PrintWriter(err)))
                .isEqualTo(2);
        assertThat(err.toString()).contains("WSROUTE_TLS_SELF_MANAGED_ENABLED");
    }

    @Test
    void namesWhatIsMissingInsteadOfFailingLater() {
        System.setProperty("wsroute.tls.self-managed.enabled", "true");
        try {
            StringWriter err = new StringWriter();
            assertThat(TlsBootstrap.run(new PrintWriter(new StringWriter()), new PrintWriter(err)))
                    .isEqualTo(1);
            assertThat(err.toString())
                    .contains("wsroute.tls.self-managed.namespace")
                    .contains("wsroute.tls.cert");
        } finally {
            System.clearProperty("wsroute.tls.self-managed.enabled");
        }
    }
}
