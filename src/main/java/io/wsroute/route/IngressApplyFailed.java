package io.wsroute.route;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** The API server refused (or could not take) the write of an object a route owns (Ingress, HTTPRoute, policy). */
final class IngressApplyFailed extends RuntimeException {

    private final transient KubernetesClientException cause;

    private final String kind;

    IngressApplyFailed(HasMetadata object, KubernetesClientException cause) {
        super(
                "write of %s %s/%s failed: %s"
                        .formatted(
                                object.getKind(),
                                object.getMetadata().getNamespace(),
                                object.getMetadata().getName(),
                                cause.getMessage()),
                cause);
        this.cause = cause;
        this.kind = object.getKind();
    }

    /** The kind of the object whose write failed. */
    String kind() {
        return kind;
    }

    /** The HTTP status the API server answered with; 0 when it did not answer. */
    int code() {
        return cause.getCode();
    }

    /** The API server's own words, without the client's request line. */
    String apiServerMessage() {
        if (cause.getStatus() != null && cause.getStatus().getMessage() != null) {
            return cause.getStatus().getMessage();
        }
        return cause.getMessage();
    }
}
