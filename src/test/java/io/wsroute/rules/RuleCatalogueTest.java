package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.annotation;
import static io.wsroute.rules.Fixtures.healthy;
import static io.wsroute.rules.Fixtures.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.gateway.HttpRouteRules;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule with at least one broken Ingress (the finding, its severity, field and fix) and one healthy near miss
 * (no finding of that rule), one row per rule of README's rule table. The themed test
 * classes next to this one go into the details of each rule.
 */
class RuleCatalogueTest {

    /** A broken Ingress: the finding of {@code rule} it must produce, at {@code field}, with a fix containing {@code fix}. */
    record Bad(Rule rule, String why, Fixtures ingress, String field, String fix) {
        @Override
        public String toString() {
            return rule + " " + why;
        }
    }

    /** A healthy near miss: no finding of {@code rule}. */
    record Good(Rule rule, String why, Fixtures ingress) {
        @Override
        public String toString() {
            return rule + " " + why;
        }
    }

    static final String READ_IN = annotation("nginx.ingress.kubernetes.io/proxy-read-timeout");
    static final String SEND_IN = annotation("nginx.ingress.kubernetes.io/proxy-send-timeout");
    static final String READ_NIC = annotation("nginx.org/proxy-read-timeout");

    static Stream<Bad> bad() {
        return Stream.of(
                new Bad(
                        Rule.WS100,
                        "marker yes",
                        plain(INGRESS_NGINX).with("wsroute.io/websocket", "yes"),
                        annotation("wsroute.io/websocket"),
                        "\"true\""),
                new Bad(
                        Rule.WS101,
                        "3600s silently becomes 60",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s"),
                        READ_IN,
                        "\"3600\""),
                new Bad(
                        Rule.WS101,
                        "1h on send",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/proxy-send-timeout", "1h"),
                        SEND_IN,
                        "\"3600\""),
                new Bad(
                        Rule.WS102,
                        "not a time",
                        healthy(NGINX_INC).with("nginx.org/proxy-read-timeout", "one hour"),
                        READ_NIC,
                        "\"3600s\""),
                new Bad(
                        Rule.WS102,
                        "decimal",
                        healthy(NGINX_INC).with("nginx.org/proxy-read-timeout", "1.5h"),
                        READ_NIC,
                        "\"3600s\""),
                new Bad(
                        Rule.WS103,
                        "default 60 s",
                        healthy(INGRESS_NGINX).without("nginx.ingress.kubernetes.io/proxy-read-timeout"),
                        READ_IN,
                        "\"3600\""),
                new Bad(
                        Rule.WS103,
                        "nginx.org 90",
                        healthy(NGINX_INC).with("nginx.org/proxy-read-timeout", "90"),
                        READ_NIC,
                        "\"3600s\""),
                new Bad(
                        Rule.WS104,
                        "TLS default",
                        healthy(INGRESS_NGINX).tls(),
                        "spec.tls",
                        "nginx.ingress.kubernetes.io/ssl-redirect: \"false\""),
                new Bad(
                        Rule.WS104,
                        "force-ssl-redirect",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/force-ssl-redirect", "true"),
                        annotation("nginx.ingress.kubernetes.io/force-ssl-redirect"),
                        "wsroute.io/wss-only: \"true\""),
                new Bad(
                        Rule.WS104,
                        "redirect-to-https",
                        healthy(NGINX_INC).with("nginx.org/redirect-to-https", "True"),
                        annotation("nginx.org/redirect-to-https"),
                        "wss://"),
                new Bad(
                        Rule.WS105,
                        "annotation 1.0",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/proxy-http-version", "1.0"),
                        annotation("nginx.ingress.kubernetes.io/proxy-http-version"),
                        "\"1.1\""),
                new Bad(
                        Rule.WS105,
                        "snippet 1.0",
                        healthy(NGINX_INC).with("nginx.org/location-snippets", "proxy_http_version 1.0;"),
                        annotation("nginx.org/location-snippets"),
                        "remove `proxy_http_version 1.0`"),
                new Bad(
                        Rule.WS106,
                        "connection-proxy-header",
                        healthy(INGRESS_NGINX)
                                .with("nginx.ingress.kubernetes.io/connection-proxy-header", "keep-alive"),
                        annotation("nginx.ingress.kubernetes.io/connection-proxy-header"),
                        "remove"),
                new Bad(
                        Rule.WS106,
                        "snippet clears Upgrade",
                        healthy(NGINX_INC).with("nginx.org/location-snippets", "more_clear_input_headers Upgrade;"),
                        annotation("nginx.org/location-snippets"),
                        "remove `more_clear_input_headers Upgrade`"),
                new Bad(
                        Rule.WS107,
                        "gRPC, any case",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/backend-protocol", "grpc"),
                        annotation("nginx.ingress.kubernetes.io/backend-protocol"),
                        "HTTP"),
                new Bad(
                        Rule.WS107,
                        "grpc-services with http2",
                        healthy(NGINX_INC)
                                .with("nginx.org/grpc-services", "chat")
                                .configMap("http2", "true"),
                        annotation("nginx.org/grpc-services"),
                        "remove chat"),
                new Bad(
                        Rule.WS108,
                        "not listed",
                        healthy(NGINX_INC).without("nginx.org/websocket-services"),
                        annotation("nginx.org/websocket-services"),
                        "nginx.org/websocket-services: \"chat\""),
                new Bad(
                        Rule.WS109,
                        "names an unused Service",
                        healthy(NGINX_INC).with("nginx.org/websocket-services", "chat,billing"),
                        annotation("nginx.org/websocket-services"),
                        "\"chat\""),
                new Bad(
                        Rule.WS110,
                        "nginx.org on ingress-nginx",
                        healthy(INGRESS_NGINX).with("nginx.org/websocket-services", "chat"),
                        annotation("nginx.org/websocket-services"),
                        "remove"),
                new Bad(
                        Rule.WS110,
                        "ingress-nginx key on F5",
                        healthy(NGINX_INC).with("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600"),
                        READ_IN,
                        "nginx.org/proxy-read-timeout"),
                new Bad(
                        Rule.WS111,
                        "invented websocket-services",
                        healthy(NGINX_INC).with("nginx.ingress.kubernetes.io/websocket-services", "chat"),
                        annotation("nginx.ingress.kubernetes.io/websocket-services"),
                        "nginx.org/websocket-services"),
                new Bad(
                        Rule.WS111,
                        "legacy prefix",
                        healthy(INGRESS_NGINX).with("ingress.kubernetes.io/affinity", "cookie"),
                        annotation("ingress.kubernetes.io/affinity"),
                        "nginx.ingress.kubernetes.io/affinity"),
                new Bad(
                        Rule.WS112,
                        "snippets off",
                        healthy(INGRESS_NGINX)
                                .with(
                                        "nginx.ingress.kubernetes.io/configuration-snippet",
                                        "more_set_headers \"X: y\";"),
                        annotation("nginx.ingress.kubernetes.io/configuration-snippet"),
                        "remove"),
                new Bad(
                        Rule.WS112,
                        "F5 without -enable-snippets",
                        healthy(NGINX_INC).with("nginx.org/server-snippets", "gzip on;"),
                        annotation("nginx.org/server-snippets"),
                        "-enable-snippets"),
                new Bad(
                        Rule.WS113,
                        "socket.io path",
                        healthy(INGRESS_NGINX).onlyPath("/socket.io"),
                        "spec.rules[0].http.paths[0].backend.service",
                        "affinity: \"cookie\""),
                new Bad(
                        Rule.WS113,
                        "declared long-polling over three replicas",
                        healthy(NGINX_INC)
                                .with("wsroute.io/fallback-transport", "long-polling")
                                .replicas("chat", 3),
                        "spec.rules[0].http.paths[0].backend.service",
                        "nginx.org/lb-method: \"ip_hash\""),
                new Bad(
                        Rule.WS114,
                        "10 s shutdown",
                        healthy(INGRESS_NGINX)
                                .configMap("worker-shutdown-timeout", "10s", "proxy-read-timeout", "3600"),
                        Fixtures.CONFIG_MAP + " data[\"worker-shutdown-timeout\"]",
                        "240s"),
                new Bad(
                        Rule.WS115,
                        "wss on plain HTTP",
                        healthy(INGRESS_NGINX).service("chat", "kubernetes.io/wss"),
                        annotation("nginx.ingress.kubernetes.io/backend-protocol"),
                        "backend-protocol: \"HTTPS\""),
                new Bad(
                        Rule.WS115,
                        "wss not in ssl-services",
                        healthy(NGINX_INC).service("chat", "kubernetes.io/wss"),
                        annotation("nginx.org/ssl-services"),
                        "nginx.org/ssl-services: \"chat\""),
                new Bad(
                        Rule.WS116,
                        "unit in ConfigMap",
                        healthy(INGRESS_NGINX).configMap("proxy-read-timeout", "3600s"),
                        Fixtures.CONFIG_MAP + " data[\"proxy-read-timeout\"]",
                        "proxy-read-timeout"),
                new Bad(
                        Rule.WS117,
                        "snippet Connection close",
                        healthy(NGINX_INC).with("nginx.org/location-snippets", "proxy_set_header Connection close;"),
                        annotation("nginx.org/location-snippets"),
                        "remove `proxy_set_header Connection close`"),
                new Bad(
                        Rule.WS125,
                        "F5 ConfigMap time copied verbatim",
                        healthy(NGINX_INC).configMap("proxy-read-timeout", "1h 30m"),
                        Fixtures.CONFIG_MAP + " data[\"proxy-read-timeout\"]",
                        "proxy-read-timeout"),
                new Bad(
                        Rule.WS140,
                        "accepted warning no longer occurs",
                        healthy(INGRESS_NGINX).with("wsroute.io/accept", "WS113"),
                        annotation("wsroute.io/accept"),
                        "remove WS113"),
                new Bad(
                        Rule.WS141,
                        "letter O for zero",
                        healthy(INGRESS_NGINX).with("wsroute.io/accept", "WS1O3"),
                        annotation("wsroute.io/accept"),
                        "\"WS103,WS113\""),
                new Bad(
                        Rule.WS142,
                        "an error id",
                        healthy(INGRESS_NGINX)
                                .with("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s")
                                .with("wsroute.io/accept", "WS101"),
                        annotation("wsroute.io/accept"),
                        "remove WS101"),
                new Bad(
                        Rule.WS118,
                        "ssl-passthrough not a boolean drops the Ingress",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/ssl-passthrough", "yes"),
                        annotation("nginx.ingress.kubernetes.io/ssl-passthrough"),
                        "a boolean"),
                new Bad(
                        Rule.WS118,
                        "negative timeout refused by nginx",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/proxy-read-timeout", "-1"),
                        annotation("nginx.ingress.kubernetes.io/proxy-read-timeout"),
                        "non-negative"),
                new Bad(
                        Rule.WS122,
                        "invalid source range denies the location",
                        healthy(INGRESS_NGINX)
                                .with("nginx.ingress.kubernetes.io/whitelist-source-range", "10.0.0.0/8;"),
                        annotation("nginx.ingress.kubernetes.io/whitelist-source-range"),
                        "IP addresses or CIDR networks"),
                new Bad(
                        Rule.WS117,
                        "proxy-set-headers Connection close",
                        healthy(NGINX_INC).with("nginx.org/proxy-set-headers", "Connection: close"),
                        annotation("nginx.org/proxy-set-headers"),
                        "remove the Connection entry"),
                new Bad(
                        Rule.WS118,
                        "F5 rejects a non-boolean",
                        healthy(NGINX_INC).with("nginx.org/redirect-to-https", "yes"),
                        annotation("nginx.org/redirect-to-https"),
                        "\"true\" or \"false\""),
                new Bad(
                        Rule.WS143,
                        "passthrough with an idle timeout nginx never applies to TLS connections",
                        healthy(INGRESS_NGINX)
                                .onlyPath("/")
                                .with("nginx.ingress.kubernetes.io/ssl-passthrough", "true"),
                        annotation("nginx.ingress.kubernetes.io/ssl-passthrough"),
                        "remove nginx.ingress.kubernetes.io/proxy-read-timeout"),
                new Bad(
                        Rule.WS144,
                        "passthrough sends /ws's TLS connections to the / Service",
                        healthy(INGRESS_NGINX)
                                .with("nginx.ingress.kubernetes.io/ssl-passthrough", "true")
                                .path("/", "web", 8443),
                        "spec.rules[0].http.paths[0].backend.service",
                        "a host of its own"));
    }

    static Stream<Good> good() {
        return Stream.of(
                new Good(Rule.WS100, "marker false", plain(INGRESS_NGINX).with("wsroute.io/websocket", "false")),
                new Good(
                        Rule.WS101,
                        "integer seconds",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/proxy-read-timeout", "7200")),
                new Good(
                        Rule.WS102,
                        "compound nginx time",
                        healthy(NGINX_INC).with("nginx.org/proxy-read-timeout", "1h 30m")),
                new Good(Rule.WS102, "bare seconds", healthy(NGINX_INC).with("nginx.org/proxy-read-timeout", "3600")),
                new Good(
                        Rule.WS103,
                        "ConfigMap raises it",
                        healthy(INGRESS_NGINX)
                                .without("nginx.ingress.kubernetes.io/proxy-read-timeout")
                                .without("nginx.ingress.kubernetes.io/proxy-send-timeout")
                                .configMap("proxy-read-timeout", "7200", "proxy-send-timeout", "7200")),
                new Good(
                        Rule.WS104,
                        "TLS with wss-only",
                        healthy(INGRESS_NGINX).tls().with("wsroute.io/wss-only", "true")),
                new Good(
                        Rule.WS104,
                        "TLS, redirect off",
                        healthy(NGINX_INC).tls().with("nginx.org/ssl-redirect", "false")),
                new Good(
                        Rule.WS104,
                        "no TLS",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/ssl-redirect", "true")),
                new Good(
                        Rule.WS105,
                        "annotation 1.1 over ConfigMap 1.0",
                        healthy(INGRESS_NGINX)
                                .configMap("proxy-http-version", "1.0", "proxy-read-timeout", "3600")
                                .with("nginx.ingress.kubernetes.io/proxy-http-version", "1.1")),
                new Good(
                        Rule.WS106,
                        "Connection from the map",
                        healthy(NGINX_INC)
                                .profile(ControllerProfile.defaults(NGINX_INC).withSnippetsAllowed(true))
                                .with(
                                        "nginx.org/location-snippets",
                                        "proxy_set_header Connection $connection_upgrade;")),
                new Good(
                        Rule.WS107,
                        "HTTPS backend",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS")),
                new Good(
                        Rule.WS107,
                        "grpc-services names a non-WebSocket Service",
                        healthy(NGINX_INC)
                                .without("wsroute.io/websocket")
                                .path("/grpc", "rpc", 9090)
                                .with("nginx.org/grpc-services", "rpc")),
                new Good(
                        Rule.WS107,
                        "grpc-services without http2 is ignored",
                        healthy(NGINX_INC).with("nginx.org/grpc-services", "chat")),
                new Good(
                        Rule.WS108,
                        "listed with another",
                        healthy(NGINX_INC).path("/api", "api", 80).with("nginx.org/websocket-services", "api,chat")),
                new Good(
                        Rule.WS109,
                        "no spaces, all backends",
                        healthy(NGINX_INC).path("/api", "api", 80).with("nginx.org/websocket-services", "chat,api")),
                new Good(
                        Rule.WS110,
                        "own prefix",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/affinity", "cookie")),
                new Good(
                        Rule.WS111,
                        "F5 reads the legacy ssl-redirect",
                        healthy(NGINX_INC).with("ingress.kubernetes.io/ssl-redirect", "false")),
                new Good(
                        Rule.WS111,
                        "other tools' annotations",
                        healthy(INGRESS_NGINX).with("cert-manager.io/cluster-issuer", "letsencrypt")),
                new Good(
                        Rule.WS112,
                        "both gates open",
                        healthy(INGRESS_NGINX)
                                .configMap(
                                        "allow-snippet-annotations",
                                        "true",
                                        "annotations-risk-level",
                                        "Critical",
                                        "proxy-read-timeout",
                                        "3600")
                                .with(
                                        "nginx.ingress.kubernetes.io/configuration-snippet",
                                        "more_set_headers \"X: y\";")),
                new Good(
                        Rule.WS113,
                        "socket.io with cookie affinity",
                        healthy(INGRESS_NGINX)
                                .onlyPath("/socket.io")
                                .with("nginx.ingress.kubernetes.io/affinity", "cookie")),
                new Good(
                        Rule.WS113,
                        "plain WebSocket over three replicas: one TCP connection needs no affinity",
                        healthy(INGRESS_NGINX).replicas("chat", 3)),
                new Good(
                        Rule.WS113,
                        "replicas with hash lb-method",
                        healthy(NGINX_INC)
                                .onlyPath("/socket.io")
                                .replicas("chat", 3)
                                .with("nginx.org/lb-method", "hash $remote_addr consistent")),
                new Good(Rule.WS114, "default 240 s", healthy(INGRESS_NGINX)),
                new Good(Rule.WS114, "F5 default: unset", healthy(NGINX_INC).configMap("proxy-read-timeout", "1h")),
                new Good(
                        Rule.WS115,
                        "wss with HTTPS",
                        healthy(INGRESS_NGINX)
                                .service("chat", "kubernetes.io/wss")
                                .with("nginx.ingress.kubernetes.io/backend-protocol", "https")),
                new Good(
                        Rule.WS115,
                        "wss in ssl-services",
                        healthy(NGINX_INC).service("chat", "kubernetes.io/wss").with("nginx.org/ssl-services", "chat")),
                new Good(
                        Rule.WS116,
                        "valid ConfigMap",
                        healthy(INGRESS_NGINX)
                                .configMap("proxy-read-timeout", "3600", "worker-shutdown-timeout", "5m")),
                new Good(
                        Rule.WS117,
                        "empty Connection is not sent",
                        healthy(NGINX_INC)
                                .profile(ControllerProfile.defaults(NGINX_INC).withSnippetsAllowed(true))
                                .with("nginx.org/location-snippets", "proxy_set_header Connection \"\";")),
                new Good(
                        Rule.WS125,
                        "F5 ConfigMap time in one piece",
                        healthy(NGINX_INC).configMap("proxy-read-timeout", "1h30m", "proxy-send-timeout", "3600")),
                new Good(
                        Rule.WS140,
                        "the accepted warning occurs",
                        healthy(INGRESS_NGINX)
                                .with("nginx.ingress.kubernetes.io/proxy-read-timeout", "60")
                                .with("wsroute.io/accept", "WS103")),
                new Good(
                        Rule.WS141,
                        "ids with spaces after commas",
                        healthy(INGRESS_NGINX)
                                .with("nginx.ingress.kubernetes.io/proxy-read-timeout", "60")
                                .with("wsroute.io/accept", "WS103, WS103")),
                new Good(
                        Rule.WS142,
                        "a warning id",
                        healthy(INGRESS_NGINX)
                                .with("nginx.ingress.kubernetes.io/proxy-read-timeout", "60")
                                .with("wsroute.io/accept", "WS103")),
                new Good(
                        Rule.WS143,
                        "passthrough with no HTTP-level annotation",
                        healthy(INGRESS_NGINX)
                                .onlyPath("/")
                                .without("nginx.ingress.kubernetes.io/proxy-read-timeout")
                                .without("nginx.ingress.kubernetes.io/proxy-send-timeout")
                                .with("nginx.ingress.kubernetes.io/ssl-passthrough", "true")),
                new Good(
                        Rule.WS144,
                        "passthrough with the WebSocket on the / path",
                        healthy(INGRESS_NGINX)
                                .onlyPath("/")
                                .with("nginx.ingress.kubernetes.io/ssl-passthrough", "true")),
                new Good(
                        Rule.WS118,
                        "ssl-passthrough as Go reads booleans",
                        healthy(INGRESS_NGINX).with("nginx.ingress.kubernetes.io/ssl-passthrough", "False")),
                new Good(
                        Rule.WS122,
                        "valid source ranges",
                        healthy(INGRESS_NGINX)
                                .with("nginx.ingress.kubernetes.io/whitelist-source-range", "10.0.0.0/8, 192.168.0.1")),
                new Good(
                        Rule.WS118,
                        "F5 reads True as a boolean",
                        healthy(NGINX_INC).with("nginx.org/proxy-buffering", "True")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void brokenIngressIsReported(Bad bad) {
        List<Finding> found = bad.ingress().findings(bad.rule());

        assertThat(found).as("%s findings of %s", bad.rule(), bad.ingress()).isNotEmpty();
        Finding finding = found.get(0);
        assertThat(finding.severity()).isEqualTo(bad.rule().severity());
        assertThat(finding.field()).isEqualTo(bad.field());
        assertThat(finding.fix()).contains(bad.fix());
        assertThat(finding.message()).isNotBlank();
        assertThat(List.of(finding.kind(), finding.namespace(), finding.name()))
                .containsExactly("Ingress", "apps", "chat");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void nearMissIsNotReported(Good good) {
        assertThat(good.ingress().findings(good.rule()))
                .as("%s", good.ingress())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ControllerFlavor.class)
    void healthyWebSocketIngressHasNoFindingAtAll(ControllerFlavor flavor) {
        assertThat(healthy(flavor).findings()).isEmpty();
    }

    @Test
    void everyRuleHasABrokenAndAHealthyCase() {
        // HTTPRoute rules have their own catalogue (gateway.HttpRouteRulesTest).
        Set<Rule> all = EnumSet.complementOf(EnumSet.copyOf(HttpRouteRules.RULES));
        assertThat(bad().map(Bad::rule).collect(Collectors.toSet())).isEqualTo(all);
        assertThat(good().map(Good::rule).collect(Collectors.toSet())).isEqualTo(all);
    }
}
