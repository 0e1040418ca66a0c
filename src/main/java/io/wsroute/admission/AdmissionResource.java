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
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * HTTP endpoints the API server calls. Thin: parse, decide, render, log one line per decision. A body that is not
 * an AdmissionReview gets 400 with {@code {"error": "<reason>"}}; the body size limit
 * (quarkus.http.limits.max-body-size) answers 413 before this class sees the request.
 */
@Path("/admission")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class AdmissionResource {

    private static final Logger LOG = Logger.getLogger(AdmissionResource.class);

    private final IngressAdmission ingresses;
    private final ConfigMapAdmission configMaps;
    private final ObjectMapper mapper;

    public AdmissionResource(IngressAdmission ingresses, ConfigMapAdmission configMaps, ObjectMapper mapper) {
        this.ingresses = ingresses;
        this.configMaps = configMaps;
        this.mapper = mapper;
    }

    @POST
    @Path("/ingress/validate")
    public Response validateIngress(String body) {
        return admit("ingress/validate", body, INGRESS, ingresses::validate, AdmissionResource::failOpen);
    }

    @POST
    @Path("/ingress/mutate")
    public Response mutateIngress(String body) {
        return admit("ingress/mutate", body, INGRESS, ingresses::mutate, AdmissionResource::failOpen);
    }

    @POST
    @Path("/configmap/validate")
    public Response validateConfigMap(String body) {
        return admit("configmap/validate", body, CONFIG_MAP, configMaps::validate, AdmissionResource::failOpen);
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

    /** The object type an endpoint admits. */
    private record Admits(String apiVersion, String kind) {
    }

    private static final Admits INGRESS = new Admits(IngressAdmission.INGRESS_API_VERSION, IngressAdmission.INGRESS_KIND);
    private static final Admits CONFIG_MAP = new Admits(ConfigMapAdmission.API_VERSION, ConfigMapAdmission.KIND);

    private Response admit(String endpoint, String body, Admits admits, Function<AdmissionRequest, AdmissionVerdict> decide,
            BiFunction<AdmissionRequest, RuntimeException, AdmissionVerdict> failOpen) {
        long start = System.nanoTime();
        AdmissionRequest request = AdmissionRequest.parse(mapper, body, admits.apiVersion(), admits.kind());
        AdmissionVerdict verdict;
        try {
            verdict = decide.apply(request);
        } catch (BadAdmissionRequest e) {
            throw e;
        } catch (RuntimeException e) {
            verdict = failOpen.apply(request, e);
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

    /**
     * A bug of ours must not block a cluster's writes: allow, say so, and log it loudly. (The API server's
     * failurePolicy only covers wsroute being unreachable; an HTTP 500 would be treated the same way, and with
     * failurePolicy Fail it would block every write in the cluster for a bug in one rule.)
     */
    static AdmissionVerdict failOpen(AdmissionRequest request, RuntimeException error) {
        LOG.errorf(error, "admission of %s %s failed; allowing it unchecked", request.kind(), request.displayName());
        return new AdmissionVerdict(request.uid(), null, List.of("wsroute could not check this %s (internal error); "
                .formatted(request.kind()) + "it was admitted unchecked"), null, List.of());
    }
}
