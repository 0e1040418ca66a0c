package io.wsroute.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * HTTP endpoints the API server calls. Thin: parse, decide, render, log. A body that is not
 * an AdmissionReview gets 400 with {@code {"error": "<reason>"}}; the body size limit
 * (quarkus.http.limits.max-body-size) answers 413 before this class sees the request. Every other body gets an
 * AdmissionReview: a bug in a rule admits with a warning ({@link #failOpen}), and so does a decision that misses
 * wsroute's own deadline ({@link DecisionDeadline}).
 */
@Path("/admission")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class AdmissionResource {

    private static final Logger LOG = Logger.getLogger(AdmissionResource.class);

    private final IngressAdmission ingresses;
    private final ConfigMapAdmission configMaps;
    private final HttpRouteAdmission httpRoutes;
    private final ProxySettingsPolicyAdmission proxySettings;
    private final ObjectMapper mapper;
    private final DecisionDeadline deadline;
    private final AdmissionMetrics metrics;
    private final ReconcilerWrites reconcilerWrites;

    public AdmissionResource(
            IngressAdmission ingresses,
            ConfigMapAdmission configMaps,
            HttpRouteAdmission httpRoutes,
            ProxySettingsPolicyAdmission proxySettings,
            ObjectMapper mapper,
            DecisionDeadline deadline,
            AdmissionMetrics metrics,
            ReconcilerWrites reconcilerWrites) {
        this.metrics = metrics;
        this.reconcilerWrites = reconcilerWrites;
        this.ingresses = ingresses;
        this.configMaps = configMaps;
        this.httpRoutes = httpRoutes;
        this.proxySettings = proxySettings;
        this.mapper = mapper;
        this.deadline = deadline;
    }

    // byte[] rather than String: the bytes are decoded strictly as UTF-8 whatever the Content-Type says
    // (AdmissionRequest.parse), instead of leniently by the framework.
    // Not @Blocking: the event loop parses (a bad body is answered at once) and hands the decision to a worker
    // (DecisionDeadline); nothing waits, so a request costs one hand-off and no parked thread.
    @POST
    @Path("/ingress/validate")
    public CompletionStage<Response> validateIngress(byte[] body) {
        return ownWrite("ingress/validate", body, INGRESS)
                .orElseGet(() -> admit("ingress/validate", body, INGRESS, ingresses::validate));
    }

    @POST
    @Path("/ingress/mutate")
    public CompletionStage<Response> mutateIngress(byte[] body) {
        return ownWrite("ingress/mutate", body, INGRESS)
                .orElseGet(() -> admit("ingress/mutate", body, INGRESS, ingresses::mutate));
    }

    @POST
    @Path("/configmap/validate")
    public CompletionStage<Response> validateConfigMap(byte[] body) {
        return admit("configmap/validate", body, CONFIG_MAP, configMaps::validate);
    }

    @POST
    @Path("/httproute/validate")
    public CompletionStage<Response> validateHttpRoute(byte[] body) {
        return admit("httproute/validate", body, HTTP_ROUTE, httpRoutes::validate);
    }

    @POST
    @Path("/httproute/mutate")
    public CompletionStage<Response> mutateHttpRoute(byte[] body) {
        return admit("httproute/mutate", body, HTTP_ROUTE, httpRoutes::mutate);
    }

    @POST
    @Path("/proxysettingspolicy/validate")
    public CompletionStage<Response> validateProxySettingsPolicy(byte[] body) {
        return admit("proxysettingspolicy/validate", body, PROXY_SETTINGS_POLICY, proxySettings::validate);
    }

    /** Bodies that are not an AdmissionReview this endpoint answers. */
    @ServerExceptionMapper
    public Response badRequest(BadAdmissionRequest e) {
        LOG.infof("admission: bad request: %s", e.getMessage());
        return error(e.getMessage());
    }

    /** Should the framework ever bind JSON itself (it does not today: bodies arrive as bytes), still a 400. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return badRequest(new BadAdmissionRequest("body is not valid JSON: " + Shown.of(e.getOriginalMessage(), 300)));
    }

    /**
     * The object type an endpoint admits; {@code type} is "apiVersion kind", as {@link ReconcilerWrites} compares it,
     * joined once here rather than on every review.
     */
    private record Admits(String apiVersion, String kind, String type) {
        Admits(String apiVersion, String kind) {
            this(apiVersion, kind, apiVersion + " " + kind);
        }
    }

    private static final Admits INGRESS =
            new Admits(IngressAdmission.INGRESS_API_VERSION, IngressAdmission.INGRESS_KIND);
    private static final Admits CONFIG_MAP = new Admits(ConfigMapAdmission.API_VERSION, ConfigMapAdmission.KIND);
    private static final Admits HTTP_ROUTE = new Admits(HttpRouteAdmission.API_VERSION, HttpRouteAdmission.KIND);
    private static final Admits PROXY_SETTINGS_POLICY =
            new Admits(ProxySettingsPolicyAdmission.API_VERSION, ProxySettingsPolicyAdmission.KIND);

    /**
     * The answer to the route reconciler's own write of an object its assessment already judged ({@link ReconcilerWrites}):
     * allowed, no patch, on the event loop; empty for every other review.
     */
    private Optional<CompletionStage<Response>> ownWrite(String endpoint, byte[] body, Admits admits) {
        long start = System.nanoTime();
        if (body == null) {
            return Optional.empty();
        }
        return reconcilerWrites.answer(body, admits.type()).map(answer -> {
            metrics.record(endpoint, AdmissionMetrics.OWN_WRITE, System.nanoTime() - start);
            return CompletableFuture.completedStage(
                    Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build());
        });
    }

    private CompletionStage<Response> admit(
            String endpoint, byte[] body, Admits admits, Function<AdmissionRequest, AdmissionVerdict> decide) {
        long start = System.nanoTime();
        // Set when the answer is not a decision on the object (fail-open or late), for the verdict label.
        AtomicBoolean undecided = new AtomicBoolean();
        AdmissionRequest request;
        try {
            // Parsed here, so that a bad body is a 400 and a late decision still knows the uid to answer with.
            request = AdmissionRequest.parse(mapper, body, admits.apiVersion(), admits.kind());
        } catch (BadAdmissionRequest e) {
            metrics.record(endpoint, AdmissionMetrics.ERROR, System.nanoTime() - start);
            throw e;
        }
        return deadline.within(
                        () -> {
                            try {
                                return decide.apply(request);
                            } catch (BadAdmissionRequest e) {
                                throw e; // the object is unreadable (e.g. not a valid Ingress): a 400 like any other
                                // bad body
                            } catch (RuntimeException e) {
                                undecided.set(true);
                                return failOpen(request, e);
                            }
                        },
                        () -> {
                            undecided.set(true);
                            return late(endpoint, request);
                        })
                .handle((verdict, error) -> {
                    if (error != null) {
                        metrics.record(endpoint, AdmissionMetrics.ERROR, System.nanoTime() - start);
                        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                        if (cause instanceof BadAdmissionRequest bad) {
                            return badRequest(bad);
                        }
                        throw error instanceof CompletionException completion
                                ? completion
                                : new CompletionException(cause);
                    }
                    long took = System.nanoTime() - start;
                    metrics.record(
                            endpoint,
                            undecided.get() ? AdmissionMetrics.ERROR : AdmissionMetrics.verdictOf(verdict),
                            took);
                    logDecision(endpoint, request, verdict, took);
                    return Response.ok(verdict.toReview(mapper)).build();
                });
    }

    /**
     * Denials and changes are logged at INFO: they are what an operator asks about afterwards. Plain admissions,
     * warnings included (the API server passes those to the client), are DEBUG: at hundreds of writes a second a
     * line each is a noticeable share of a small review's cost, and the API server's audit log records every request.
     */
    private static void logDecision(
            String endpoint, AdmissionRequest request, AdmissionVerdict verdict, long tookNanos) {
        Logger.Level level = !verdict.allowed() || verdict.patched() ? Logger.Level.INFO : Logger.Level.DEBUG;
        if (LOG.isEnabled(level)) {
            LOG.logf(
                    level,
                    "admission %s %s %s%s: %s%s rules=%s in %d us",
                    endpoint,
                    request.operation(),
                    request.displayName(),
                    request.dryRun() ? " (dry run)" : "",
                    verdict.allowed() ? "allowed" : "denied",
                    verdict.patched() ? " (patched)" : "",
                    verdict.rules(),
                    tookNanos / 1000);
        }
    }

    private AdmissionVerdict late(String endpoint, AdmissionRequest request) {
        LOG.warnf(
                "admission %s %s %s: no decision within %s; admitted unchecked",
                endpoint, request.operation(), request.displayName(), deadline.limit());
        return new AdmissionVerdict(
                request.uid(),
                null,
                List.of("wsroute could not check this %s within its ".formatted(request.kind()) + "deadline of "
                        + deadline.limit().toMillis() + " ms; it was admitted unchecked"),
                null,
                List.of());
    }

    private static Response error(String reason) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", reason))
                .build();
    }

    /**
     * A bug of ours must not block a cluster's writes: allow, say so, and log it loudly. (The API server's
     * failurePolicy only covers wsroute being unreachable; an HTTP 500 would be treated the same way, and with
     * failurePolicy Fail it would block every write in the cluster for a bug in one rule.)
     */
    static AdmissionVerdict failOpen(AdmissionRequest request, RuntimeException error) {
        LOG.errorf(error, "admission of %s %s failed; allowing it unchecked", request.kind(), request.displayName());
        return new AdmissionVerdict(
                request.uid(),
                null,
                List.of("wsroute could not check this %s (internal error); ".formatted(request.kind())
                        + "it was admitted unchecked"),
                null,
                List.of());
    }
}
