package io.wsroute.route;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** The API server refused (or could not take) the server-side apply of a route's Ingress. */
final class IngressApplyFailed extends RuntimeException {

    private final transient KubernetesClientException cause;

    IngressApplyFailed(Ingress ingress, KubernetesClientException cause) {
        super(
                "server-side apply of Ingress %s/%s failed: %s"
                        .formatted(
                                ingress.getMetadata().getNamespace(),
                                ingress.getMetadata().getName(),
                                cause.getMessage()),
                cause);
        this.cause = cause;
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
