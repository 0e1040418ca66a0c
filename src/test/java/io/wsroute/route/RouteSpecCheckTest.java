package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.route.api.RouteAcceptedWarnings;
import io.wsroute.route.api.RouteGatewayRef;
import io.wsroute.route.api.RouteGrammar;
import io.wsroute.route.api.RoutePath;
import io.wsroute.route.api.RouteService;
import io.wsroute.route.api.RouteSessionAffinity;
import io.wsroute.route.api.RouteTimeouts;
import io.wsroute.route.api.RouteTls;
import io.wsroute.route.api.WebSocketRouteSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RouteSpecCheckTest {

    /** Ways to end an nginx directive, open a block, expand a variable or pull in code. */
    static final List<String> INJECTIONS = List.of(
            ";",
            "}",
            "{",
            "\n",
            "\r",
            "$",
            "\"",
            "'",
            "\\",
            " ",
            "#",
            "; include /etc/passwd",
            "} location / { return 200; }",
            "\nlua_code_cache off;",
            "${jndi:x}",
            "`id`");

    private static WebSocketRouteSpec base() {
        return Routes.spec("chat.example.com", "/ws", "chat", 8080);
    }

    /** One way to put a value into each user-supplied string field of a spec. */
    record Field(String name, Function<String, WebSocketRouteSpec> with) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Field> fields() {
        WebSocketRouteSpec b = base();
        RoutePath p = b.paths().get(0);
        return Stream.of(
                new Field(
                        "spec.host",
                        v -> new WebSocketRouteSpec(v, b.paths(), null, null, null, null, null, null, null)),
                new Field(
                        "spec.ingressClassName",
                        v -> new WebSocketRouteSpec(b.host(), b.paths(), v, null, null, null, null, null, null)),
                new Field(
                        "spec.paths[0].path",
                        v -> new WebSocketRouteSpec(
                                b.host(),
                                List.of(new RoutePath(v, null, p.service())),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)),
                new Field(
                        "spec.paths[0].service.name",
                        v -> new WebSocketRouteSpec(
                                b.host(),
                                List.of(new RoutePath(
                                        "/ws", null, new RouteService(v, new RouteService.Port(8080, null)))),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)),
                new Field(
                        "spec.paths[0].service.port.name",
                        v -> new WebSocketRouteSpec(
                                b.host(),
                                List.of(new RoutePath(
                                        "/ws", null, new RouteService("chat", new RouteService.Port(null, v)))),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)),
                new Field(
                        "spec.tls.secretName",
                        v -> new WebSocketRouteSpec(
                                b.host(), b.paths(), null, new RouteTls(v), null, null, null, null, null)),
                new Field(
                        "spec.timeouts.idle",
                        v -> new WebSocketRouteSpec(
                                b.host(), b.paths(), null, null, new RouteTimeouts(v, null), null, null, null, null)),
                new Field(
                        "spec.timeouts.send",
                        v -> new WebSocketRouteSpec(
                                b.host(), b.paths(), null, null, new RouteTimeouts(null, v), null, null, null, null)),
                new Field(
                        "spec.sessionAffinity.cookieName",
                        v -> new WebSocketRouteSpec(
                                b.host(),
                                b.paths(),
                                null,
                                null,
                                null,
                                new RouteSessionAffinity(RouteSessionAffinity.Type.Cookie, v),
                                null,
                                null,
                                null)),
                new Field(
                        "spec.allowedOrigins[0]",
                        v -> new WebSocketRouteSpec(
                                b.host(), b.paths(), null, null, null, null, List.of(v), null, null)),
                new Field(
                        "spec.sourceRanges[0]",
                        v -> new WebSocketRouteSpec(
                                b.host(), b.paths(), null, null, null, null, null, null, List.of(v))),
                new Field(
                        "spec.acceptedWarnings.rules[0]",
                        v -> new WebSocketRouteSpec(
                                b.host(),
                                b.paths(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                new RouteAcceptedWarnings(List.of(v), null))),
                new Field("spec.gatewayRef.name", v -> b.onGateway(new RouteGatewayRef(v, null, null))),
                new Field("spec.gatewayRef.namespace", v -> b.onGateway(new RouteGatewayRef("gw", v, null))),
                new Field("spec.gatewayRef.sectionName", v -> b.onGateway(new RouteGatewayRef("gw", null, v))));
    }

    /** A valid value of each field, so that an injection appended to it is what makes the difference. */
    private static String validValueOf(Field field) {
        return switch (field.name()) {
            case "spec.host" -> "chat.example.com";
            case "spec.ingressClassName" -> "nginx";
            case "spec.paths[0].path" -> "/ws";
            case "spec.paths[0].service.name" -> "chat";
            case "spec.paths[0].service.port.name" -> "ws";
            case "spec.tls.secretName" -> "chat-tls";
            case "spec.timeouts.idle", "spec.timeouts.send" -> "1h";
            case "spec.sessionAffinity.cookieName" -> "route";
            case "spec.allowedOrigins[0]" -> "https://app.example.com";
            case "spec.sourceRanges[0]" -> "10.0.0.0/8";
            case "spec.acceptedWarnings.rules[0]" -> "WS103";
            case "spec.gatewayRef.name" -> "gw";
            case "spec.gatewayRef.namespace" -> "infra";
            case "spec.gatewayRef.sectionName" -> "https";
            default -> throw new IllegalArgumentException(field.name());
        };
    }

    @Test
    void aMinimalSpecAndAFullSpecAreValid() {
        assertThat(RouteSpecCheck.problems(base())).isEmpty();
        for (Field field : fields().toList()) {
            assertThat(RouteSpecCheck.problems(field.with().apply(validValueOf(field))))
                    .as(field.name())
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("fields")
    void everyInjectionIntoEveryFieldIsRefusedNamingTheField(Field field) {
        List<String> accepted = new ArrayList<>();
        for (String injection : INJECTIONS) {
            for (String value : List.of(validValueOf(field) + injection, injection + validValueOf(field))) {
                List<String> problems = RouteSpecCheck.problems(field.with().apply(value));
                if (problems.stream().noneMatch(pr -> pr.startsWith(field.name() + ":"))) {
                    accepted.add(value);
                }
                assertThat(problems)
                        .allSatisfy(pr -> assertThat(pr).doesNotContain("\n").doesNotContain("\r"));
            }
        }
        assertThat(accepted).as("hostile values accepted in " + field.name()).isEmpty();
    }

    @Test
    void theCrdSchemaCarriesTheSamePatternsSoTheApiServerRefusesFirst() throws Exception {
        String crd = java.nio.file.Files.readString(CrdFileTest.COMMITTED);
        for (String pattern : List.of(
                RouteGrammar.HOST,
                RouteGrammar.SUBDOMAIN,
                RouteGrammar.SERVICE_NAME,
                RouteGrammar.PORT_NAME,
                RouteGrammar.PATH,
                RouteGrammar.DURATION,
                RouteGrammar.COOKIE_NAME,
                RouteGrammar.ORIGIN,
                RouteGrammar.CIDR,
                RouteGrammar.RULE_ID,
                RouteGrammar.NAMESPACE)) {
            String yamlEscaped = pattern.replace("\\", "\\\\");
            assertThat(crd).as(pattern).contains("pattern: \"" + yamlEscaped + "\"");
            assertThat(Pattern.compile(pattern).matcher("a;b").find()).isFalse();
        }
    }

    @Test
    void anAcceptedWarningsReasonIsOneLineAndTheListIsNeitherEmptyNorLong() throws Exception {
        WebSocketRouteSpec b = base();
        java.util.function.Function<RouteAcceptedWarnings, List<String>> problems = accepted -> RouteSpecCheck.problems(
                new WebSocketRouteSpec(b.host(), b.paths(), null, null, null, null, null, null, null, accepted));

        assertThat(problems.apply(new RouteAcceptedWarnings(List.of("WS103", "WS113"), "clients ping every 20 s")))
                .isEmpty();
        assertThat(problems.apply(new RouteAcceptedWarnings(List.of("WS103"), "two\nlines")))
                .singleElement()
                .asString()
                .startsWith("spec.acceptedWarnings.reason:");
        assertThat(problems.apply(new RouteAcceptedWarnings(List.of(), null)))
                .containsExactly("spec.acceptedWarnings.rules: at least one rule id is required");
        assertThat(problems.apply(new RouteAcceptedWarnings(java.util.Collections.nCopies(33, "WS103"), null)))
                .containsExactly("spec.acceptedWarnings.rules: at most 32 entries");
        String crd = java.nio.file.Files.readString(CrdFileTest.COMMITTED);
        assertThat(crd).contains("pattern: \"" + RouteGrammar.ONE_LINE.replace("\\", "\\\\") + "\"");
    }

    @Test
    void aRouteNamesAnIngressClassOrAGatewayNeverBoth() {
        WebSocketRouteSpec both = base().onGateway(new RouteGatewayRef("gw", "infra", null));
        both = new WebSocketRouteSpec(
                both.host(), both.paths(), "nginx", null, null, null, null, null, null, null, both.gatewayRef());
        assertThat(RouteSpecCheck.problems(both))
                .containsExactly("spec.gatewayRef: set either spec.ingressClassName or spec.gatewayRef, not both");
        assertThat(RouteSpecCheck.problems(base().onGateway(new RouteGatewayRef(null, null, null))))
                .containsExactly("spec.gatewayRef.name: required");
        assertThat(RouteSpecCheck.problems(base().onGateway(new RouteGatewayRef("gw", "Infra", null))))
                .singleElement()
                .asString()
                .startsWith("spec.gatewayRef.namespace:");
    }

    @Test
    void boundsTheSchemaCannotExpressAreChecked() {
        WebSocketRouteSpec b = base();
        assertThat(RouteSpecCheck.problems(new WebSocketRouteSpec(
                        b.host(),
                        List.of(new RoutePath(
                                "/ws", null, new RouteService("chat", new RouteService.Port(8080, "ws")))),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)))
                .containsExactly("spec.paths[0].service.port: set exactly one of number and name");
        assertThat(RouteSpecCheck.problems(new WebSocketRouteSpec(
                        b.host(), b.paths(), null, null, new RouteTimeouts("25h", "0s"), null, null, null, null)))
                .containsExactly(
                        "spec.timeouts.idle: 25h must be between 1s and 24h",
                        "spec.timeouts.send: 0s must be between 1s and 24h");
        assertThat(RouteSpecCheck.problems(new WebSocketRouteSpec(
                        b.host(),
                        b.paths(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of("300.1.1.1/8", "10.0.0.0/33", "::1/129", "2001:db8::/32"))))
                .containsExactly(
                        "spec.sourceRanges[0]: 300.1.1.1/8 is not a valid address range",
                        "spec.sourceRanges[1]: 10.0.0.0/33 is not a valid address range",
                        "spec.sourceRanges[2]: ::1/129 is not a valid address range");
        assertThat(RouteSpecCheck.problems(new WebSocketRouteSpec(
                        b.host(), List.of(b.paths().get(0), b.paths().get(0)), null, null, null, null, null, 0, null)))
                .containsExactly(
                        "spec.paths[1].path: /ws is listed twice",
                        "spec.maxConnectionsPerClient: must be between 1 and 100000, got 0");
        assertThat(RouteSpecCheck.problems(null)).containsExactly("spec: missing");
        assertThat(RouteSpecCheck.problems(
                        new WebSocketRouteSpec(null, null, null, null, null, null, null, null, null)))
                .containsExactly("spec.host: required", "spec.paths: at least one path is required");
    }
}
