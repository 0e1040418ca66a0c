package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The user name the API server gives wsroute's own requests, which it also writes into {@code request.userInfo} of
 * the reviews for them; users cannot set it. Taken from what the process really authenticates as, never from a
 * setting alone that nothing checks:
 * <ul>
 * <li>the client impersonates a user: that user;</li>
 * <li>the client's bearer token is a ServiceAccount token (a JWT whose {@code sub} is
 * {@code system:serviceaccount:<namespace>:<name>}): that subject, which must agree with the pod's own namespace
 * and ServiceAccount when the chart passes them (downward API);</li>
 * <li>otherwise the pod's namespace and ServiceAccount alone (a token the process cannot read as a JWT);</li>
 * <li>none of these, or a disagreement: no identity, and every review takes the full path.</li>
 * </ul>
 *
 * @param username empty when wsroute cannot tell who it is
 * @param how what the name was taken from, or why there is none, for the start-up log
 */
record OwnIdentity(Optional<String> username, String how) {

    static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param impersonated the client's Impersonate-User, if any
     * @param bearerToken the token the client sends, if any
     * @param podNamespace the pod's namespace (downward API), if known
     * @param podServiceAccount the pod's spec.serviceAccountName (downward API), if known
     */
    static OwnIdentity resolve(
            Optional<String> impersonated,
            Optional<String> bearerToken,
            Optional<String> podNamespace,
            Optional<String> podServiceAccount) {
        Optional<String> pod = podNamespace
                .filter(OwnIdentity::present)
                .flatMap(namespace -> podServiceAccount
                        .filter(OwnIdentity::present)
                        .map(account -> SERVICE_ACCOUNT_PREFIX + namespace + ":" + account));
        Optional<String> impersonating = impersonated.filter(OwnIdentity::present);
        if (impersonating.isPresent()) {
            return new OwnIdentity(impersonating, "the user the Kubernetes client impersonates");
        }
        Optional<String> subject = bearerToken.flatMap(OwnIdentity::serviceAccountSubject);
        if (subject.isPresent() && pod.isPresent() && !subject.equals(pod)) {
            return new OwnIdentity(
                    Optional.empty(),
                    "the client's token is for %s but the pod runs as %s; every review is checked in full"
                            .formatted(subject.get(), pod.get()));
        }
        if (subject.isPresent()) {
            return new OwnIdentity(subject, "the subject of the client's ServiceAccount token");
        }
        if (pod.isPresent()) {
            return new OwnIdentity(pod, "the pod's namespace and ServiceAccount");
        }
        return new OwnIdentity(
                Optional.empty(),
                "neither a ServiceAccount token nor the pod's ServiceAccount is known; every review is checked in full");
    }

    /** The {@code sub} of a JWT when it names a ServiceAccount; the signature is the API server's business. */
    static Optional<String> serviceAccountSubject(String token) {
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims =
                    JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode subject = claims == null ? null : claims.get("sub");
            return subject != null
                            && subject.isTextual()
                            && subject.asText().startsWith(SERVICE_ACCOUNT_PREFIX)
                            && subject.asText().length() > SERVICE_ACCOUNT_PREFIX.length()
                    ? Optional.of(subject.asText())
                    : Optional.empty();
        } catch (Exception e) {
            return Optional.empty(); // not a JWT after all
        }
    }

    private static boolean present(String value) {
        return !value.isBlank();
    }
}
