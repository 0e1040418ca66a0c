package io.wsroute.admission;

import static io.restassured.RestAssured.given;
import static io.wsroute.admission.AdmissionReviews.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Hand-written hostile bodies against the webhook endpoints over HTTP, as anyone who reaches the port could send
 * them. Every answer is a 4xx with a JSON reason or a well-formed AdmissionReview, within seconds; the body limit
 * (3 MiB) holds for declared and chunked lengths alike. The API server is out of reach (no informers to feed), so
 * decisions run on assumed defaults, which is what wsroute does while it cannot reach the cluster.
 */
@QuarkusTest
@TestProfile(AdmissionHostileHttpTest.NoCluster.class)
class AdmissionHostileHttpTest {

    /** Endpoints that admit Ingresses; the Ingress cases are posted to each. */
    static final List<String> ENDPOINTS = List.of("/admission/ingress/validate", "/admission/ingress/mutate");
    /** Every endpoint that takes AdmissionReviews: the ConfigMap one must hold up to the same bodies. */
    static final List<String> ALL_ENDPOINTS =
            List.of("/admission/ingress/validate", "/admission/ingress/mutate", "/admission/configmap/validate");

    private static final String CONFIG_MAP = "/admission/configmap/validate";

    public static class NoCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.kubernetes-client.api-server-url",
                    "https://127.0.0.1:1",
                    "quarkus.kubernetes-client.devservices.enabled",
                    "false");
        }
    }

    private static final String GOOD = fixture("create-unit-timeout.json");
    private static final String UID = "705ab4f5-6393-11e8-b7cc-42010a800002";

    @Test
    void wrongTypesMissingPartsAndUnknownFieldsGetA400OrAReview() {
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":[]}", 400);
        cases.put(GOOD.replace("\"uid\": \"" + UID + "\"", "\"uid\": 42"), 400);
        cases.put(GOOD.replace("\"uid\": \"" + UID + "\",", ""), 400);
        cases.put(GOOD.replace("\"uid\": \"" + UID + "\"", "\"uid\": \"\""), 400);
        cases.put(GOOD.replace("\"operation\": \"CREATE\"", "\"operation\": [\"CREATE\"]"), 400);
        cases.put(replaceAt("/request/object", "\"an Ingress\""), 400);
        cases.put(replaceAt("/request/object/metadata", "[]"), 400);
        cases.put(replaceAt("/request/object/metadata/annotations", "[\"a\"]"), 400);
        cases.put(replaceAt("/request/object/metadata/annotations", "{\"wsroute.io/websocket\": {\"x\": 1}}"), 400);
        cases.put(replaceAt("/request/object/spec/rules", "{}"), 400);
        cases.put(replaceAt("/request/object/spec/rules", "[null]"), 400);
        cases.put(replaceAt("/request/object/spec/rules/0/http/paths/0/backend/service/port/number", "\"80\""), 200);
        cases.put(replaceAt("/request/object/spec/rules/0/http/paths/0/backend/service/port/number", "1e400"), 400);
        cases.put(replaceAt("/request/object/spec/rules/0/http/paths/0/backend/service/port/number", "-5"), 200);
        cases.put(replaceAt("/request/object/spec/rules/0/http", "null"), 200);
        cases.put(replaceAt("/request/object/spec", "null"), 200);
        cases.put(replaceAt("/request/object/metadata/annotations", "{\"wsroute.io/websocket\": 7}"), 200);
        cases.put(replaceAt("/request/dryRun", "\"yes\""), 200);
        cases.put(replaceAt("/request/namespace", "{\"x\": 1}"), 200);
        cases.put(replaceAt("/request/name", "\"a\\nFORGED LOG LINE\""), 200);
        cases.put(replaceAt("/request/object/unknownField", "{\"deeply\": {\"unknown\": [1, 2, {\"x\": null}]}}"), 200);
        cases.put(replaceAt("/request/unknownField", "true"), 200);
        cases.put(replaceAt("/unknownField", "\"x\""), 200);
        cases.forEach((body, status) -> {
            ENDPOINTS.forEach(endpoint -> assertThat(
                            answer(endpoint, body.getBytes(StandardCharsets.UTF_8), "application/json"))
                    .as("%s <- %s", endpoint, body.length() > 300 ? body.substring(0, 300) : body)
                    .isEqualTo(status));
            // An Ingress, however broken, is not what the ConfigMap endpoint admits.
            assertThat(answer(CONFIG_MAP, body.getBytes(StandardCharsets.UTF_8), "application/json"))
                    .isEqualTo(400);
        });
        String configMap = fixture("create-configmap.json");
        for (String broken : List.of(
                configMap.replace("\"data\": {", "\"data\": [], \"x\": {"),
                configMap.replace("\"a\": \"b\"", "\"a\": {\"nested\": true}"),
                configMap.replace("\"a\": \"b\"", "\"a\": null"),
                configMap
                        .replace("\"namespace\": \"apps\"", "\"namespace\": \"ingress-nginx\"")
                        .replace("\"name\": \"settings\"", "\"name\": \"ingress-nginx-controller\"")
                        .replace(
                                "\"a\": \"b\"",
                                "\"allow-snippet-annotations\": \"false;}\\n\", \"proxy-read-timeout\": 7"))) {
            assertThat(answer(CONFIG_MAP, broken.getBytes(StandardCharsets.UTF_8), "application/json", configMapUid()))
                    .isIn(200, 400);
        }
    }

    @Test
    void deepNestingIsRefusedWithoutExhaustingTheStack() {
        String deepArray = "[".repeat(200_000) + "]".repeat(200_000);
        String deepObject = "{\"a\":".repeat(200_000) + "1" + "}".repeat(200_000);
        String deepInside = GOOD.replace("\"spec\": {", "\"spec\": {\"deep\": " + deepArray + ", ");
        // Just under Jackson's default depth limit of 1000: read, then refused as not an Ingress.
        String deepButReadable = replaceAt("/request/object/spec/unknown", "[".repeat(990) + "]".repeat(990));
        for (String endpoint : ALL_ENDPOINTS) {
            for (String body : List.of(deepArray, deepObject, deepInside)) {
                assertThat(answer(endpoint, body.getBytes(StandardCharsets.UTF_8), "application/json"))
                        .isEqualTo(400);
            }
            assertThat(answer(endpoint, deepButReadable.getBytes(StandardCharsets.UTF_8), "application/json"))
                    .isIn(200, 400);
        }
    }

    @Test
    void hugeAnnotationValuesAreJudgedAndNotEchoedBack() {
        String huge = "3600" + ";include /etc/passwd;".repeat(1_300_000 / 21);
        String body = replaceAt(
                "/request/object/metadata/annotations/nginx.ingress.kubernetes.io~1configuration-snippet",
                "\"" + huge + "\"");
        body = body.replace("\"3600s\"", "\"" + huge + "\"");
        assertThat(body.length()).isBetween(2_500_000, 3 * 1024 * 1024);
        for (String endpoint : ENDPOINTS) {
            long start = System.nanoTime();
            Answer response = post(endpoint, body.getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.asString().length()).as("answer size").isLessThan(50_000);
            wellFormedReview(response, UID);
        }
    }

    @Test
    void encodings() {
        byte[] invalidUtf8 = GOOD.replace("alice", "al\u0000ce").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < invalidUtf8.length; i++) {
            if (invalidUtf8[i] == 0) {
                invalidUtf8[i] = (byte) 0xC3; // a lead byte followed by 'c': not UTF-8
            }
        }
        byte[] overlong = GOOD.replace("alice", "al\u0001ce").getBytes(StandardCharsets.UTF_8);
        List<Byte> withOverlong = new ArrayList<>();
        for (byte b : overlong) {
            if (b == 1) {
                withOverlong.add((byte) 0xC0); // overlong encoding of '/'
                withOverlong.add((byte) 0xAF);
            } else {
                withOverlong.add(b);
            }
        }
        byte[] overlongBytes = new byte[withOverlong.size()];
        for (int i = 0; i < overlongBytes.length; i++) {
            overlongBytes[i] = withOverlong.get(i);
        }
        byte[] utf16WithBom = ("\uFEFF" + GOOD).getBytes(StandardCharsets.UTF_16BE);
        byte[] utf16Le = GOOD.getBytes(StandardCharsets.UTF_16LE);
        byte[] utf32 = GOOD.getBytes(java.nio.charset.Charset.forName("UTF-32BE"));
        byte[] latin1 = GOOD.replace("alice", "alicé").getBytes(StandardCharsets.ISO_8859_1);
        byte[] encodedSurrogate = GOOD.replace("alice", "al\u0001ce").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < encodedSurrogate.length; i++) {
            if (encodedSurrogate[i] == 1) {
                encodedSurrogate = concat(
                        java.util.Arrays.copyOf(encodedSurrogate, i),
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // U+D800 as CESU-8
                        java.util.Arrays.copyOfRange(encodedSurrogate, i + 1, encodedSurrogate.length));
                break;
            }
        }
        byte[] utf8Bom =
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, GOOD.getBytes(StandardCharsets.UTF_8));
        for (String endpoint : ALL_ENDPOINTS) {
            // The API server sends UTF-8 only (RFC 8259 requires it between systems): anything else is a 400,
            // whatever the Content-Type claims.
            for (byte[] body : List.of(
                    invalidUtf8,
                    overlongBytes,
                    latin1,
                    encodedSurrogate,
                    utf16WithBom,
                    utf16Le,
                    utf32,
                    utf8Bom,
                    new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0})) {
                assertThat(answer(endpoint, body, "application/json; charset=utf-16"))
                        .isEqualTo(400);
            }
            assertThat(answer(endpoint, GOOD.getBytes(StandardCharsets.UTF_8), "application/json; charset=latin1"))
                    .isEqualTo(endpoint.equals(CONFIG_MAP) ? 400 : 200);
        }
    }

    @Test
    void oddContentTypesAndMethods() {
        byte[] good = GOOD.getBytes(StandardCharsets.UTF_8);
        for (String endpoint : ALL_ENDPOINTS) {
            for (String type : List.of(
                    "text/plain",
                    "application/octet-stream",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "application/json; charset=bogus",
                    "")) {
                assertThat(answer(endpoint, good, type)).as(type).isIn(200, 400, 415);
            }
            assertThat(given().get(endpoint).statusCode()).isEqualTo(405);
            assertThat(given().header("Content-Encoding", "gzip")
                            .body(good)
                            .post(endpoint)
                            .statusCode())
                    .isBetween(200, 499);
        }
        assertThat(given().body(good).post("/admission/nothing-here").statusCode())
                .isEqualTo(404);
    }

    @Test
    void endlessChunkedBodyIsCutAtTheLimitWith413() throws Exception {
        for (String endpoint : ALL_ENDPOINTS) {
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(20_000);
                CompletableFuture<String> status = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new BufferedReader(
                                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                                .readLine();
                    } catch (Exception e) {
                        return "read failed: " + e;
                    }
                });
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + endpoint + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = ("10000\r\n" + "[".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                long sent = 0;
                try {
                    while (!status.isDone() && sent < 64L * 1024 * 1024) {
                        out.write(chunk);
                        sent += 0x10000;
                    }
                } catch (java.io.IOException closedByServer) {
                    // expected once the server has answered and closed
                }
                assertThat(status.get(20, TimeUnit.SECONDS)).startsWith("HTTP/1.1 413");
                assertThat(sent).as("bytes sent before the answer").isLessThan(32L * 1024 * 1024);
            }
        }
    }

    @Test
    void bodyShorterThanItsLengthDoesNotHoldTheServer() throws Exception {
        try (Socket stalled = new Socket("localhost", RestAssured.port)) {
            stalled.getOutputStream()
                    .write(("POST " + ENDPOINTS.get(0) + " HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Length: 1000\r\n\r\n{\"apiVersion\":")
                            .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            // While that connection waits for the rest, others are answered.
            assertThat(answer(ENDPOINTS.get(0), GOOD.getBytes(StandardCharsets.UTF_8), "application/json"))
                    .isEqualTo(200);
            stalled.shutdownOutput();
        }
        assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void manyLargeBodiesAtOnceAreAllAnswered() throws Exception {
        String big = replaceAt("/request/object/metadata/annotations/filler", "\"" + "x".repeat(2_500_000) + "\"");
        byte[] body = big.getBytes(StandardCharsets.UTF_8);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicLong answered = new AtomicLong();
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String endpoint = ENDPOINTS.get(i % ENDPOINTS.size());
                calls.add(CompletableFuture.runAsync(
                        () -> {
                            Answer response = post(endpoint, body, "application/json");
                            assertThat(response.statusCode()).isEqualTo(200);
                            wellFormedReview(response, UID);
                            answered.incrementAndGet();
                        },
                        clients));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }
        assertThat(answered).hasValue(16);
        assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String configMapUid() {
        return AdmissionReviews.json(fixture("create-configmap.json"))
                .path("request")
                .path("uid")
                .asText();
    }

    /** Posts and checks the answer is a JSON 4xx or a well-formed review; returns the status. */
    private static int answer(String endpoint, byte[] body, String contentType) {
        return answer(endpoint, body, contentType, UID);
    }

    private static int answer(String endpoint, byte[] body, String contentType, String uid) {
        Answer response = post(endpoint, body, contentType);
        int status = response.statusCode();
        assertThat(status).as(response.asString()).isLessThan(500);
        if (status == 200) {
            wellFormedReview(response, uid);
        } else if (status == 400) {
            String error = response.json().path("error").asText();
            assertThat(error).isNotBlank();
            assertThat(error.codePoints().noneMatch(Character::isISOControl))
                    .as(error)
                    .isTrue();
        }
        return status;
    }

    /** A status and a body; java.net.http rather than REST Assured, which is slow with megabyte bodies. */
    record Answer(int statusCode, String asString) {
        JsonNode json() {
            return AdmissionReviews.json(asString);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static Answer post(String endpoint, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + endpoint))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new AssertionError("no answer from " + endpoint + ": " + e, e);
        }
    }

    private static void wellFormedReview(Answer response, String uid) {
        JsonNode review = response.json();
        assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(review.path("response").path("uid").asText()).isEqualTo(uid);
        assertThat(review.path("response").path("allowed").isBoolean()).isTrue();
        review.path("response")
                .path("warnings")
                .forEach(w -> assertThat(w.asText()).doesNotContain("internal error"));
    }

    /** The good review with the value at a JSON pointer set (parents must exist). */
    private static String replaceAt(String pointer, String valueJson) {
        ObjectNode review = (ObjectNode) AdmissionReviews.json(GOOD);
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = review.at(pointer.substring(0, cut));
        String field = pointer.substring(cut + 1).replace("~1", "/").replace("~0", "~");
        JsonNode value = AdmissionReviews.json("{\"v\":" + valueJson + "}").get("v");
        if (parent instanceof ObjectNode object) {
            object.set(field, value);
        } else {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(field), value);
        }
        return review.toString();
    }
}
