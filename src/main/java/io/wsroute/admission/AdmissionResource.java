package io.wsroute.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.function.Function;

/**
 * HTTP endpoints the API server calls. Thin: parse, decide, render, log one line. Bodies that are not an
 * AdmissionReview get 400 with the reason; the body size limit (quarkus.http.limits.max-body-size) answers 413.
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
        return admit("ingress/validate", body, ingresses::validate);
    }

    @POST
    @Path("/ingress/mutate")
    public Response mutateIngress(String body) {
        return admit("ingress/mutate", body, ingresses::mutate);
    }

    private Response admit(String endpoint, String body, Function<AdmissionRequest, AdmissionVerdict> decide) {
        long start = System.nanoTime();
        AdmissionRequest request;
        try {
            request = AdmissionRequest.parse(mapper, body, "Ingress");
        } catch (BadAdmissionRequest e) {
            LOG.infof("admission %s: bad request: %s", endpoint, e.getMessage());
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
        AdmissionVerdict verdict;
        try {
            verdict = decide.apply(request);
        } catch (BadAdmissionRequest e) {
            LOG.infof("admission %s: bad request: %s", endpoint, e.getMessage());
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        } catch (RuntimeException e) {
            verdict = ingresses.failOpen(request, e);
        }
        LOG.infof("admission %s %s %s/%s: %s%s rules=%s in %d us", endpoint, request.operation(), request.namespace(),
                request.name(), verdict.allowed() ? "allowed" : "denied", verdict.patched() ? " (patched)" : "",
                verdict.rules(), (System.nanoTime() - start) / 1000);
        return Response.ok(verdict.toReview(mapper)).build();
    }
}
