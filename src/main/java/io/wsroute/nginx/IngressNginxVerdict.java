package io.wsroute.nginx;

/**
 * What ingress-nginx does with one annotation value.
 *
 * @param outcome the class of behaviour
 * @param reason the controller's own reason, in words, for messages ("integer seconds only, so the ConfigMap's
 *        value is used")
 */
public record IngressNginxVerdict(Outcome outcome, String reason) {

    public enum Outcome {
        /** Read and used as written (possibly trimmed). */
        ACCEPTED,
        /** Silently replaced by the default (ConfigMap or built-in), or the feature it belongs to is ignored. */
        DEFAULTED,
        /** The annotation extractor returns an error: the Ingress is left out of nginx.conf (and the controller's
         * admission webhook refuses it). None of its paths are served. */
        INGRESS_DROPPED,
        /** The parser denies the location: every path of the Ingress answers 503. */
        LOCATION_DENIED,
        /** The controller accepts the value and renders it, but nginx refuses the directive: the configuration
         * does not load (every reload fails while the Ingress exists). */
        NGINX_REFUSES,
        /** This release does not read the annotation at all. */
        NOT_READ
    }

    public static IngressNginxVerdict accepted() {
        return new IngressNginxVerdict(Outcome.ACCEPTED, "");
    }

    /** True when the Ingress (or its paths) stop working as a whole: dropped, denied or refused by nginx. */
    public boolean breaksIngress() {
        return outcome == Outcome.INGRESS_DROPPED
                || outcome == Outcome.LOCATION_DENIED
                || outcome == Outcome.NGINX_REFUSES;
    }
}
