package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.ingress;
import static io.wsroute.rules.Fixtures.review;
import static io.wsroute.rules.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DetectionAndRemediationTest {

    private final WebSocketRules rules = new WebSocketRules();

    @Test
    void plainIngressIsNotWebSocketAndGetsNothing() {
        IngressReview review = review(ingress(Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s")),
                INGRESS_NGINX);
        assertThat(rules.detect(review).webSocket()).isFalse();
        assertThat(rules.evaluate(review)).isEmpty();
        assertThat(rules.remediate(review).isEmpty()).isTrue();
    }

    @Test
    void annotationMarksWebSocket() {
        WebSocketDetection detection = rules.detect(review(ingress(Map.of("wsroute.io/websocket", "true")), INGRESS_NGINX));
        assertThat(detection.webSocket()).isTrue();
        assertThat(detection.services()).containsExactly("chat");
    }

    @Test
    void serviceAppProtocolMarksWebSocket() {
        var ws = new IngressReview(ingress(Map.of()), Map.of("chat", service("chat", "kubernetes.io/ws")),
                ControllerProfile.defaults(NGINX_INC));
        assertThat(rules.detect(ws).webSocket()).isTrue();
        assertThat(rules.detect(ws).reason()).contains("appProtocol");
        var http = new IngressReview(ingress(Map.of()), Map.of("chat", service("chat", "http")),
                ControllerProfile.defaults(NGINX_INC));
        assertThat(rules.detect(http).webSocket()).isFalse();
    }

    @Test
    void ownerRouteMarksWebSocket() {
        Ingress owned = ingress(Map.of());
        owned.getMetadata().getOwnerReferences().add(new OwnerReferenceBuilder().withApiVersion("wsroute.io/v1alpha1")
                .withKind("WebSocketRoute").withName("chat").withUid("1").withController(true).build());
        assertThat(rules.detect(review(owned, INGRESS_NGINX)).webSocket()).isTrue();
    }

    @Test
    void nginxIncServiceListMarksWebSocket() {
        assertThat(rules.detect(review(ingress(Map.of("nginx.org/websocket-services", "chat")), NGINX_INC)).webSocket())
                .isTrue();
    }

    @Test
    void optOutWinsOverEverySignal() {
        var review = new IngressReview(ingress(Map.of("wsroute.io/websocket", "false", "nginx.org/websocket-services",
                "chat")), Map.of("chat", service("chat", "kubernetes.io/wss")), ControllerProfile.defaults(NGINX_INC));
        assertThat(rules.detect(review).webSocket()).isFalse();
        assertThat(rules.evaluate(review)).isEmpty();
        assertThat(rules.remediate(review).isEmpty()).isTrue();
    }

    @Test
    void invalidMarkerIsReportedEvenWithoutOtherSignals() {
        assertThat(rules.evaluate(review(ingress(Map.of("wsroute.io/websocket", "yes")), INGRESS_NGINX)))
                .extracting(Finding::rule).containsExactly("WS100");
    }

    @Test
    void ingressNginxRemediationAddsIntegerTimeouts() {
        Remediation remediation = rules.remediate(review(ingress(Map.of("wsroute.io/websocket", "true")), INGRESS_NGINX));
        assertThat(remediation.annotationsToAdd()).containsExactly(
                Map.entry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600"),
                Map.entry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600"));
    }

    @Test
    void nginxIncRemediationListsServicesAndTls() {
        var review = new IngressReview(ingress(Map.of()), Map.of("chat", service("chat", "kubernetes.io/wss")),
                ControllerProfile.defaults(NGINX_INC));
        assertThat(rules.remediate(review).annotationsToAdd()).containsExactly(
                Map.entry("nginx.org/proxy-read-timeout", "3600s"),
                Map.entry("nginx.org/proxy-send-timeout", "3600s"),
                Map.entry("nginx.org/ssl-services", "chat"),
                Map.entry("nginx.org/websocket-services", "chat"));
    }

    @Test
    void remediationNeverOverwritesUserValues() {
        var review = review(ingress(Map.of("wsroute.io/websocket", "true",
                "nginx.ingress.kubernetes.io/proxy-read-timeout", "120")), INGRESS_NGINX);
        assertThat(rules.remediate(review).annotationsToAdd())
                .containsOnlyKeys("nginx.ingress.kubernetes.io/proxy-send-timeout");
    }

    @Test
    void remediationFollowsTheControllerConfigMap() {
        ControllerProfile http10 = ControllerConfigMaps.read(INGRESS_NGINX,
                Map.of("proxy-http-version", "1.0", "proxy-read-timeout", "3600", "proxy-send-timeout", "3600"),
                "ConfigMap x", false);
        assertThat(rules.remediate(review(ingress(Map.of("wsroute.io/websocket", "true")), http10)).annotationsToAdd())
                .containsExactly(Map.entry("nginx.ingress.kubernetes.io/proxy-http-version", "1.1"));
    }

    @ParameterizedTest
    @EnumSource(ControllerFlavor.class)
    void remediationIsIdempotentAndLeavesNoErrors(ControllerFlavor flavor) {
        Ingress ingress = ingress(Map.of());
        var services = Map.of("chat", service("chat", "kubernetes.io/ws"));
        ControllerProfile profile = ControllerProfile.defaults(flavor);
        Remediation first = rules.remediate(new IngressReview(ingress, services, profile));
        assertThat(first.isEmpty()).isFalse();

        Map<String, String> annotations = new HashMap<>(ingress.getMetadata().getAnnotations());
        annotations.putAll(first.annotationsToAdd());
        ingress.getMetadata().setAnnotations(annotations);
        IngressReview fixed = new IngressReview(ingress, services, profile);
        assertThat(rules.remediate(fixed).isEmpty()).isTrue();
        assertThat(rules.evaluate(fixed)).isEmpty();
    }
}
