package io.wsroute.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.wsroute.migrate.Change.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One ingress-nginx Ingress rewritten for the F5 controller: each translation, each loss, each WebSocket signal. */
class NginxIncMigrationTest {

    private static final MigrationOptions OPTIONS = new MigrationOptions("nginx", Set.of());

    /** Ingress demo/app, host app.example.com, path "/" to Service web:80 and the given extra paths. */
    private static Ingress ingress(Map<String, String> annotations, String... pathToService) {
        IngressBuilder builder = new IngressBuilder()
                .withNewMetadata()
                .withName("app")
                .withNamespace("demo")
                .withAnnotations(annotations)
                .withResourceVersion("42")
                .withUid("u-1")
                .endMetadata()
                .withNewSpec()
                .withIngressClassName("nginx-old")
                .addNewRule()
                .withHost("app.example.com")
                .withNewHttp()
                .addToPaths(path("/", "web"))
                .endHttp()
                .endRule()
                .endSpec();
        Ingress ingress = builder.build();
        for (int i = 0; i < pathToService.length; i += 2) {
            ingress.getSpec().getRules().get(0).getHttp().getPaths().add(path(pathToService[i], pathToService[i + 1]));
        }
        return ingress;
    }

    private static io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath path(String path, String service) {
        return new HTTPIngressPathBuilder()
                .withPath(path)
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(service)
                .withNewPort()
                .withNumber(80)
                .endPort()
                .endService()
                .endBackend()
                .build();
    }

    private static MigratedIngress migrate(Map<String, String> annotations, String... paths) {
        return new NginxIncMigration(OPTIONS).migrate("in.yaml", ingress(annotations, paths), Map.of());
    }

    private static Map<String, String> annotationsOf(MigratedIngress migrated) {
        Map<String, String> annotations = migrated.ingress().getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    static Stream<Arguments> oneToOne() {
        String in = "nginx.ingress.kubernetes.io/";
        String f5 = "nginx.org/";
        return Stream.of(
                // kubernetes/ingress-nginx internal/ingress/annotations/proxy/main.go Parse: GetIntAnnotation
                // (seconds);
                // nginx/kubernetes-ingress internal/configs/parsing_helpers.go ParseTime (nginx time)
                Arguments.of(in + "proxy-read-timeout", "3600", f5 + "proxy-read-timeout", "3600s"),
                Arguments.of(in + "proxy-send-timeout", "86400", f5 + "proxy-send-timeout", "86400s"),
                Arguments.of(in + "proxy-connect-timeout", "5", f5 + "proxy-connect-timeout", "5s"),
                // ingress-nginx proxy/main.go proxyNextUpstreamTimeoutAnnotation ValidateInt; F5 validation.go
                // validateTimeAnnotation
                Arguments.of(in + "proxy-next-upstream-timeout", "10", f5 + "proxy-next-upstream-timeout", "10s"),
                // ingress-nginx proxy/main.go proxyNextUpstreamTriesAnnotation; F5 validation.go
                // validateUint64Annotation
                Arguments.of(in + "proxy-next-upstream-tries", "3", f5 + "proxy-next-upstream-tries", "3"),
                // ingress-nginx proxy/main.go proxyBodySizeAnnotation (SizeRegex, client_max_body_size);
                // F5 validation.go validateOffsetAnnotation (ParseOffset \d+[kKmMgG]?)
                Arguments.of(in + "proxy-body-size", "50m", f5 + "client-max-body-size", "50m"),
                Arguments.of(in + "proxy-body-size", "1G", f5 + "client-max-body-size", "1G"),
                // ingress-nginx clientbodybuffersize/main.go; F5 validation.go validateSizeAnnotation (ParseSize)
                Arguments.of(in + "client-body-buffer-size", "16k", f5 + "client-body-buffer-size", "16k"),
                Arguments.of(in + "proxy-buffer-size", "8k", f5 + "proxy-buffer-size", "8k"),
                Arguments.of(in + "proxy-busy-buffers-size", "16k", f5 + "proxy-busy-buffers-size", "16k"),
                Arguments.of(in + "proxy-max-temp-file-size", "0", f5 + "proxy-max-temp-file-size", "0"),
                // ingress-nginx proxy/main.go proxyBufferingAnnotation ValidateOptions(on, off; case-sensitive);
                // F5 annotations.go parseAnnotations GetMapKeyAsBool nginx.org/proxy-buffering
                Arguments.of(in + "proxy-buffering", "on", f5 + "proxy-buffering", "true"),
                Arguments.of(in + "proxy-buffering", "off", f5 + "proxy-buffering", "false"),
                // ingress-nginx annotations/parser/main.go parseBool (strconv.ParseBool), rewrite/main.go SSLRedirect;
                // F5 annotations.go parseAnnotations GetMapKeyAsBool SSLRedirectAnnotation
                Arguments.of(in + "ssl-redirect", "false", f5 + "ssl-redirect", "false"),
                Arguments.of(in + "ssl-redirect", "1", f5 + "ssl-redirect", "true"),
                // ingress-nginx serviceupstream/main.go (proxy to the ClusterIP); F5 annotations.go
                // UseClusterIPAnnotation
                Arguments.of(in + "service-upstream", "true", f5 + "use-cluster-ip", "true"),
                // ingress-nginx loadbalancing/main.go (round_robin); F5 parsing_helpers.go ParseLBMethod round_robin
                Arguments.of(in + "load-balance", "round_robin", f5 + "lb-method", "round_robin"),
                // ingress-nginx upstreamhashby/main.go (consistent hash on the key); F5 parsing_helpers.go
                // validateHashLBMethod ("hash KEY consistent")
                Arguments.of(
                        in + "upstream-hash-by",
                        "$binary_remote_addr",
                        f5 + "lb-method",
                        "hash $binary_remote_addr consistent"),
                Arguments.of(
                        in + "upstream-hash-by",
                        "$request_uri$host",
                        f5 + "lb-method",
                        "hash $request_uri$host consistent"),
                // ingress-nginx template/template.go buildLocation (~* "^PATH" with use-regex); F5
                // version1/template_helper.go makePathWithRegex case_insensitive (~* "^PATH")
                Arguments.of(in + "use-regex", "true", f5 + "path-regex", "case_insensitive"),
                // ingress-nginx backendprotocol/main.go validProtocols (case-insensitive); F5 annotations.go
                // getSSLServices
                Arguments.of(in + "backend-protocol", "HTTPS", f5 + "ssl-services", "web"),
                Arguments.of(in + "backend-protocol", "https", f5 + "ssl-services", "web"),
                Arguments.of(in + "backend-protocol", "GRPC", f5 + "grpc-services", "web"));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" -> {2}: \"{3}\"")
    @MethodSource
    void oneToOne(String key, String value, String target, String expected) {
        MigratedIngress migrated = migrate(Map.of(key, value));
        assertThat(annotationsOf(migrated)).containsEntry(target, expected).doesNotContainKey(key);
        assertThat(migrated.changes())
                .filteredOn(c -> c.kind() == Kind.TRANSLATED)
                .anyMatch(c -> c.text().startsWith(key));
        assertThat(migrated.needsDecision()).isFalse();
    }

    static Stream<Arguments> notReadByIngressNginx() {
        String in = "nginx.ingress.kubernetes.io/";
        return Stream.of(
                // ingress-nginx proxy/main.go: GetIntAnnotation fails on "3600s", the ConfigMap default (60) applies
                Arguments.of(in + "proxy-read-timeout", "3600s"),
                Arguments.of(in + "proxy-read-timeout", "1h"),
                // ingress-nginx proxy/main.go SizeRegex (?i)\d+[bkmg]? accepts "b", F5 ParseOffset does not
                Arguments.of(in + "proxy-body-size", "100b"),
                // ingress-nginx proxyBufferingAnnotation options are case-sensitive
                Arguments.of(in + "proxy-buffering", "ON"));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" needs a decision")
    @MethodSource
    void notReadByIngressNginx(String key, String value) {
        MigratedIngress migrated = migrate(Map.of(key, value));
        assertThat(annotationsOf(migrated)).doesNotContainKey(key);
        assertThat(annotationsOf(migrated).keySet()).noneMatch(k -> k.startsWith("nginx.org/proxy-read"));
        assertThat(migrated.changes())
                .filteredOn(c -> c.kind() == Kind.DECIDE)
                .singleElement()
                .satisfies(c -> assertThat(c.text()).contains(key, "used its default"));
    }

    @Test
    void upstreamHashByWithAnythingButNginxVariablesIsNotWrittenIntoLbMethod() {
        // F5 parsing_helpers.go validateHashLBMethod splits on spaces: a key with spaces or quotes would not parse
        for (String key : List.of("$remote_addr consistent", "\"$host\"", "$host;", "cookie_x")) {
            MigratedIngress migrated = migrate(Map.of("nginx.ingress.kubernetes.io/upstream-hash-by", key));
            assertThat(annotationsOf(migrated)).as(key).doesNotContainKey("nginx.org/lb-method");
            assertThat(migrated.needsDecision()).as(key).isTrue();
        }
    }

    @Test
    void cookieAffinityBecomesStickyCookieServicesForEveryBackendAndAsksAboutNginxPlus() {
        // ingress-nginx sessionaffinity/main.go cookieAffinityParse: name (default INGRESSCOOKIE), max-age, path;
        // F5 parsing_helpers.go ParseStickyServiceList: "serviceName=S params" joined by ";"
        MigratedIngress migrated = migrate(
                Map.of(
                        "nginx.ingress.kubernetes.io/affinity", "cookie",
                        "nginx.ingress.kubernetes.io/session-cookie-name", "route",
                        "nginx.ingress.kubernetes.io/session-cookie-max-age", "172800",
                        "nginx.ingress.kubernetes.io/session-cookie-path", "/"),
                "/socket.io",
                "chat");
        assertThat(annotationsOf(migrated))
                .containsEntry(
                        "nginx.org/sticky-cookie-services",
                        "serviceName=web route expires=172800s path=/;serviceName=chat route expires=172800s path=/")
                .doesNotContainKeys(
                        "nginx.ingress.kubernetes.io/affinity", "nginx.ingress.kubernetes.io/session-cookie-name");
        assertThat(migrated.changes())
                .filteredOn(c -> c.kind() == Kind.DECIDE)
                .singleElement()
                .satisfies(c -> assertThat(c.text()).contains("NGINX Plus", "nginx.org/lb-method \"ip_hash\""));
        assertThat(migrate(Map.of("nginx.ingress.kubernetes.io/affinity", "cookie"))
                        .ingress()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry("nginx.org/sticky-cookie-services", "serviceName=web INGRESSCOOKIE");
    }

    @Test
    void cookieValuesOutsideTheStrictGrammarAreNeverWritten() {
        MigratedIngress migrated = migrate(Map.of(
                "nginx.ingress.kubernetes.io/affinity", "cookie",
                "nginx.ingress.kubernetes.io/session-cookie-name", "x\" ; return 302 http://evil;"));
        assertThat(annotationsOf(migrated)).doesNotContainKey("nginx.org/sticky-cookie-services");
        assertThat(migrated.needsDecision()).isTrue();
    }

    static Stream<Arguments> losses() {
        String in = "nginx.ingress.kubernetes.io/";
        return Stream.of(
                Arguments.of(in + "whitelist-source-range", "10.0.0.0/8", "every address is admitted"),
                Arguments.of(in + "auth-url", "http://auth/verify", "unauthenticated"),
                Arguments.of(in + "auth-signin", "https://login", "authentication is gone"),
                Arguments.of(in + "server-snippet", "location /x { return 403; }", "no longer apply"),
                Arguments.of(in + "configuration-snippet", "more_set_headers \"X: y\";", "no longer apply"),
                Arguments.of(in + "rewrite-target", "/$2", "original path"),
                Arguments.of(in + "force-ssl-redirect", "true", "redirect-to-https"),
                Arguments.of(in + "load-balance", "ewma", "no nginx.org annotation"),
                Arguments.of(in + "enable-cors", "true", "CORS"),
                Arguments.of(in + "backend-protocol", "FCGI", "no nginx.org annotation"));
    }

    @ParameterizedTest(name = "{0} is lost: {2}")
    @MethodSource
    void losses(String key, String value, String consequence) {
        MigratedIngress migrated = migrate(Map.of(key, value));
        assertThat(annotationsOf(migrated).keySet()).noneMatch(k -> k.startsWith("nginx.ingress.kubernetes.io/"));
        assertThat(migrated.changes())
                .filteredOn(c -> c.kind() == Kind.LOST)
                .singleElement()
                .satisfies(c -> assertThat(c.text()).startsWith(key).contains(consequence));
        assertThat(migrated.needsDecision()).isTrue();
    }

    @Test
    void aSnippetThatOnlySetsTheUpgradeHeadersIsCoveredByWebsocketServices() {
        // F5 version1/nginx.ingress.tmpl: a location of a websocket-services Service gets proxy_http_version 1.1,
        // Upgrade $http_upgrade and Connection $connection_upgrade
        MigratedIngress migrated = migrate(Map.of(
                "nginx.ingress.kubernetes.io/configuration-snippet",
                "proxy_http_version 1.1;\nproxy_set_header Upgrade $http_upgrade;\n"
                        + "proxy_set_header Connection \"upgrade\";\n"));
        assertThat(migrated.needsDecision()).isFalse();
        assertThat(annotationsOf(migrated))
                .containsEntry("nginx.org/websocket-services", "web")
                .doesNotContainKey("nginx.org/location-snippets");
        assertThat(migrated.webSocketServices().get("web"))
                .hasValueSatisfying(r -> assertThat(r).contains("configuration-snippet"));
    }

    @Test
    void unknownIngressNginxKeysWereIgnoredThereTooAndAreDroppedWithANote() {
        MigratedIngress migrated = migrate(Map.of("nginx.ingress.kubernetes.io/websocket-services", "web"));
        assertThat(migrated.needsDecision()).isFalse();
        assertThat(migrated.changes())
                .anyMatch(c -> c.kind() == Kind.NOTE && c.text().contains("does not read it either"));
        assertThat(annotationsOf(migrated)).doesNotContainKey("nginx.org/websocket-services");
    }

    @Test
    void classIsSwitchedAndServerFieldsAndOtherControllersAnnotationsAreHandled() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("kubernetes.io/ingress.class", "nginx-old");
        annotations.put("cert-manager.io/cluster-issuer", "letsencrypt");
        annotations.put("kubectl.kubernetes.io/last-applied-configuration", "{}");
        MigratedIngress migrated = migrate(annotations);
        Ingress out = migrated.ingress();
        assertThat(out.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(annotationsOf(migrated))
                .containsOnlyKeys("cert-manager.io/cluster-issuer")
                .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
        assertThat(out.getMetadata().getResourceVersion()).isNull();
        assertThat(out.getMetadata().getUid()).isNull();
        assertThat(migrated.changes()).anyMatch(c -> c.text().equals("IngressClass nginx-old -> nginx"));
    }

    static Stream<Arguments> webSocketSignals() {
        return Stream.of(
                Arguments.of(
                        Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600"), "/", "proxy-read-timeout"),
                Arguments.of(
                        Map.of("nginx.ingress.kubernetes.io/proxy-send-timeout", "300"), "/", "proxy-send-timeout"),
                Arguments.of(Map.of("nginx.ingress.kubernetes.io/affinity", "cookie"), "/", "affinity"),
                Arguments.of(
                        Map.of("nginx.ingress.kubernetes.io/upstream-hash-by", "$remote_addr"),
                        "/",
                        "upstream-hash-by"),
                Arguments.of(Map.of("wsroute.io/websocket", "true"), "/", "wsroute.io/websocket=true"),
                Arguments.of(Map.of(), "/socket.io/", "path /socket.io/"),
                Arguments.of(Map.of(), "/api/ws", "path /api/ws"),
                Arguments.of(Map.of(), "/hubs/chat", "path /hubs/chat"),
                Arguments.of(Map.of(), "/sockjs-node", "path /sockjs-node"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource
    void webSocketSignals(Map<String, String> annotations, String path, String reason) {
        Ingress ingress = ingress(annotations);
        ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).setPath(path);
        MigratedIngress migrated = new NginxIncMigration(OPTIONS).migrate("in.yaml", ingress, Map.of());
        assertThat(annotationsOf(migrated)).containsEntry("nginx.org/websocket-services", "web");
        assertThat(migrated.webSocketServices().get("web"))
                .hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @Test
    void noSignalMeansNotListedWithAHintToPin() {
        MigratedIngress migrated = migrate(
                Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "60"), "/wsx", "other", "/news", "news");
        assertThat(annotationsOf(migrated)).doesNotContainKey("nginx.org/websocket-services");
        assertThat(migrated.changes())
                .filteredOn(c -> c.kind() == Kind.NOTE && c.text().contains("no WebSocket signal"))
                .hasSize(3)
                .anyMatch(c -> c.text().contains("--websocket-service demo/news"));
        assertThat(migrated.needsDecision()).isFalse();
    }

    @Test
    void appProtocolPinsAndTheOptOutDecidePerService() {
        Service chat = new ServiceBuilder()
                .withNewMetadata()
                .withName("chat")
                .withNamespace("demo")
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withPort(80)
                .withAppProtocol("kubernetes.io/ws")
                .endPort()
                .endSpec()
                .build();
        Ingress ingress = ingress(Map.of(), "/chat", "chat", "/feed", "feed");
        MigratedIngress migrated = new NginxIncMigration(new MigrationOptions("nginx", Set.of("demo/feed")))
                .migrate("in.yaml", ingress, Map.of("chat", chat));
        assertThat(annotationsOf(migrated)).containsEntry("nginx.org/websocket-services", "chat,feed");
        assertThat(migrated.webSocketServices().get("chat")).hasValue("Service port appProtocol kubernetes.io/ws");
        assertThat(migrated.webSocketServices().get("feed")).hasValue("pinned by --websocket-service demo/feed");
        assertThat(migrated.webSocketServices().get("web")).isEmpty();

        Ingress optedOut = ingress(Map.of("wsroute.io/websocket", "false"), "/ws", "chat");
        assertThat(annotationsOf(new NginxIncMigration(OPTIONS).migrate("in.yaml", optedOut, Map.of("chat", chat))))
                .doesNotContainKey("nginx.org/websocket-services");
    }
}
