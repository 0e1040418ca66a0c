package io.wsroute.nginx;

import java.util.Objects;

/**
 * What the F5 NGINX Ingress Controller's validation depends on besides the Ingress: its release, whether it runs
 * NGINX Plus ({@code -nginx-plus}), its {@code -enable-snippets} flag, and its ConfigMap's {@code http2} key
 * (gRPC services are ignored without it). App Protect, App Protect DoS and internal routes are flags wsroute cannot
 * see; App Protect needs Plus, so on NGINX OSS they are known to be off.
 *
 * @param version the controller release ({@code wsroute.controllers.nginx-inc.version})
 * @param plus NGINX Plus ({@code wsroute.controllers.nginx-inc.plus}); false means NGINX OSS
 * @param snippetsEnabled the {@code -enable-snippets} flag
 * @param http2 the ConfigMap's {@code http2} (default false)
 */
public record NginxIncSetup(NginxIncVersion version, boolean plus, boolean snippetsEnabled, boolean http2) {

    /** The latest release on NGINX OSS with the controller's defaults. */
    public static final NginxIncSetup DEFAULTS = new NginxIncSetup(NginxIncVersion.LATEST, false, false, false);

    public NginxIncSetup {
        Objects.requireNonNull(version, "version");
    }

    public NginxIncSetup withSnippetsEnabled(boolean enabled) {
        return new NginxIncSetup(version, plus, enabled, http2);
    }

    public NginxIncSetup withHttp2(boolean enabled) {
        return new NginxIncSetup(version, plus, snippetsEnabled, enabled);
    }
}
