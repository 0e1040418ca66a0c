package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.AnnotationCatalog.Standing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnnotationCatalogTest {

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
        "nginx.ingress.kubernetes.io/proxy-read-timeout, INGRESS_NGINX, KNOWN",
        "nginx.ingress.kubernetes.io/proxy-read-timeout, NGINX_INC, OTHER_FLAVOR",
        "nginx.org/websocket-services, NGINX_INC, KNOWN",
        "nginx.org/websocket-services, INGRESS_NGINX, OTHER_FLAVOR",
        "nginx.com/jwt-key, NGINX_INC, KNOWN",
        "nginx.com/jwt-key, INGRESS_NGINX, OTHER_FLAVOR",
        "nginx.ingress.kubernetes.io/websocket-services, INGRESS_NGINX, NONEXISTENT",
        "nginx.ingress.kubernetes.io/websocket-services, NGINX_INC, NONEXISTENT",
        "nginx.ingress.kubernetes.io/proxy-timeout, INGRESS_NGINX, UNKNOWN_NAME",
        "nginx.org/app-protect-policy, NGINX_INC, UNKNOWN_NAME",
        "ingress.kubernetes.io/ssl-redirect, NGINX_INC, KNOWN",
        "ingress.kubernetes.io/ssl-redirect, INGRESS_NGINX, LEGACY_PREFIX",
        "ingress.kubernetes.io/rewrite-target, NGINX_INC, LEGACY_PREFIX",
        "appprotect.f5.com/app-protect-policy, NGINX_INC, FOREIGN",
        "kubernetes.io/ingress.class, INGRESS_NGINX, FOREIGN"
    })
    void classifiesKeysForTheServingController(String key, ControllerFlavor serving, Standing standing) {
        assertThat(AnnotationCatalog.classify(key, serving)).isEqualTo(standing);
    }

    @Test
    void counterpartExistsOnlyWhenTheOtherControllerHasTheSameName() {
        assertThat(AnnotationCatalog.counterpart(ControllerFlavor.INGRESS_NGINX, "nginx.org/proxy-read-timeout"))
                .contains("nginx.ingress.kubernetes.io/proxy-read-timeout");
        assertThat(AnnotationCatalog.counterpart(ControllerFlavor.INGRESS_NGINX, "nginx.org/lb-method"))
                .isEmpty();
        assertThat(AnnotationCatalog.counterpart(ControllerFlavor.NGINX_INC, "ingress.kubernetes.io/ssl-redirect"))
                .contains("nginx.org/ssl-redirect");
    }

    @Test
    void snippetsPerController() {
        assertThat(AnnotationCatalog.isSnippet(
                        ControllerFlavor.INGRESS_NGINX, "nginx.ingress.kubernetes.io/modsecurity-snippet"))
                .isTrue();
        assertThat(AnnotationCatalog.isSnippet(ControllerFlavor.INGRESS_NGINX, "nginx.org/location-snippets"))
                .isFalse();
        assertThat(AnnotationCatalog.isSnippet(ControllerFlavor.NGINX_INC, "nginx.org/server-snippets"))
                .isTrue();
        assertThat(AnnotationCatalog.isSnippet(
                        ControllerFlavor.NGINX_INC, "nginx.ingress.kubernetes.io/server-snippet"))
                .isFalse();
    }

    @Test
    void eachTimeoutKeyBelongsToItsController() {
        for (ControllerFlavor flavor : ControllerFlavor.values()) {
            assertThat(AnnotationCatalog.knows(flavor, AnnotationCatalog.proxyReadTimeout(flavor)))
                    .isTrue();
            assertThat(AnnotationCatalog.knows(flavor, AnnotationCatalog.proxySendTimeout(flavor)))
                    .isTrue();
            assertThat(AnnotationCatalog.knows(flavor, AnnotationCatalog.sslRedirect(flavor)))
                    .isTrue();
            assertThat(AnnotationCatalog.knows(flavor, AnnotationCatalog.locationSnippet(flavor)))
                    .isTrue();
        }
    }
}
