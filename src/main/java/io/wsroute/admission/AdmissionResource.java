package io.wsroute.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;
import java.util.function.Function;

/**
 * HTTP endpoints the API server calls. Thin: parse, decide, render, log one line per decision. A body that is not
 * an AdmissionReview gets 400 with {@code {"error": "<reason>"}}; the body size limit
 * (quarkus.http.limits.max-body-size) answers 413 before this class sees the request.
 * <p>
 * Extension point: {@code POST /admission/configmap/validate} (DESIGN.md) is not served yet. It becomes one more
 * method here, {@code admit("configmap/validate", body, "v1", "ConfigMap", configMaps::validate)}, with a
 * {@code ConfigMapAdmission} service beside {@link IngressAdmission}.
 */
@Path("/admission")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class AdmissionResource {

    private static final Logger LOG = Logger.getLogger(AdmissionResource.class);

    private final IngressAdmission ingresses;
    private final ObjectMapper mapper;

    public AdmissionResource(IngressAdmission ingresses, ObjectMapper mapper) {
        this.ingresses = ingresses;
        this.mapper = mapper;
    }

    @POST
    @Path("/ingress/validate")
    public Response validateIngress(String body) {
        return admit("ingress/validate", body, ingresses::validate, ingresses::failOpen);
    }

    @POST
    @Path("/ingress/mutate")
    public Response mutateIngress(String body) {
        return admit("ingress/mutate", body, ingresses::mutate, ingresses::failOpen);
    }

    /** Bodies that are not an AdmissionReview this endpoint answers. */
    @ServerExceptionMapper
    public Response badRequest(BadAdmissionRequest e) {
        LOG.infof("admission: bad request: %s", e.getMessage());
        return error(e.getMessage());
    }

    /** Should the framework ever bind JSON itself (it does not today: bodies arrive as strings), still a 400. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return badRequest(new BadAdmissionRequest("body is not valid JSON: " + e.getOriginalMessage()));
    }

    private Response admit(String endpoint, String body, Function<AdmissionRequest, AdmissionVerdict> decide,
            FailOpen failOpen) {
        long start = System.nanoTime();
        AdmissionRequest request = AdmissionRequest.parse(mapper, body, IngressAdmission.INGRESS_API_VERSION,
                IngressAdmission.INGRESS_KIND);
        AdmissionVerdict verdict;
        try {
            verdict = decide.apply(request);
        } catch (BadAdmissionRequest e) {
            throw e;
        } catch (RuntimeException e) {
            verdict = failOpen.allow(request, e);
        }
        LOG.infof("admission %s %s %s%s: %s%s rules=%s in %d us", endpoint, request.operation(), request.displayName(),
                request.dryRun() ? " (dry run)" : "", verdict.allowed() ? "allowed" : "denied",
                verdict.patched() ? " (patched)" : "", verdict.rules(), (System.nanoTime() - start) / 1000);
        return Response.ok(verdict.toReview(mapper)).build();
    }

    private static Response error(String reason) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", reason)).build();
    }

    @FunctionalInterface
    interface FailOpen {
        AdmissionVerdict allow(AdmissionRequest request, RuntimeException error);
    }
}
