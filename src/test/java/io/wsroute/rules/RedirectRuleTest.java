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
}
