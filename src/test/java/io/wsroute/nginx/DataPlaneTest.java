package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every flavour has one plane, and what a plane says about its own keys agrees with its own catalogue. */
class DataPlaneTest {

    @ParameterizedTest
    @EnumSource(ControllerFlavor.class)
    void everyFlavourHasItsOwnPlane(ControllerFlavor flavor) {
        assertThat(flavor.plane().flavor()).isEqualTo(flavor);
    }

    @ParameterizedTest
    @EnumSource(ControllerFlavor.class)
    void theKeysAPlaneNamesAreKeysItReads(ControllerFlavor flavor) {
        DataPlane plane = flavor.plane();
        Stream.concat(
                        Stream.of(
                                plane.locationSnippet(),
                                plane.proxyReadTimeout(),
                                plane.proxySendTimeout(),
                                plane.sslRedirect(),
                                plane.forceSslRedirect()),
                        Stream.concat(plane.legacySslRedirect().stream(), plane.webSocketServices().stream()))
                .forEach(key -> {
                    assertThat(plane.reads(key)).as(key).isTrue();
                    assertThat(AnnotationCatalog.classify(key, flavor))
                            .as(key)
                            .isEqualTo(AnnotationCatalog.Standing.KNOWN);
                });
        assertThat(plane.isSnippet(plane.locationSnippet())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ControllerFlavor.class)
    void noPlaneReadsAnotherPlanesPrefix(ControllerFlavor flavor) {
        for (ControllerFlavor other : ControllerFlavor.values()) {
            if (other != flavor) {
                String key = other.plane().proxyReadTimeout();
                assertThat(flavor.plane().reads(key)).as(key).isFalse();
                assertThat(flavor.plane().ownsPrefix(key)).as(key).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ControllerFlavor.class)
    void timeoutsAreWrittenInTheSyntaxTheControllerReadsBack(ControllerFlavor flavor) {
        TimeoutSyntax syntax = flavor.plane().timeoutSyntax();
        Duration hour = Duration.ofHours(1);
        assertThat(syntax.parse(syntax.format(hour))).contains(hour);
        assertThat(NginxTime.formatTimeout(flavor, hour)).isEqualTo(syntax.format(hour));
    }

    @Test
    void eachControllerSpellsTimeoutsItsOwnWay() {
        // ingress-nginx: strconv.Atoi (internal/ingress/annotations/parser/main.go GetIntAnnotation);
        // F5: ParseTime (nginx/kubernetes-ingress internal/configs/parsing_helpers.go).
        assertThat(ControllerFlavor.INGRESS_NGINX.plane().timeoutSyntax().parse("3600s"))
                .isEmpty();
        assertThat(ControllerFlavor.NGINX_INC.plane().timeoutSyntax().parse("1h"))
                .contains(Duration.ofHours(1));
    }

    @Test
    void onlyTheFlagGatedControllerTakesSnippetsFromItsFlag() {
        for (ControllerFlavor flavor : ControllerFlavor.values()) {
            DataPlane plane = flavor.plane();
            boolean fromFlag = plane.snippetGate() == SnippetGate.CONTROLLER_FLAG;
            assertThat(plane.defaults(true).snippetsAllowed())
                    .as(flavor.cliName())
                    .isEqualTo(fromFlag);
            assertThat(plane.defaults(false).snippetsAllowed()).isFalse();
            assertThat(plane.readConfigMap(Map.of(), "test", true).snippetsAllowed())
                    .as(flavor.cliName())
                    .isEqualTo(fromFlag);
            assertThat(plane.defaults(false).fromDefaults()).isTrue();
        }
    }

    @Test
    void ingressNginxWritesAccessSettingsAsAnnotations() {
        RouteAccess access = new RouteAccess(Optional.of("route"), Optional.of(10), List.of("10.0.0.0/8"), "", "");
        AccessPlan plan = ControllerFlavor.INGRESS_NGINX
                .plane()
                .planAccess(access, ControllerProfile.defaults(ControllerFlavor.INGRESS_NGINX));
        assertThat(plan.annotations())
                .containsEntry(IngressNginxAnnotations.AFFINITY, "cookie")
                .containsEntry(IngressNginxAnnotations.SESSION_COOKIE_NAME, "route")
                .containsEntry(IngressNginxAnnotations.LIMIT_CONNECTIONS, "10")
                .containsEntry(IngressNginxAnnotations.WHITELIST_SOURCE_RANGE, "10.0.0.0/8");
        assertThat(plan.notEnforced()).isEmpty();
    }

    @Test
    void theF5ControllerReportsWhatItCannotEnforceWithoutSnippets() {
        RouteAccess access = new RouteAccess(
                Optional.empty(), Optional.of(10), List.of("10.0.0.0/8"), "", "allow 10.0.0.0/8;\ndeny all;\n");
        AccessPlan plan = ControllerFlavor.NGINX_INC
                .plane()
                .planAccess(access, ControllerProfile.defaults(ControllerFlavor.NGINX_INC));
        assertThat(plan.annotations()).isEmpty();
        assertThat(plan.notEnforced())
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith("spec.maxConnectionsPerClient"))
                .anySatisfy(line -> assertThat(line).startsWith("spec.allowedOrigins/spec.sourceRanges"));
    }

    @Test
    void eachControllerReadsItsConfigMapRedirectsItsOwnWay() {
        // kubernetes/ingress-nginx controller-v1.15.1 internal/ingress/controller/config/config.go NewDefault
        // (HTTPRedirectCode 308); internal/ingress/controller/template/configmap.go ReadConfig (WeaklyTypedInput: "" is
        // false)
        assertThat(ControllerFlavor.INGRESS_NGINX.plane().configMapRedirects())
                .isEqualTo(new ConfigMapRedirects.Dialect("force-ssl-redirect", 308, true));
        // nginx/kubernetes-ingress v5.5.4 internal/configs/config_params.go NewDefaultConfigParams (HTTPRedirectCode
        // 301); internal/configs/configmaps.go ParseConfigMap (GetMapKeyAsBool "redirect-to-https": ParseBool)
        assertThat(ControllerFlavor.NGINX_INC.plane().configMapRedirects())
                .isEqualTo(new ConfigMapRedirects.Dialect("redirect-to-https", 301, false));
        for (ControllerFlavor flavor : ControllerFlavor.values()) {
            DataPlane plane = flavor.plane();
            assertThat(plane.defaults(false).redirects())
                    .as(flavor.cliName())
                    .isEqualTo(ConfigMapRedirects.defaults(plane.configMapRedirects()));
        }
    }

    @Test
    void onlyTheF5ControllerMergesIngresses() {
        Map<String, String> minion = Map.of("nginx.org/mergeable-ingress-type", "minion");
        // nginx/kubernetes-ingress v5.5.4 internal/k8s/utils.go isMinion
        assertThat(ControllerFlavor.NGINX_INC.plane().isMergeableMinion(minion)).isTrue();
        assertThat(ControllerFlavor.NGINX_INC.plane().isMergeableMinion(Map.of()))
                .isFalse();
        assertThat(ControllerFlavor.INGRESS_NGINX.plane().isMergeableMinion(minion))
                .isFalse();
        assertThat(ControllerFlavor.INGRESS_NGINX
                        .plane()
                        .droppedByMergeable(
                                "nginx.ingress.kubernetes.io/ssl-redirect",
                                minion,
                                ControllerProfile.defaults(ControllerFlavor.INGRESS_NGINX)))
                .isFalse();
    }

    @Test
    void onlyIngressNginxShipsAnAdmissionWebhook() {
        // kubernetes/ingress-nginx controller-v1.15.1 internal/admission/controller/main.go; the F5 chart has none
        assertThat(ControllerFlavor.INGRESS_NGINX.plane().hasAdmissionWebhook()).isTrue();
        assertThat(ControllerFlavor.NGINX_INC.plane().hasAdmissionWebhook()).isFalse();
    }

    @Test
    void eachControllerGetsTheUpgradeAnnotationsItReads() {
        UpgradeNeeds needs =
                new UpgradeNeeds("1.0", true, new TreeSet<>(Set.of("chat", "feed")), new TreeSet<>(Set.of("feed")));
        assertThat(ControllerFlavor.INGRESS_NGINX.plane().upgradeAnnotations(needs))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "nginx.ingress.kubernetes.io/proxy-http-version", "1.1",
                        "nginx.ingress.kubernetes.io/backend-protocol", "HTTPS"));
        assertThat(ControllerFlavor.NGINX_INC.plane().upgradeAnnotations(needs))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "nginx.org/websocket-services", "chat,feed",
                        "nginx.org/ssl-services", "feed"));
        UpgradeNeeds nothing = new UpgradeNeeds("1.1", false, new TreeSet<>(), new TreeSet<>());
        for (ControllerFlavor flavor : ControllerFlavor.values()) {
            assertThat(flavor.plane().upgradeAnnotations(nothing))
                    .as(flavor.cliName())
                    .isEmpty();
            flavor.plane()
                    .upgradeAnnotations(needs)
                    .keySet()
                    .forEach(
                            key -> assertThat(flavor.plane().reads(key)).as(key).isTrue());
        }
    }
}
