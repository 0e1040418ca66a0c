package io.wsroute.nginx;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the F5 controller's annotation validation sees: all annotations (some checks look at related ones), the
 * Services the Ingress's rules and default backend name, and the controller's set-up.
 *
 * @param flags the controller flags wsroute cannot see, where known ({@link Flag}); an absent flag is unknown
 * @param hostless the Ingress has a rule without host and the controller allows that (-allow-empty-ingress-host)
 */
public record NginxIncInput(
        Map<String, String> annotations,
        Set<String> specServices,
        NginxIncSetup setup,
        Map<Flag, Boolean> flags,
        boolean hostless) {

    /** Controller flags that gate annotations. */
    public enum Flag {
        APP_PROTECT("-enable-app-protect", "annotation requires AppProtect"),
        APP_PROTECT_DOS("-enable-app-protect-dos", "annotation requires AppProtectDos"),
        INTERNAL_ROUTES("-enable-internal-routes", "annotation requires Internal Routes enabled");

        private final String cliFlag;
        private final String refusal;

        Flag(String cliFlag, String refusal) {
            this.cliFlag = cliFlag;
            this.refusal = refusal;
        }

        public String cliFlag() {
            return cliFlag;
        }

        String refusal() {
            return refusal;
        }
    }

    public NginxIncInput {
        annotations = Map.copyOf(annotations);
        specServices = Set.copyOf(specServices);
        flags = Map.copyOf(flags);
    }

    /**
     * The input for a live Ingress: App Protect (and its DoS module) need NGINX Plus, so on OSS they are off; on Plus
     * they, and internal routes everywhere, are unknown.
     */
    public static NginxIncInput of(Map<String, String> annotations, Set<String> specServices, NginxIncSetup setup) {
        Map<Flag, Boolean> flags =
                setup.plus() ? Map.of() : Map.of(Flag.APP_PROTECT, false, Flag.APP_PROTECT_DOS, false);
        return new NginxIncInput(annotations, specServices, setup, flags, false);
    }

    Optional<Boolean> flag(Flag flag) {
        return Optional.ofNullable(flags.get(flag));
    }
}
