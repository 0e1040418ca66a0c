package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.NonBlocking;
import io.wsroute.config.WsrouteConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The admission benchmark's floor (wsroute.admission.benchmark-floor, off by default): the same listener, TLS,
 * routing, body reading and JSON writing as a webhook call, and nothing of wsroute's. The ratio of an endpoint's
 * CPU per request to this one's is what wsroute's own work costs.
 */
@Path("/admission/floor")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class BenchmarkFloorResource {

    private final boolean enabled;
    private final JsonNode answer;

    public BenchmarkFloorResource(WsrouteConfig config, ObjectMapper mapper) {
        this.enabled = config.admission().benchmarkFloor();
        this.answer = new AdmissionVerdict("floor", null, List.of(), null, List.of()).toReview(mapper);
    }

    // On the event loop: no hand-off to a worker, the cheapest a webhook call can be on this server.
    @POST
    @NonBlocking
    public Response floor(byte[] body) {
        return enabled
                ? Response.ok(answer).build()
                : Response.status(Response.Status.NOT_FOUND).build();
    }
}
