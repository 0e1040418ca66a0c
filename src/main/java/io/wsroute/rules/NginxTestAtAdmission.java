package io.wsroute.rules;

import io.wsroute.nginx.IngressNginxVersion;

/**
 * What the ingress-nginx admission webhook does with a configuration nginx refuses, in the words a WS118 or WS125
 * finding adds (README "Whole-Ingress failures"): releases whose webhook still runs nginx -t deny the change there,
 * later ones admit it and the failure only shows at the controller's next reload.
 */
final class NginxTestAtAdmission {

    private NginxTestAtAdmission() {}

    /** For an Ingress whose own annotation renders a directive nginx refuses. */
    static String forIngress(IngressNginxVersion version) {
        return version.admissionRunsNginxTest()
                ? "; the admission webhook of ingress-nginx %s, where installed, runs nginx -t and denies the Ingress"
                        .formatted(version)
                : ("; the admission webhook of ingress-nginx %s does not catch it: nginx -t at admission is off since "
                                + "the CVE-2025-1974 fix (1.11.5, 1.12.1), so the Ingress is admitted and every later "
                                + "reload fails")
                        .formatted(version);
    }

    /** For a controller ConfigMap value that makes the rendered configuration one nginx refuses. */
    static String forConfigMap(IngressNginxVersion version) {
        return version.admissionRunsNginxTest()
                ? ("; the admission webhook of ingress-nginx %s, where installed, runs nginx -t on the whole "
                                + "configuration, so it also denies every Ingress created or changed meanwhile")
                        .formatted(version)
                : ("; nothing refuses the value beforehand: the ingress-nginx %s admission webhook does not check the "
                                + "ConfigMap and no longer runs nginx -t (off since the CVE-2025-1974 fix, 1.11.5 and "
                                + "1.12.1)")
                        .formatted(version);
    }
}
