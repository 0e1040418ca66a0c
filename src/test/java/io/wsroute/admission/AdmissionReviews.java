package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsroute.cluster.ClusterView;
import io.wsroute.cluster.LiveControllers;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.review.ReviewContextFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** AdmissionReview request bodies shaped as the API server sends them. */
final class AdmissionReviews {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Runs decisions in unit tests, as Quarkus's managed executor does in the server. */
    static final ExecutorService DECISIONS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "test-decision");
        thread.setDaemon(true);
        // Not the submitter's: a Quarkus test in the same JVM runs under its own class loader.
        thread.setContextClassLoader(AdmissionReviews.class.getClassLoader());
        return thread;
    });

    private AdmissionReviews() {}

    static String fixture(String name) {
        try (InputStream in = AdmissionReviews.class.getResourceAsStream("/admission/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CREATE review for an Ingress in {@code namespace} with the given annotations, class and backend service. */
    static String create(String uid, String namespace, String ingressClass, String annotationsJson) {
        try {
            ObjectNode review = (ObjectNode) MAPPER.readTree(fixture("create-unit-timeout.json"));
            ObjectNode request = (ObjectNode) review.get("request");
            request.put("uid", uid).put("namespace", namespace);
            ObjectNode object = (ObjectNode) request.get("object");
            ObjectNode metadata = (ObjectNode) object.get("metadata");
            metadata.put("namespace", namespace);
            if (annotationsJson == null) {
                metadata.remove("annotations");
            } else {
                metadata.set("annotations", MAPPER.readTree(annotationsJson));
            }
            ((ObjectNode) object.get("spec")).put("ingressClassName", ingressClass);
            return review.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resource as Quarkus wires it, on the given cluster view. */
    static AdmissionResource resource(ClusterView cluster, WsrouteConfig config, ObjectMapper mapper) {
        return resource(cluster, config, mapper, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    static AdmissionResource resource(
            ClusterView cluster,
            WsrouteConfig config,
            ObjectMapper mapper,
            io.micrometer.core.instrument.MeterRegistry registry) {
        return resource(cluster, FixedGatewayApiView.absent(), config, mapper, registry);
    }

    /** The resource with the given short path for wsroute's own writes. */
    static AdmissionResource resource(
            ClusterView cluster, WsrouteConfig config, ObjectMapper mapper, ReconcilerWrites reconcilerWrites) {
        return resource(
                cluster,
                FixedGatewayApiView.absent(),
                config,
                mapper,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                reconcilerWrites);
    }

    /** The resource on given cluster and Gateway API views. */
    static AdmissionResource resource(
            ClusterView cluster,
            io.wsroute.cluster.GatewayApiView gatewayApi,
            WsrouteConfig config,
            ObjectMapper mapper,
            io.micrometer.core.instrument.MeterRegistry registry) {
        return resource(cluster, gatewayApi, config, mapper, registry, new ReconcilerWrites(() -> OWN_IDENTITY));
    }

    private static AdmissionResource resource(
            ClusterView cluster,
            io.wsroute.cluster.GatewayApiView gatewayApi,
            WsrouteConfig config,
            ObjectMapper mapper,
            io.micrometer.core.instrument.MeterRegistry registry,
            ReconcilerWrites reconcilerWrites) {
        LiveControllers controllers = new LiveControllers(cluster, config);
        ReviewContextFactory contexts = new ReviewContextFactory(cluster, controllers, config);
        GatewaySources sources = new GatewaySources(cluster, gatewayApi, controllers);
        return new AdmissionResource(
                new IngressAdmission(contexts, mapper),
                new ConfigMapAdmission(cluster, controllers, contexts, mapper),
                new HttpRouteAdmission(sources, contexts, mapper),
                new ProxySettingsPolicyAdmission(sources, contexts, mapper),
                mapper,
                new DecisionDeadline(config.admission().deadline(), DECISIONS),
                new AdmissionMetrics(registry),
                reconcilerWrites);
    }

    /** The user wsroute runs as in the unit tests of the resource. */
    static final OwnIdentity OWN_IDENTITY = new OwnIdentity(
            java.util.Optional.of("system:serviceaccount:wsroute-system:wsroute"), "fixed for the tests");

    /** The HTTP answer an endpoint gives, waited for as the framework would (bounded: a hang fails the test). */
    static jakarta.ws.rs.core.Response answer(CompletionStage<jakarta.ws.rs.core.Response> answer) {
        try {
            return answer.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer: " + e, e);
        }
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
