package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.ControllerFlavor;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** WS104: when each controller redirects plain HTTP, as its annotations and spec.tls say. */
class RedirectRuleTest {

    /** flavour, TLS, annotations, the field of the WS104 finding (empty: no redirect). */
    static Stream<Arguments> redirects() {
        return Stream.of(
                Arguments.of(INGRESS_NGINX, false, List.of(), Optional.empty()),
                Arguments.of(INGRESS_NGINX, true, List.of(), Optional.of("spec.tls")),
                Arguments.of(
                        INGRESS_NGINX,
                        true,
                        List.of("nginx.ingress.kubernetes.io/ssl-redirect", "false"),
                        Optional.empty()),
                Arguments.of(
                        INGRESS_NGINX,
                        true,
                        List.of("nginx.ingress.kubernetes.io/ssl-redirect", "0"),
                        Optional.empty()),
                Arguments.of(
                        INGRESS_NGINX,
                        true,
                        List.of("nginx.ingress.kubernetes.io/ssl-redirect", "no"),
                        Optional.of("spec.tls")),
                Arguments.of(
                        INGRESS_NGINX,
                        true,
                        List.of("nginx.ingress.kubernetes.io/ssl-redirect", "true"),
                        Optional.of("nginx.ingress.kubernetes.io/ssl-redirect")),
                Arguments.of(
                        INGRESS_NGINX,
                        false,
                        List.of("nginx.ingress.kubernetes.io/force-ssl-redirect", "true"),
                        Optional.of("nginx.ingress.kubernetes.io/force-ssl-redirect")),
                Arguments.of(
                        INGRESS_NGINX,
                        true,
                        List.of(
                                "nginx.ingress.kubernetes.io/ssl-redirect",
                                "false",
                                "nginx.ingress.kubernetes.io/force-ssl-redirect",
                                "t"),
                        Optional.of("nginx.ingress.kubernetes.io/force-ssl-redirect")),
                Arguments.of(INGRESS_NGINX, true, List.of("nginx.org/ssl-redirect", "false"), Optional.of("spec.tls")),
                Arguments.of(NGINX_INC, false, List.of(), Optional.empty()),
                Arguments.of(NGINX_INC, true, List.of(), Optional.of("spec.tls")),
                Arguments.of(NGINX_INC, true, List.of("nginx.org/ssl-redirect", "False"), Optional.empty()),
                Arguments.of(NGINX_INC, true, List.of("ingress.kubernetes.io/ssl-redirect", "false"), Optional.empty()),
                Arguments.of(
                        NGINX_INC,
                        true,
                        List.of("nginx.org/ssl-redirect", "true", "ingress.kubernetes.io/ssl-redirect", "false"),
                        Optional.of("nginx.org/ssl-redirect")),
                Arguments.of(
                        NGINX_INC,
                        false,
                        List.of("nginx.org/redirect-to-https", "true"),
                        Optional.of("nginx.org/redirect-to-https")),
                Arguments.of(
                        NGINX_INC,
                        true,
                        List.of("nginx.ingress.kubernetes.io/ssl-redirect", "false"),
                        Optional.of("spec.tls")),
                Arguments.of(NGINX_INC, true, List.of("wsroute.io/wss-only", "true"), Optional.empty()));
    }

    /**
     * The ConfigMap's keys under the annotations: kubernetes/ingress-nginx internal/ingress/annotations/rewrite/main.go
     * Parse (an annotation Go cannot parse falls back to defaults.Backend SSLRedirect/ForceSSLRedirect, which the
     * ConfigMap sets); nginx/kubernetes-ingress internal/configs/annotations.go parseAnnotations over configmaps.go
     * ParseConfigMap (redirect-to-https, ssl-redirect, http-redirect-code).
     */
    static Stream<Arguments> configMapRedirects() {
        return Stream.of(
                Arguments.of(INGRESS_NGINX, true, List.of("ssl-redirect", "false"), List.of(), Optional.empty(), 0),
                Arguments.of(
                        INGRESS_NGINX,
                        true,
                        List.of("ssl-redirect", "false"),
                        List.of("nginx.ingress.kubernetes.io/ssl-redirect", "true"),
                        Optional.of("nginx.ingress.kubernetes.io/ssl-redirect"),
                        308),
                Arguments.of(
                        INGRESS_NGINX,
                        true,
                        List.of("ssl-redirect", "false"),
                        List.of("nginx.ingress.kubernetes.io/ssl-redirect", "yes"),
                        Optional.empty(),
                        0),
                Arguments.of(
                        INGRESS_NGINX,
                        false,
                        List.of("force-ssl-redirect", "true"),
                        List.of(),
                        Optional.of(Fixtures.CONFIG_MAP + " data[\"force-ssl-redirect\"]"),
                        308),
                Arguments.of(
                        INGRESS_NGINX,
                        false,
                        List.of("force-ssl-redirect", "true"),
                        List.of("nginx.ingress.kubernetes.io/force-ssl-redirect", "false"),
                        Optional.empty(),
                        0),
                Arguments.of(
                        INGRESS_NGINX,
                        true,
                        List.of("http-redirect-code", "301"),
                        List.of(),
                        Optional.of("spec.tls"),
                        301),
                Arguments.of(NGINX_INC, true, List.of("ssl-redirect", "false"), List.of(), Optional.empty(), 0),
                Arguments.of(
                        NGINX_INC,
                        false,
                        List.of("redirect-to-https", "true"),
                        List.of(),
                        Optional.of(Fixtures.CONFIG_MAP + " data[\"redirect-to-https\"]"),
                        301),
                Arguments.of(
                        NGINX_INC,
                        false,
                        List.of("redirect-to-https", "true", "http-redirect-code", "307"),
                        List.of("nginx.org/http-redirect-code", "308"),
                        Optional.of(Fixtures.CONFIG_MAP + " data[\"redirect-to-https\"]"),
                        308),
                Arguments.of(NGINX_INC, false, List.of("force-ssl-redirect", "true"), List.of(), Optional.empty(), 0));
    }

    @ParameterizedTest(name = "{0} tls={1} ConfigMap {2} annotations {3}")
    @MethodSource("configMapRedirects")
    void configMapRedirectsUnlessTheIngressSaysOtherwise(
            ControllerFlavor flavor,
            boolean tls,
            List<String> configMap,
            List<String> annotations,
            Optional<String> field,
            int code) {
        Fixtures ingress = healthy(flavor).configMap(configMap.toArray(String[]::new));
        if (tls) {
            ingress.tls();
        }
        for (int i = 0; i < annotations.size(); i += 2) {
            ingress.with(annotations.get(i), annotations.get(i + 1));
        }
        List<Finding> found = ingress.findings(Rule.WS104);
        if (field.isEmpty()) {
            assertThat(found).isEmpty();
            return;
        }
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.field())
                    .isEqualTo(field.get().startsWith("nginx.") ? Fixtures.annotation(field.get()) : field.get());
            assertThat(f.message()).contains("with " + code);
        });
    }

    @ParameterizedTest(name = "{0} tls={1} {2}")
    @MethodSource("redirects")
    void redirectFollowsTheControllersDefaults(
            ControllerFlavor flavor, boolean tls, List<String> annotations, Optional<String> cause) {
        Fixtures ingress = healthy(flavor);
        if (tls) {
            ingress.tls();
        }
        for (int i = 0; i < annotations.size(); i += 2) {
            ingress.with(annotations.get(i), annotations.get(i + 1));
        }
        List<Finding> found = ingress.findings(Rule.WS104);
        if (cause.isEmpty()) {
            assertThat(found).isEmpty();
            return;
        }
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.field())
                    .isEqualTo(cause.get().equals("spec.tls") ? "spec.tls" : Fixtures.annotation(cause.get()));
            assertThat(f.message()).contains("ws://");
            assertThat(f.fix()).contains("wss://").contains("wsroute.io/wss-only");
        });
    }

    /** nginx/kubernetes-ingress version1/nginx.ingress.tmpl: redirect-to-https tests $http_x_forwarded_proto. */
    @org.junit.jupiter.api.Test
    void f5RedirectToHttpsSaysItAnswersForwardedPlainHttp() {
        assertThat(healthy(NGINX_INC)
                        .with("nginx.org/redirect-to-https", "true")
                        .findings(Rule.WS104))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("X-Forwarded-Proto: http"));
    }
}
