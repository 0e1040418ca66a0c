package io.wsroute.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.WsrouteAnnotations;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Inputs shared by the hostile-input tests: a cluster, the fixtures, hostile strings and the safety oracle. */
final class PropertyFixtures {

    static final List<String> FIXTURES = List.of(
            "create-unit-timeout.json",
            "create-dry-run.json",
            "update-fixes-timeout.json",
            "update-breaks-timeout.json",
            "update-finalizer-removal.json",
            "delete.json");

    /** What each hostile string is made of: nginx syntax, Lua, file inclusion, variables, quotes, control bytes. */
    static final List<String> FRAGMENTS = List.of(
            ";",
            "}",
            "{",
            "\n",
            "\r\n",
            "$",
            "${",
            "$http_upgrade",
            "\"",
            "'",
            "`",
            "\\",
            "#",
            " ",
            "\t",
            "\u0000",
            "\u2028",
            "\u202e",
            "\ud800",
            "\uffff",
            "😀",
            ",",
            "/",
            "~",
            "..",
            "lua",
            "content_by_lua_block { os.execute('id') }",
            "include /etc/nginx/secrets/*;",
            "more_set_headers \"X: 1\";",
            "proxy_pass http://evil;",
            "3600",
            "3600s",
            "1h",
            "-1",
            "0",
            "1.1",
            "1.0",
            "HTTPS",
            "GRPC",
            "true",
            "false",
            "cookie",
            "chat",
            "chat,other",
            "a b",
            "1e309",
            "99999999999999999999",
            "NaN",
            "\u0085");

    /** Every annotation the rules read or the mutator writes, on both controllers, plus snippets and wsroute's own. */
    static final List<String> ANNOTATION_KEYS = annotationKeys();

    /**
     * The grammar every value wsroute generates must match: seconds (with or without the unit), the HTTP version,
     * the backend protocol, or a comma list of DNS-1035 labels (Service names). None of nginx's syntax fits.
     */
    static final Pattern GENERATED_VALUE = Pattern.compile(
            "[0-9]{1,9}s?|1\\.1|HTTPS|[a-z]([-a-z0-9]{0,61}[a-z0-9])?(,[a-z]([-a-z0-9]{0,61}[a-z0-9])?)*");

    /** Keys of the controllers' ConfigMaps that wsroute reads, and a few it does not. */
    static final List<String> CONFIG_MAP_KEYS = List.of(
            ControllerConfigMaps.PROXY_READ_TIMEOUT,
            ControllerConfigMaps.PROXY_SEND_TIMEOUT,
            ControllerConfigMaps.WORKER_SHUTDOWN_TIMEOUT,
            ControllerConfigMaps.PROXY_HTTP_VERSION,
            ControllerConfigMaps.ALLOW_SNIPPET_ANNOTATIONS,
            ControllerConfigMaps.ANNOTATIONS_RISK_LEVEL,
            "use-http2",
            "enable-snippets",
            "location-snippets",
            "http-snippet",
            "unrelated");

    /** The only keys the mutator may add. */
    static final Set<String> GENERATED_KEYS = Set.of(
            IngressNginxAnnotations.PROXY_READ_TIMEOUT,
            IngressNginxAnnotations.PROXY_SEND_TIMEOUT,
            IngressNginxAnnotations.PROXY_HTTP_VERSION,
            IngressNginxAnnotations.BACKEND_PROTOCOL,
            NginxIncAnnotations.PROXY_READ_TIMEOUT,
            NginxIncAnnotations.PROXY_SEND_TIMEOUT,
            NginxIncAnnotations.WEBSOCKET_SERVICES,
            NginxIncAnnotations.SSL_SERVICES);

    private PropertyFixtures() {}

    /** Both flavours' classes, a class of another controller, WebSocket and TLS Services, namespaces in each mode. */
    static FixedClusterView cluster() {
        FixedClusterView cluster = new FixedClusterView()
                .withClass("nginx", "k8s.io/ingress-nginx")
                .withClass("f5", "nginx.org/ingress-controller")
                .withClass("traefik", "traefik.io/ingress-controller")
                .withNamespace("apps", Map.of())
                .withNamespace("relaxed", Map.of("wsroute.io/admission", "warn"))
                .withConfigMap(
                        ControllerFlavor.INGRESS_NGINX,
                        Map.of("worker-shutdown-timeout", "10s", "use-http2", "false", "proxy-read-timeout", "60"));
        cluster.services.put(
                "apps/chat",
                new ServiceBuilder()
                        .withNewMetadata()
                        .withName("chat")
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withPort(8080)
                        .withAppProtocol("kubernetes.io/ws")
                        .endPort()
                        .endSpec()
                        .build());
        cluster.services.put(
                "apps/secure",
                new ServiceBuilder()
                        .withNewMetadata()
                        .withName("secure")
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withPort(8443)
                        .withAppProtocol("kubernetes.io/wss")
                        .endPort()
                        .endSpec()
                        .build());
        cluster.endpoints.put("apps/chat", 3);
        // A WebSocket Ingress relying on the controller's settings, so ConfigMap changes have something to break.
        cluster.ingresses.add(new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder()
                .withNewMetadata()
                .withNamespace("apps")
                .withName("chat")
                .addToAnnotations("wsroute.io/websocket", "true")
                .addToAnnotations("nginx.ingress.kubernetes.io/configuration-snippet", "more_set_headers \"X: 1\";")
                .endMetadata()
                .withNewSpec()
                .withIngressClassName("nginx")
                .addNewRule()
                .withHost("chat.example.com")
                .withNewHttp()
                .addNewPath()
                .withPath("/ws")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName("chat")
                .withNewPort()
                .withNumber(8080)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build());
        return cluster;
    }

    /** An UPDATE of ingress-nginx's controller ConfigMap (the configured default) from {@code before} to {@code now}. */
    static ObjectNode controllerConfigMapUpdate(Map<String, String> now, Map<String, String> before) {
        ObjectNode review = review("create-configmap.json");
        ObjectNode request = (ObjectNode) review.get("request");
        request.put("operation", "UPDATE").put("namespace", "ingress-nginx").put("name", "ingress-nginx-controller");
        ObjectNode object = (ObjectNode) request.get("object");
        ((ObjectNode) object.get("metadata")).put("namespace", "ingress-nginx").put("name", "ingress-nginx-controller");
        ObjectNode old = object.deepCopy();
        ObjectNode data = object.putObject("data");
        now.forEach(data::put);
        ObjectNode oldData = old.putObject("data");
        before.forEach(oldData::put);
        request.set("oldObject", old);
        return review;
    }

    static ObjectNode review(String fixture) {
        return (ObjectNode) AdmissionReviews.json(AdmissionReviews.fixture(fixture));
    }

    /** Short strings of any characters, and strings built from {@link #FRAGMENTS}. */
    static Arbitrary<String> shortHostileStrings() {
        Arbitrary<String> built =
                Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("", l));
        return Arbitraries.frequencyOf(
                Tuple.of(4, built), Tuple.of(3, Arbitraries.strings().ofMaxLength(20)));
    }

    /** {@link #shortHostileStrings()}, now and then a fragment repeated to 100,000 characters. */
    static Arbitrary<String> hostileStrings() {
        Arbitrary<String> huge =
                Arbitraries.of(FRAGMENTS).map(f -> "3600" + f.repeat(Math.max(1, 100_000 / f.length())));
        return Arbitraries.frequencyOf(Tuple.of(12, shortHostileStrings()), Tuple.of(1, huge));
    }

    /**
     * The mutator's output is safe: it only adds annotations (nothing else in the object changes, no existing
     * annotation changes), only keys from {@link #GENERATED_KEYS}, and only values in {@link #GENERATED_VALUE}.
     */
    static void onlySafeAnnotationsAdded(JsonNode before, JsonNode after) {
        ObjectNode beforeRest = withoutAnnotations(before);
        ObjectNode afterRest = withoutAnnotations(after);
        assertThat(afterRest).as("only annotations change").isEqualTo(beforeRest);
        JsonNode old = before.path("metadata").path("annotations");
        JsonNode now = after.path("metadata").path("annotations");
        for (Iterator<Map.Entry<String, JsonNode>> it = now.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (old.isObject() && old.has(entry.getKey())) {
                assertThat(entry.getValue())
                        .as("existing %s kept", entry.getKey())
                        .isEqualTo(old.get(entry.getKey()));
                continue;
            }
            assertThat(entry.getKey()).isIn(GENERATED_KEYS);
            assertThat(entry.getValue().isTextual()).isTrue();
            assertThat(entry.getValue().asText()).matches(GENERATED_VALUE);
        }
    }

    private static ObjectNode withoutAnnotations(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.path("metadata").isNull()) {
            // "metadata": null is no metadata; a patch that adds annotations adds metadata in its place
            copy.remove("metadata");
        }
        if (copy.path("metadata").isObject()) {
            ((ObjectNode) copy.get("metadata")).remove("annotations");
            if (copy.get("metadata").isEmpty()) {
                // a patch may add metadata itself when the object had none
                copy.remove("metadata");
            }
        }
        return copy;
    }

    private static List<String> annotationKeys() {
        List<String> keys = new ArrayList<>();
        IngressNginxAnnotations.KNOWN_NAMES.stream()
                .sorted()
                .map(n -> IngressNginxAnnotations.PREFIX + n)
                .forEach(keys::add);
        NginxIncAnnotations.KNOWN_NAMES.stream()
                .sorted()
                .map(n -> NginxIncAnnotations.PREFIX + n)
                .forEach(keys::add);
        Stream.of(
                        WsrouteAnnotations.WEBSOCKET,
                        WsrouteAnnotations.WSS_ONLY,
                        NginxIncAnnotations.LEGACY_SSL_REDIRECT,
                        NginxIncAnnotations.PLUS_STICKY_COOKIE_SERVICES,
                        IngressNginxAnnotations.NONEXISTENT_WEBSOCKET_SERVICES)
                .forEach(keys::add);
        return List.copyOf(keys);
    }
}
