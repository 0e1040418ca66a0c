package io.wsroute.nginx;

import java.util.List;
import java.util.Optional;

/**
 * One annotation the F5 NGINX Ingress Controller reads on Ingress resources, as one release range handles it.
 *
 * @param key the full key, e.g. {@code nginx.org/lb-method}
 * @param since the first release that reads it this way
 * @param until the first release that no longer does (empty: still current)
 * @param checks the validation chain of {@code validateIngressAnnotations}: the first failing step rejects the whole
 *        Ingress; empty when the controller does not validate the key
 * @param applied for keys it does not validate: the parse applied when building the configuration, whose failure
 *        only logs an error and leaves the setting at its default (empty: the value is used as written)
 * @param strippedOnMaster removed from a mergeable master before use (masterDenylist)
 * @param strippedOnMinion removed from a mergeable minion before use (minionDenylist)
 * @param source where in the controller this is decided, for messages and test rows
 */
public record NginxIncAnnotation(
        String key,
        NginxIncVersion since,
        Optional<NginxIncVersion> until,
        List<NginxIncCheck> checks,
        Optional<NginxIncCheck> applied,
        boolean strippedOnMaster,
        boolean strippedOnMinion,
        String source) {

    public NginxIncAnnotation {
        checks = List.copyOf(checks);
    }

    /** True when the given release reads the annotation this way. */
    public boolean readBy(NginxIncVersion version) {
        return version.atLeast(since) && until.map(u -> !version.atLeast(u)).orElse(true);
    }

    /** True when the controller rejects the Ingress on a bad value (it is in the validation table). */
    public boolean validated() {
        return !checks.isEmpty();
    }
}
