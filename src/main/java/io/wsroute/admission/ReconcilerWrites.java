package io.wsroute.admission;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wsroute.cluster.CachePruning;
import io.wsroute.config.WsrouteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The short path for the route reconciler's own Ingress writes (README "Admission webhooks", own writes). The
 * reconciler applies an Ingress only after the same rules found no error on it (RouteIngressPlanner, with the
 * remediations already in), so judging the API server's call for that write again costs CPU and finds nothing: such
 * a review is answered "allowed, no patch" from a streamed look at a few fields. Only when all of these hold:
 * <ul>
 * <li>the request comes from wsroute itself ({@code userInfo.username}, which the API server sets, equals
 * {@link OwnIdentity});</li>
 * <li>it is a CREATE or UPDATE that will be stored (no dry run) of the endpoint's kind;</li>
 * <li>the object is controlled by a WebSocketRoute;</li>
 * <li>every field of the object that is not status is wsroute's, by server-side apply: managedFields hold
 * wsroute's Apply entry and no other manager outside status, so nothing a user wrote is on it.</li>
 * </ul>
 * Everything else, a user's UPDATE of an owned Ingress included, is judged in full.
 */
@ApplicationScoped
public class ReconcilerWrites {

    private static final Logger LOG = Logger.getLogger(ReconcilerWrites.class);
    private static final String REVIEW_TYPE = AdmissionRequest.API_VERSION + " " + AdmissionRequest.KIND;
    private static final Set<String> WRITES = Set.of("CREATE", "UPDATE");
    private static final String APPLY = "Apply";

    private final Supplier<OwnIdentity> identitySource;
    private final JsonFactory json = new JsonFactory();
    // Resolved on first use, not at start: reading the client's configuration must not delay the first answer.
    private volatile OwnIdentity identity;

    @Inject
    public ReconcilerWrites(KubernetesClient client, WsrouteConfig config) {
        this(() -> identityOf(client.getConfiguration(), config.pod()));
    }

    /** With the identity from elsewhere (tests). */
    ReconcilerWrites(Supplier<OwnIdentity> identitySource) {
        this.identitySource = identitySource;
    }

    /** The answer to a review of wsroute's own write of an object of {@code objectType}; empty for any other. */
    Optional<byte[]> answer(byte[] body, String objectType) {
        Optional<String> self = identity().username();
        if (self.isEmpty()) {
            return Optional.empty();
        }
        return OwnWriteFacts.read(json, self.get(), body)
                .filter(facts -> {
                    boolean own = isOwnWrite(facts, self.get(), objectType);
                    if (!own) {
                        LOG.debugf("a review of wsroute's own write judged in full: %s", facts);
                    }
                    return own;
                })
                // strictly UTF-8, as the full path demands (it says what is wrong with a body that is not)
                .filter(facts -> StrictUtf8.firstInvalid(body) < 0)
                .map(facts -> allowed(facts.uid()));
    }

    private OwnIdentity identity() {
        OwnIdentity known = identity;
        if (known == null) {
            known = identitySource.get();
            identity = known;
            OwnIdentity logged = known;
            LOG.infof(
                    "own Ingress writes: %s",
                    logged.username()
                            .map(name -> "reviews from %s (%s) for objects its routes control skip re-checking"
                                    .formatted(name, logged.how()))
                            .orElse(logged.how()));
        }
        return known;
    }

    static OwnIdentity identityOf(Config client, WsrouteConfig.Pod pod) {
        // as the client sends it: a token set explicitly wins over the one read from the ServiceAccount mount
        String token = client.getOauthToken() != null ? client.getOauthToken() : client.getAutoOAuthToken();
        return OwnIdentity.resolve(
                Optional.ofNullable(client.getImpersonateUsername()),
                Optional.ofNullable(token),
                pod.namespace(),
                pod.serviceAccount());
    }

    static boolean isOwnWrite(OwnWriteFacts facts, String self, String objectType) {
        return self.equals(facts.username())
                && REVIEW_TYPE.equals(facts.reviewType())
                && facts.uid() != null
                && !facts.uid().isBlank()
                && WRITES.contains(facts.operation())
                && !facts.dryRun()
                && objectType.equals(facts.objectType())
                && facts.routeController()
                && onlyWsrouteFields(facts.fieldOwners());
    }

    private static boolean onlyWsrouteFields(List<OwnWriteFacts.FieldOwner> owners) {
        boolean applied = false;
        for (OwnWriteFacts.FieldOwner owner : owners) {
            boolean wsroute = CachePruning.WSROUTE_FIELD_MANAGER.equals(owner.manager());
            if (wsroute && APPLY.equals(owner.operation())) {
                applied = true;
            } else if (!owner.statusOnly()) {
                return false; // someone else's fields (or wsroute's by another operation, which it never uses)
            }
        }
        return applied;
    }

    /** An AdmissionReview allowing the request, no warnings, no patch. */
    static byte[] allowed(String uid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(("{\"apiVersion\":\"" + AdmissionRequest.API_VERSION + "\",\"kind\":\"" + AdmissionRequest.KIND
                        + "\",\"response\":{\"uid\":\"")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(uid));
        out.writeBytes("\",\"allowed\":true}}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
