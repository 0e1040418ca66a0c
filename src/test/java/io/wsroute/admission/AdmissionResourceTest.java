package io.wsroute.admission;

import static io.restassured.RestAssured.given;
import static io.wsroute.admission.AdmissionReviews.MAPPER;
import static io.wsroute.admission.AdmissionReviews.create;
import static io.wsroute.admission.AdmissionReviews.fixture;
import static io.wsroute.admission.AdmissionReviews.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.fge.jsonpatch.JsonPatch;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.wsroute.cluster.ClusterView;
import io.wsroute.nginx.ControllerFlavor;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook endpoints through HTTP, with cluster state served by the fabric8 mock server to wsroute's informers. */
@QuarkusTest
@WithKubernetesTestServer
class AdmissionResourceTest {

    private static final String VALIDATE = "/admission/ingress/validate";
    private static final String MUTATE = "/admission/ingress/mutate";

    @Inject
    KubernetesClient client;

    @Inject
    ClusterView cluster;

    @BeforeEach
    void seedCluster() {
        client.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("nginx")
                        .endMetadata()
                        .withNewSpec()
                        .withController("k8s.io/ingress-nginx")
                        .endSpec()
                        .build())
                .createOr(c -> c.update());
        client.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("f5")
                        .endMetadata()
                        .withNewSpec()
                        .withController("nginx.org/ingress-controller")
                        .endSpec()
                        .build())
                .createOr(c -> c.update());
        client.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("traefik")
                        .endMetadata()
                        .withNewSpec()
                        .withController("traefik.io/ingress-controller")
                        .endSpec()
                        .build())
                .createOr(c -> c.update());
        client.configMaps()
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withNamespace("ingress-nginx")
                        .withName("ingress-nginx-controller")
                        .endMetadata()
                        .addToData("worker-shutdown-timeout", "240s")
                        .build())
                .createOr(c -> c.update());
        for (var ns : Map.of("apps", "enforce", "relaxed", "warn", "legacy", "off", "typo", "sometimes")
                .entrySet()) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns.getKey())
                            .addToLabels("wsroute.io/admission", ns.getValue())
                            .endMetadata()
                            .build())
                    .createOr(c -> c.update());
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> cluster.synced()
                        && cluster.ingressClasses().size() == 3
                        && cluster.controllerConfigMap(ControllerFlavor.INGRESS_NGINX)
                                .isPresent()
                        && cluster.namespaceLabels("typo").isPresent());
    }

    @Test
    void theBenchmarkFloorIsOffUnlessTurnedOn() {
        given().body(fixture("create-unit-timeout.json"))
                .post("/admission/floor")
                .then()
                .statusCode(404);
    }

    @Test
    void brokenWebSocketIngressIsDeniedWithRuleAndFix() {
        given().body(fixture("create-unit-timeout.json"))
                .post(VALIDATE)
                .then()
                .statusCode(200)
                .body("apiVersion", equalTo("admission.k8s.io/v1"))
                .body("kind", equalTo("AdmissionReview"))
                .body("response.uid", equalTo("705ab4f5-6393-11e8-b7cc-42010a800002"))
                .body("response.allowed", equalTo(false))
                .body("response.status.code", equalTo(403))
                .body("response.status.message", containsString("WS101"))
                .body(
                        "response.status.message",
                        containsString("set nginx.ingress.kubernetes.io/proxy-read-timeout: \"3600\""));
    }

    @Test
    void wsroutesOwnWriteOfItsRoutesIngressIsAllowedAndAUsersIsStillJudged() {
        String own = ReconcilerWritesTest.ownApply(review -> {});
        given().body(own)
                .post(VALIDATE)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("response.uid", equalTo("705ab4f5-6393-11e8-b7cc-42010a800002"))
                .body("response.allowed", equalTo(true));
        given().body(own).post(MUTATE).then().statusCode(200).body("response.allowed", equalTo(true));
        // the same owned, broken Ingress written by a user: denied
        String users =
                own.replace("\"username\":\"system:serviceaccount:wsroute-system:wsroute\"", "\"username\":\"alice\"");
        assertThat(users).isNotEqualTo(own);
        given().body(users)
                .post(VALIDATE)
                .then()
                .statusCode(200)
                .body("response.allowed", equalTo(false))
                .body("response.status.message", containsString("WS101"));
    }

    @Test
    void warnNamespaceAdmitsWithWarnings() {
        JsonNode response = post(
                VALIDATE,
                create(
                        "u-warn",
                        "relaxed",
                        "nginx",
                        "{\"wsroute.io/websocket\":\"true\",\"nginx.ingress.kubernetes.io/proxy-read-timeout\":\"3600s\"}"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString()).contains("WS101").contains("WS103");
    }

    @Test
    void offNamespaceIsLeftAlone() {
        String body = create(
                "u-off",
                "legacy",
                "nginx",
                "{\"wsroute.io/websocket\":\"true\","
                        + "\"nginx.ingress.kubernetes.io/proxy-read-timeout\":\"3600s\"}");
        JsonNode validated = post(VALIDATE, body);
        assertThat(validated.path("allowed").asBoolean()).isTrue();
        assertThat(validated.has("warnings")).isFalse();
        assertThat(post(MUTATE, body).has("patch")).isFalse();
    }

    @Test
    void invalidNamespaceLabelFallsBackToConfiguredModeAndSaysSo() {
        JsonNode response = post(
                VALIDATE,
                create(
                        "u-typo",
                        "typo",
                        "nginx",
                        "{\"wsroute.io/websocket\":\"true\",\"nginx.ingress.kubernetes.io/proxy-read-timeout\":\"3600s\"}"));
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("warnings").toString()).contains("wsroute.io/admission=sometimes");
    }

    @Test
    void webSocketIngressIsMutatedAndTheSecondPassChangesNothing() throws Exception {
        String body = create("u-mutate", "apps", "f5", "{\"wsroute.io/websocket\":\"true\"}");
        JsonNode response = post(MUTATE, body);
        assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
        JsonNode patch = MAPPER.readTree(
                Base64.getDecoder().decode(response.path("patch").asText()));
        JsonNode object = json(body).path("request").path("object");
        JsonNode patched = JsonPatch.fromJson(patch).apply(object);

        assertThat(patched.path("metadata")
                        .path("annotations")
                        .path("nginx.org/websocket-services")
                        .asText())
                .isEqualTo("chat");
        assertThat(patched.path("metadata")
                        .path("annotations")
                        .path("nginx.org/proxy-read-timeout")
                        .asText())
                .isEqualTo("3600s");
        assertThat(patched.path("metadata")
                        .path("annotations")
                        .path("wsroute.io/websocket")
                        .asText())
                .isEqualTo("true");

        String again = body.replace(object.toString(), patched.toString());
        assertThat(post(MUTATE, again).has("patch")).isFalse();
        assertThat(post(VALIDATE, again).path("allowed").asBoolean()).isTrue();
    }

    @Test
    void nonWebSocketIngressGetsNoPatchAndNoWarnings() {
        // f5's ConfigMap is missing: that assumption is only worth a warning on WebSocket Ingresses.
        String plain = create("u-plain", "apps", "f5", null);
        assertThat(post(MUTATE, plain).has("patch")).isFalse();
        JsonNode validated = post(VALIDATE, plain);
        assertThat(validated.path("allowed").asBoolean()).isTrue();
        assertThat(validated.has("warnings")).isFalse();
    }

    @Test
    void ingressWithoutAnnotationsGetsTheWholeMapAdded() throws Exception {
        client.services()
                .inNamespace("apps")
                .resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                        .withNewMetadata()
                        .withName("chat")
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withPort(8080)
                        .withAppProtocol("kubernetes.io/ws")
                        .endPort()
                        .endSpec()
                        .build())
                .createOr(c -> c.update());
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> cluster.service("apps", "chat").isPresent());
            String body = create("u-bare", "apps", "nginx", null);
            JsonNode patch = MAPPER.readTree(
                    Base64.getDecoder().decode(post(MUTATE, body).path("patch").asText()));
            assertThat(patch).hasSize(1);
            assertThat(patch.get(0).path("path").asText()).isEqualTo("/metadata/annotations");
            JsonNode patched =
                    JsonPatch.fromJson(patch).apply(json(body).path("request").path("object"));
            assertThat(patched.path("metadata")
                            .path("annotations")
                            .path("nginx.ingress.kubernetes.io/proxy-read-timeout")
                            .asText())
                    .isEqualTo("3600");
        } finally {
            client.services().inNamespace("apps").withName("chat").delete();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> cluster.service("apps", "chat").isEmpty());
        }
    }

    @Test
    void controllerConfigMapFromTheClusterIsUsed() {
        client.configMaps()
                .inNamespace("ingress-nginx")
                .withName("ingress-nginx-controller")
                .edit(cm -> new ConfigMapBuilder(cm)
                        .addToData("worker-shutdown-timeout", "10s")
                        .build());
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> cluster.controllerConfigMap(ControllerFlavor.INGRESS_NGINX)
                            .map(cm -> "10s".equals(cm.getData().get("worker-shutdown-timeout")))
                            .orElse(false));
            JsonNode response = post(
                    VALIDATE,
                    create(
                            "u-cm",
                            "apps",
                            "nginx",
                            "{\"wsroute.io/websocket\":\"true\","
                                    + "\"nginx.ingress.kubernetes.io/proxy-read-timeout\":\"3600\","
                                    + "\"nginx.ingress.kubernetes.io/proxy-send-timeout\":\"3600\"}"));
            assertThat(response.path("allowed").asBoolean()).isTrue();
            assertThat(response.path("warnings").toString())
                    .contains("WS114")
                    .contains("ConfigMap ingress-nginx/ingress-nginx-controller");
        } finally {
            client.configMaps()
                    .inNamespace("ingress-nginx")
                    .withName("ingress-nginx-controller")
                    .edit(cm -> new ConfigMapBuilder(cm)
                            .addToData("worker-shutdown-timeout", "240s")
                            .build());
        }
    }

    @Test
    void missingConfigMapAndUnknownClassAreAssumedAndSaid() {
        JsonNode response = post(
                VALIDATE,
                create(
                        "u-unknown",
                        "apps",
                        "no-such-class",
                        "{\"wsroute.io/websocket\":\"true\",\"nginx.ingress.kubernetes.io/proxy-read-timeout\":\"3600\","
                                + "\"nginx.ingress.kubernetes.io/proxy-send-timeout\":\"3600\"}"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString())
                .contains("IngressClass no-such-class not found; assumed ingress-nginx");
        JsonNode f5 = post(VALIDATE, create("u-f5", "apps", "f5", "{\"wsroute.io/websocket\":\"true\"}"));
        assertThat(f5.path("warnings").toString())
                .contains("controller ConfigMap nginx-ingress/nginx-ingress not found");
    }

    @Test
    void otherControllersAreNotOurBusiness() {
        JsonNode response = post(
                VALIDATE,
                create(
                        "u-traefik",
                        "apps",
                        "traefik",
                        "{\"wsroute.io/websocket\":\"true\",\"nginx.ingress.kubernetes.io/proxy-read-timeout\":\"3600s\"}"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void deleteIsAllowedWithoutAnObject() {
        JsonNode response = post(VALIDATE, fixture("delete.json"));
        assertThat(response.path("uid").asText()).isEqualTo("e0c7c5a0-0b5e-4f0d-8a4e-6f1d3c2b1a04");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(post(MUTATE, fixture("delete.json")).has("patch")).isFalse();
    }

    @Test
    void updateIsJudgedOnTheNewObject() {
        assertThat(post(VALIDATE, fixture("update-fixes-timeout.json"))
                        .path("allowed")
                        .asBoolean())
                .isTrue();
        JsonNode broken = post(VALIDATE, fixture("update-breaks-timeout.json"));
        assertThat(broken.path("uid").asText()).isEqualTo("e0c7c5a0-0b5e-4f0d-8a4e-6f1d3c2b1a02");
        assertThat(broken.path("allowed").asBoolean()).isFalse();
        assertThat(post(VALIDATE, fixture("update-finalizer-removal.json"))
                        .path("allowed")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void dryRunGetsTheSameAnswer() {
        JsonNode response = post(VALIDATE, fixture("create-dry-run.json"));
        assertThat(response.path("uid").asText()).isEqualTo("e0c7c5a0-0b5e-4f0d-8a4e-6f1d3c2b1a05");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText()).contains("WS101");
    }

    @Test
    void malformedBodiesGet400WithAReason() {
        String good = fixture("create-unit-timeout.json");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("not json", "body is not valid JSON");
        cases.put(good.substring(0, good.length() / 2), "body is not valid JSON");
        cases.put("[1,2]", "not a JSON object");
        cases.put("\"AdmissionReview\"", "not a JSON object");
        cases.put(
                good.replace("admission.k8s.io/v1", "admission.k8s.io/v1beta1"),
                "expected apiVersion admission.k8s.io/v1");
        cases.put(good.replace("\"kind\": \"AdmissionReview\"", "\"kind\": \"TokenReview\""), "kind TokenReview");
        cases.put("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}", "has no request");
        cases.put(good.replace("\"uid\": \"705ab4f5-6393-11e8-b7cc-42010a800002\",", ""), "request.uid is missing");
        cases.put(good.replace("\"operation\": \"CREATE\"", "\"operation\": \"PATCH\""), "request.operation PATCH");
        cases.put(good.replace("\"object\": {", "\"objectX\": {"), "request.object is missing for operation CREATE");
        cases.put(
                fixture("update-fixes-timeout.json").replace("\"object\": {", "\"objectX\": {"),
                "request.object is missing for operation UPDATE");
        cases.put(fixture("create-configmap.json"), "request.object is a ConfigMap");
        cases.put(
                good.replace(
                        "\"apiVersion\": \"networking.k8s.io/v1\"", "\"apiVersion\": \"networking.k8s.io/v1beta1\""),
                "request.object has apiVersion networking.k8s.io/v1beta1");
        cases.put(
                good.replace("\"spec\": {", "\"spec\": {\"rules\": \"not-a-list\"}, \"ignored\": {"),
                "not a valid Ingress");
        cases.put(
                good.replace(
                        "\"spec\": {",
                        "\"spec\": {\"rules\": [{\"http\": {\"paths\": [{\"path\": \"/\"}, null]}}]}, \"ignored\": {"),
                "null list element at spec.rules[0].http.paths[1]");
        cases.forEach((body, reason) -> {
            given().body(body)
                    .post(VALIDATE)
                    .then()
                    .statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error", containsString(reason));
            given().body(body)
                    .contentType(ContentType.JSON)
                    .post(MUTATE)
                    .then()
                    .statusCode(400)
                    .body("error", containsString(reason));
        });
        given().body("").post(MUTATE).then().statusCode(400).body("error", containsString("empty body"));
    }

    @Test
    void configMapEndpointAdmitsConfigMapsAndRefusesOtherKindsWith400() {
        given().body(fixture("create-configmap.json"))
                .post("/admission/configmap/validate")
                .then()
                .statusCode(200)
                .body("response.allowed", org.hamcrest.Matchers.is(true));
        given().body(fixture("create-unit-timeout.json"))
                .post("/admission/configmap/validate")
                .then()
                .statusCode(400)
                .body("error", containsString("this endpoint admits v1 ConfigMap"));
        given().body(fixture("create-configmap.json").replace("\"data\": {", "\"data\": \"not-a-map\", \"ignored\": {"))
                .post("/admission/configmap/validate")
                .then()
                .statusCode(400)
                .body("error", containsString("request.object is not a valid ConfigMap"));
    }

    @Test
    void oversizedBodyIsRefusedWith413BeforeItIsRead() throws Exception {
        // A raw socket: the server answers 413 as soon as it sees the length and closes the connection, which an
        // HTTP client still busy writing the body reports as a broken pipe instead of the answer.
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST " + VALIDATE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + 4 * 1024 * 1024 + "\r\n\r\n{\"apiVersion\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
    }

    private static JsonNode post(String path, String body) {
        String response =
                given().body(body).post(path).then().statusCode(200).extract().asString();
        return json(response).path("response");
    }
}
