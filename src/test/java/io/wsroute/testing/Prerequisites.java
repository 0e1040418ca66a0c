package io.wsroute.testing;

import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a real part it needs (nginx, openssl, the packaged jar) is missing: on a developer's
 * machine it is skipped, loudly; under {@code CI=true} it fails, so a CI run can never go green without having run
 * the proofs that need those parts (the build installs them: hack/nginx.sh, hack/kube-binaries.sh, hack/helm4.sh).
 */
public final class Prerequisites {

    private Prerequisites() {}

    /** Fails (CI) or skips (elsewhere) the calling test unless {@code present}. */
    public static void require(boolean present, String missing) {
        require(present, missing, System.getenv());
    }

    /** Fails (CI) or skips (elsewhere) the calling test; for code paths that found the part missing. */
    public static void missing(String missing) {
        require(false, missing, System.getenv());
    }

    static void require(boolean present, String missing, Map<String, String> environment) {
        if (present) {
            return;
        }
        if (onCi(environment)) {
            String message = "FAILED: " + missing + " (CI=true: a missing prerequisite fails the test, never skips it)";
            System.err.println("\n!!!!! " + message + " !!!!!\n");
            Assertions.fail(message);
        }
        String message = "SKIPPED: " + missing + "; the test did NOT run (under CI=true it would fail)";
        System.err.println("\n!!!!! " + message + " !!!!!\n");
        Assumptions.abort(message);
    }

    /** CI systems (GitHub Actions, GitLab CI, most others) set CI=true. */
    static boolean onCi(Map<String, String> environment) {
        return "true".equalsIgnoreCase(environment.getOrDefault("CI", "").trim());
    }
}
