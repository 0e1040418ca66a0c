package io.wsroute.nginx;

import java.util.List;

/**
 * What the F5 NGINX Ingress Controller does with one annotation of an Ingress.
 *
 * @param key the annotation
 * @param outcome the verdict
 * @param problems the controller's rejections ({@link Outcome#REJECTED}, {@link Outcome#NEEDS_PLUS})
 * @param reason why, in words (the controller's error for rejections)
 */
public record NginxIncVerdict(String key, Outcome outcome, List<NginxIncProblem> problems, String reason) {

    public enum Outcome {
        /** Read and used. */
        ACCEPTED,
        /** Not read (unknown to this release, dropped from a mergeable Ingress) or a bad value replaced by default. */
        IGNORED,
        /** The whole Ingress is rejected: none of its paths are served. */
        REJECTED,
        /** Rejected only because the controller runs NGINX OSS: the annotation requires NGINX Plus. */
        NEEDS_PLUS,
        /** Hangs on something wsroute cannot see (a controller flag); not judged. */
        NOT_JUDGED
    }

    public NginxIncVerdict {
        problems = List.copyOf(problems);
    }

    /** True when the controller refuses the whole Ingress because of this annotation. */
    public boolean rejects() {
        return outcome == Outcome.REJECTED || outcome == Outcome.NEEDS_PLUS;
    }
}
