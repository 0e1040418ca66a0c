package io.wsroute.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Decides a built-in review of a WebSocket Ingress once, validating and mutating, on a thread of its own while the
 * application starts. The first review the API server sends then no longer pays for loading and initialising the
 * rules and both controllers' annotation tables (some hundreds of classes and their patterns), which made it the
 * slowest of all (BENCHMARKS.md, start-up). The decisions are thrown away: no metric, no log line, nothing written.
 */
@ApplicationScoped
class AdmissionWarmUp {

    private static final Logger LOG = Logger.getLogger(AdmissionWarmUp.class);
    static final String REVIEW = "warm-up-review.json";

    private final IngressAdmission ingresses;
    private final ObjectMapper mapper;

    AdmissionWarmUp(IngressAdmission ingresses, ObjectMapper mapper) {
        this.ingresses = ingresses;
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent event) {
        Thread thread = new Thread(this::runQuietly, "wsroute-admission-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            // Only a lost head start: the first real review initialises the same classes.
            LOG.debugf(e, "admission warm-up failed");
        }
    }

    /** The validating and the mutating verdict on the built-in review, rendered as the endpoints render them. */
    List<AdmissionVerdict> run() {
        AdmissionRequest request = AdmissionRequest.parse(
                mapper, builtInReview(), IngressAdmission.INGRESS_API_VERSION, IngressAdmission.INGRESS_KIND);
        List<AdmissionVerdict> verdicts = List.of(ingresses.validate(request), ingresses.mutate(request));
        verdicts.forEach(verdict -> verdict.toReview(mapper));
        return verdicts;
    }

    private static byte[] builtInReview() {
        try (InputStream in = AdmissionWarmUp.class.getResourceAsStream(REVIEW)) {
            if (in == null) {
                throw new IllegalStateException(REVIEW + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
