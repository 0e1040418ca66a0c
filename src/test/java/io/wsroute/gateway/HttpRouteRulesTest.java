package io.wsroute.gateway;

import static io.wsroute.gateway.RouteFixture.ROUTE;
import static io.wsroute.gateway.RouteFixture.ROUTE_POLICY;
import static io.wsroute.gateway.RouteFixture.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HTTPRoute rule with a broken route (the finding, its severity and field) and a healthy near miss. Each row
 * cites the NGINX Gateway Fabric (nginx/nginx-gateway-fabric, v2.6.7 unless said otherwise) or Gateway API
 * (kubernetes-sigs/gateway-api) source the fact comes from.
 */
class HttpRouteRulesTest {

    record Bad(Rule rule, String why, RouteFixture fixture, String kind, String field) {
        @Override
        public String toString() {
            return rule + " " + why;
        }
    }

    record Good(Rule rule, String why, RouteFixture fixture) {
        @Override
        public String toString() {
            return rule + " " + why;
        }
    }

    static final String WSS_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: chat, namespace: apps}
            spec:
              ports: [{name: wss, port: 8080, appProtocol: kubernetes.io/wss}]
            """;

    static final String H2C_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: chat, namespace: apps}
            spec:
              ports: [{name: h2c, port: 8080, appProtocol: kubernetes.io/h2c}]
            """;

    static final String BACKEND_TLS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata: {name: chat-tls, namespace: apps}
            spec:
              targetRefs: [{group: "", kind: Service, name: chat, sectionName: %s}]
              validation: {hostname: chat.apps.svc, wellKnownCACertificates: System}
            """;

    static String policy(String name, String target, String timeout) {
        return """
                apiVersion: gateway.nginx.org/v1alpha1
                kind: ProxySettingsPolicy
                metadata: {name: %s, namespace: %s, creationTimestamp: "%s"}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: %s, name: %s}]
                  timeout: %s
                """.formatted(
                        name,
                        target.equals("Gateway") ? "infra" : "apps",
                        name.endsWith("old") ? "2026-01-01T00:00:00Z" : "2026-06-01T00:00:00Z",
                        target,
                        target.equals("Gateway") ? "gw" : "chat",
                        timeout);
    }

    static String withFilter(String filter) {
        return ROUTE.replace(
                "    backendRefs: [{name: chat, port: 8080}]",
                "    filters: [" + filter + "]\n    backendRefs: [{name: chat, port: 8080}]");
    }

    static String withTimeouts(String timeouts) {
        return ROUTE.replace(
                "    backendRefs: [{name: chat, port: 8080}]",
                "    timeouts: " + timeouts + "\n    backendRefs: [{name: chat, port: 8080}]");
    }

    static Stream<Bad> bad() {
        return Stream.of(
                // nginx/nginx-gateway-fabric internal/controller/nginx/config/policies/proxysettings/generator.go
                // proxySettingsTemplate: proxy_read_timeout is written only from a policy, so nginx's 60 s apply.
                new Bad(
                        Rule.WS130,
                        "no policy: nginx's 60 s",
                        healthy().policies(),
                        "HTTPRoute",
                        "spec.parentRefs[0] (ProxySettingsPolicy spec.timeout.read)"),
                // same generator: GenerateForHTTP (Gateway target) writes the http block, the route's
                // GenerateForLocation the location; nginx inherits, so the Gateway's 5m reaches the route.
                new Bad(
                        Rule.WS130,
                        "Gateway policy 5m, none on the route",
                        healthy().policies(policy("gw-old", "Gateway", "{read: 5m, send: 1h}")),
                        "HTTPRoute",
                        "spec.parentRefs[0] (ProxySettingsPolicy spec.timeout.read)"),
                // apis/v1alpha1/shared_types.go Duration: Pattern=`^[0-9]{1,4}(ms|s|m|h)?$`; proxysettings/validator.go
                // validateTimeouts -> genericValidator.ValidateNginxDuration: 86400s has five digits, refused.
                new Bad(
                        Rule.WS131,
                        "86400s refused",
                        healthy().policies(policy("chat-old", "HTTPRoute", "{read: 86400s}")),
                        "ProxySettingsPolicy",
                        "spec.timeout.read"),
                // internal/controller/state/graph/policies.go markConflictedPolicies (sorted by
                // ngfsort.LessClientObject: older first) + proxysettings/validator.go timeoutConflicts.
                new Bad(
                        Rule.WS131,
                        "newer policy setting read again is dropped",
                        healthy()
                                .policies(
                                        policy("chat-old", "HTTPRoute", "{connect: 5s, read: 1h, send: 1h}"),
                                        policy("chat-new", "HTTPRoute", "{read: 2h}")),
                        "ProxySettingsPolicy",
                        "spec"),
                // proxysettings/validator.go validateBusyBufferSizeRelationships: the whole policy is invalid.
                new Bad(
                        Rule.WS131,
                        "busyBuffersSize not above bufferSize invalidates the timeouts too",
                        healthy()
                                .policies(
                                        ROUTE_POLICY.replace(
                                                "timeout: {read: 1h, send: 1h}",
                                                "timeout: {read: 1h, send: 1h}\n  buffering: {bufferSize: 8k, busyBuffersSize: 4k}")),
                        "ProxySettingsPolicy",
                        "spec.buffering.busyBuffersSize"),
                // internal/controller/state/graph/backend_refs.go validateRouteBackendRefAppProtocol:
                // AppProtocolTypeWSS on an HTTP route without BackendTLSPolicy -> "missing corresponding
                // BackendTLSPolicy".
                new Bad(
                        Rule.WS132,
                        "wss without BackendTLSPolicy",
                        healthy().services(WSS_SERVICE),
                        "HTTPRoute",
                        "spec.rules[0].backendRefs[0]"),
                // backend_refs.go selectBackendTLSPolicyForService: a sectionName naming another port does not apply.
                new Bad(
                        Rule.WS132,
                        "BackendTLSPolicy for another port",
                        healthy().services(WSS_SERVICE).tlsPolicies(BACKEND_TLS.formatted("metrics")),
                        "HTTPRoute",
                        "spec.rules[0].backendRefs[0]"),
                // internal/controller/nginx/config/validation/common.go invalidHeaders {host, connection, upgrade},
                // used by graph/common_filter.go validateFilterHeaderModifierFields for set, add and remove.
                new Bad(
                        Rule.WS133,
                        "RequestHeaderModifier removes Upgrade",
                        healthy()
                                .route(withFilter(
                                        "{type: RequestHeaderModifier, requestHeaderModifier: {remove: [Upgrade]}}")),
                        "HTTPRoute",
                        "spec.rules[0].filters[0].requestHeaderModifier.remove[0]"),
                new Bad(
                        Rule.WS133,
                        "RequestHeaderModifier sets Connection: close",
                        healthy()
                                .route(withFilter("{type: RequestHeaderModifier, requestHeaderModifier:"
                                        + " {set: [{name: connection, value: close}]}}")),
                        "HTTPRoute",
                        "spec.rules[0].filters[0].requestHeaderModifier.set[0]"),
                // graph/common_filter.go validateFilterResponseHeaderModifier -> validateFilterHeaderModifier
                // (same invalidHeaders) and validateResponseHeaders (connection).
                new Bad(
                        Rule.WS133,
                        "ResponseHeaderModifier removes Connection",
                        healthy()
                                .route(withFilter("{type: ResponseHeaderModifier, responseHeaderModifier:"
                                        + " {remove: [Connection]}}")),
                        "HTTPRoute",
                        "spec.rules[0].filters[0].responseHeaderModifier.remove[0]"),
                // nginx/nginx-gateway-fabric v2.6.7 internal/controller/state/graph/backend_refs.go
                // validateRouteBackendRefAppProtocol: h2c on an HTTPRoute is refused ("nginx does not support proxying
                // to upstreams with http2 or h2c"); main after v2.6.7 internal/controller/nginx/config/servers.go
                // resolveProxyHTTPVersion: all backends kubernetes.io/h2c -> proxy_http_version 2, no Upgrade header.
                new Bad(
                        Rule.WS134,
                        "h2c backend on a marked WebSocket route",
                        healthy()
                                .services(H2C_SERVICE)
                                .route(
                                        ROUTE.replace(
                                                "metadata: {name: chat, namespace: apps}",
                                                "metadata: {name: chat, namespace: apps, annotations: {wsroute.io/websocket: \"true\"}}")),
                        "HTTPRoute",
                        "spec.rules[0].backendRefs[0]"),
                // kubernetes-sigs/gateway-api apis/v1/httproute_types.go HTTPRouteTimeouts (GEP-1742 deadlines);
                // NGF graph/httproute.go checkForUnsupportedHTTPFields: Timeouts is Forbidden (warned, ignored).
                new Bad(
                        Rule.WS135,
                        "timeouts.request 36000s (ingress2gateway's 10x proxy-read-timeout)",
                        healthy().route(withTimeouts("{request: 36000s}")),
                        "HTTPRoute",
                        "spec.rules[0].timeouts.request"),
                new Bad(
                        Rule.WS135,
                        "backendRequest on another implementation",
                        healthy().route(withTimeouts("{backendRequest: 1h30m}")).served(ParentGateway.Served.OTHER),
                        "HTTPRoute",
                        "spec.rules[0].timeouts.backendRequest"));
    }

    static Stream<Good> good() {
        return Stream.of(
                // proxysettings/generator.go: the route policy's read/send become the location's timeouts.
                new Good(Rule.WS130, "route policy 1h", healthy()),
                // nginx inheritance of the http-block include (GenerateForHTTP) into the location.
                new Good(
                        Rule.WS130,
                        "Gateway policy 24h, none on the route",
                        healthy().policies(policy("gw-old", "Gateway", "{read: 24h, send: 24h}"))),
                new Good(
                        Rule.WS130,
                        "other implementation: NGF policies do not matter",
                        healthy().policies().served(ParentGateway.Served.OTHER)),
                // shared_types.go Duration pattern: 24h has two digits and a unit.
                new Good(
                        Rule.WS131,
                        "24h accepted",
                        healthy().policies(policy("chat-old", "HTTPRoute", "{read: 24h, send: 24h}"))),
                // proxysettings/validator.go timeoutConflicts: different fields on one target do not conflict.
                new Good(
                        Rule.WS131,
                        "two policies, different fields",
                        healthy()
                                .policies(
                                        policy("chat-old", "HTTPRoute", "{read: 1h}"),
                                        policy("chat-new", "HTTPRoute", "{send: 1h}"))),
                // backend_refs.go validateRouteBackendRefAppProtocol: wss with a BackendTLSPolicy is accepted.
                new Good(
                        Rule.WS132,
                        "wss with a BackendTLSPolicy for its port",
                        healthy().services(WSS_SERVICE).tlsPolicies(BACKEND_TLS.formatted("wss"))),
                // common.go invalidHeaders does not contain other names.
                new Good(
                        Rule.WS133,
                        "RequestHeaderModifier on X-Forwarded-Prefix",
                        healthy()
                                .route(withFilter("{type: RequestHeaderModifier, requestHeaderModifier:"
                                        + " {set: [{name: X-Forwarded-Prefix, value: /ws}]}}"))),
                new Good(Rule.WS134, "ws backend", healthy()),
                // gateway-api httproute_types.go: a zero duration SHOULD disable the timeout.
                new Good(
                        Rule.WS135,
                        "timeouts.request 0s disables the deadline",
                        healthy().route(withTimeouts("{request: 0s}"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void brokenRouteIsReported(Bad bad) {
        List<Finding> found = bad.fixture().findings(bad.rule());

        assertThat(found).as("%s findings", bad.rule()).isNotEmpty();
        Finding finding = found.get(0);
        assertThat(finding.severity()).isEqualTo(bad.rule().severity());
        assertThat(finding.kind()).isEqualTo(bad.kind());
        assertThat(finding.field()).isEqualTo(bad.field());
        assertThat(finding.message()).isNotBlank();
        assertThat(finding.fix()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void nearMissIsNotReported(Good good) {
        assertThat(good.fixture().findings(good.rule())).isEmpty();
    }

    @Test
    void healthyWebSocketRouteHasNoFindingAtAll() {
        assertThat(healthy().findings()).isEmpty();
    }

    @Test
    void plainRouteIsLeftAlone() {
        RouteFixture plain = healthy()
                .policies()
                .services("""
                        apiVersion: v1
                        kind: Service
                        metadata: {name: chat, namespace: apps}
                        spec:
                          ports: [{name: http, port: 8080}]
                        """)
                .route(withFilter("{type: RequestHeaderModifier, requestHeaderModifier: {remove: [Upgrade]}}"));
        assertThat(new HttpRouteRules().evaluate(plain.review()).webSocket()).isFalse();
        assertThat(plain.findings()).isEmpty();
    }

    @Test
    void markerFalseOptsOutAndABadMarkerIsReported() {
        RouteFixture optedOut = healthy()
                .policies()
                .route(ROUTE.replace(
                        "metadata: {name: chat, namespace: apps}",
                        "metadata: {name: chat, namespace: apps, annotations: {wsroute.io/websocket: \"false\"}}"));
        assertThat(optedOut.findings()).isEmpty();
        RouteFixture bad = healthy()
                .route(ROUTE.replace(
                        "metadata: {name: chat, namespace: apps}",
                        "metadata: {name: chat, namespace: apps, annotations: {wsroute.io/websocket: \"yes\"}}"));
        assertThat(bad.findings()).extracting(Finding::rule).containsExactly("WS100");
    }

    @Test
    void defaultTimeoutMessageNamesTheSourceAndTheFixIsAValidDuration() {
        Finding finding = healthy().policies().findings(Rule.WS130).get(0);
        assertThat(finding.message()).contains("1m").contains("nginx's default").contains("infra/gw");
        assertThat(finding.fix()).contains("spec.timeout.read: 1h").contains("HTTPRoute, name: chat");
    }

    @Test
    void routePolicyWinsOverGatewayPolicyFieldByField() {
        // Gateway sets read 24h and send 5m; the route sets only read 1h: read 1h (route), send 5m (Gateway).
        List<Finding> found = healthy()
                .policies(
                        policy("gw-old", "Gateway", "{read: 24h, send: 5m}"),
                        policy("chat-old", "HTTPRoute", "{read: 1h}"))
                .findings(Rule.WS130);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).field()).endsWith("spec.timeout.send)");
        assertThat(found.get(0).message()).contains("5m").contains("infra/gw-old");
    }

    @Test
    void everyHttpRouteRuleHasABrokenAndAHealthyCase() {
        Set<Rule> bad = bad().map(Bad::rule).collect(Collectors.toSet());
        Set<Rule> good = good().map(Good::rule).collect(Collectors.toSet());
        assertThat(bad).isEqualTo(HttpRouteRules.RULES);
        assertThat(good).isEqualTo(HttpRouteRules.RULES);
    }
}
