package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static io.wsroute.rules.Fixtures.plain;

import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.live.ControllerTemplate;
import io.wsroute.nginx.live.NginxIncTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** F5 NGINX Ingress Controller: its template on real nginx, for Ingresses the rules accept and reject. */
class NginxIncOnRealNginxTest extends RealNginxProof {

    static final Set<Rule> PROVEN =
            Set.of(Rule.WS100, Rule.WS102, Rule.WS108, Rule.WS109, Rule.WS112, Rule.WS115, Rule.WS118, Rule.WS125);

    /** Warnings whose claim nginx itself decides, each shown by an accepted case that carries it. */
    static final Set<Rule> SHOWN = Set.of(Rule.WS103, Rule.WS104);

    private static final String PREFIX = "nginx.org/";
    private static final String MARKER = "wsroute.io/websocket";

    @Override
    ControllerTemplate template() {
        return new NginxIncTemplate();
    }

    @Override
    Set<Rule> proves() {
        return PROVEN;
    }

    @Override
    Set<Rule> shows() {
        return SHOWN;
    }

    @Override
    Map<String, Fixtures> fixtures() {
        Map<String, Fixtures> cases = new LinkedHashMap<>();
        // accepted
        cases.put("healthy", healthy(NGINX_INC));
        cases.put("marker-remediated", remediated(plain(NGINX_INC).with(MARKER, "true")));
        cases.put("appprotocol-remediated", remediated(plain(NGINX_INC).service("chat", "kubernetes.io/ws")));
        cases.put("wss-backend-remediated", remediated(plain(NGINX_INC).service("chat", "kubernetes.io/wss")));
        cases.put(
                "global-timeouts",
                plain(NGINX_INC)
                        .with(PREFIX + "websocket-services", "chat")
                        .configMap("proxy-read-timeout", "1h", "proxy-send-timeout", "1h"));
        cases.put(
                "harmless-snippet",
                healthy(NGINX_INC)
                        .profile(ControllerProfile.defaults(NGINX_INC).withSnippetsAllowed(true))
                        .with(PREFIX + "location-snippets", "add_header X-Chat on;"));
        // parsing_helpers.go ParseTime drops the space of an annotation's "1h 30m"
        cases.put(
                "annotation-compound-timeout",
                healthy(NGINX_INC)
                        .with(PREFIX + "proxy-read-timeout", "1h 30m")
                        .with(PREFIX + "proxy-send-timeout", "1h 30m"));
        // configmaps.go ParseConfigMap ssl-redirect: off, so a TLS host takes ws://
        cases.put("configmap-ssl-redirect-off", healthy(NGINX_INC).tls().configMap("ssl-redirect", "false"));
        // the ConfigMap's location-snippets reach every location without the -enable-snippets flag
        cases.put(
                "configmap-location-snippets",
                healthy(NGINX_INC).configMap("location-snippets", "add_header X-Everywhere on;"));
        // accepted with warnings whose claims the observation must bear out
        cases.put("default-timeouts-ws103", plain(NGINX_INC).with(PREFIX + "websocket-services", "chat"));
        cases.put("tls-redirect-ws104", healthy(NGINX_INC).tls());
        // nginx.ingress.tmpl: redirect-to-https answers X-Forwarded-Proto: http, from the annotation or ConfigMap
        cases.put("redirect-to-https-ws104", healthy(NGINX_INC).with(PREFIX + "redirect-to-https", "true"));
        cases.put(
                "configmap-redirect-to-https-ws104",
                healthy(NGINX_INC).configMap("redirect-to-https", "true", "http-redirect-code", "308"));
        // rejected
        cases.put(
                "bad-marker-ws100",
                plain(NGINX_INC)
                        .with(MARKER, "yes")
                        .with(PREFIX + "proxy-read-timeout", "1h")
                        .with(PREFIX + "proxy-send-timeout", "1h"));
        cases.put("timeout-not-time-ws102", healthy(NGINX_INC).with(PREFIX + "proxy-read-timeout", "1 hour"));
        cases.put(
                "service-not-listed-ws108",
                plain(NGINX_INC)
                        .with(MARKER, "true")
                        .with(PREFIX + "proxy-read-timeout", "1h")
                        .with(PREFIX + "proxy-send-timeout", "1h"));
        cases.put(
                "list-with-space-ws109",
                healthy(NGINX_INC).path("/ws2", "chat2", 8080).with(PREFIX + "websocket-services", "chat, chat2"));
        cases.put("unknown-service-ws109", healthy(NGINX_INC).with(PREFIX + "websocket-services", "chat,other"));
        cases.put(
                "snippet-refused-ws112",
                healthy(NGINX_INC).with(PREFIX + "location-snippets", "add_header X-Chat on;"));
        cases.put("wss-over-http-ws115", healthy(NGINX_INC).service("chat", "kubernetes.io/wss"));
        // configmaps.go copies the ConfigMap's proxy-read-timeout unparsed: two arguments to nginx
        cases.put(
                "configmap-verbatim-timeout-ws125",
                plain(NGINX_INC)
                        .with(PREFIX + "websocket-services", "chat")
                        .configMap("proxy-read-timeout", "1h 30m", "proxy-send-timeout", "1h"));
        // the ConfigMap's location-snippets repeat proxy_http_version in every location: nginx refuses
        cases.put(
                "configmap-location-snippets-ws105",
                healthy(NGINX_INC).configMap("location-snippets", "proxy_http_version 1.0;"));
        // internal/configs/parsing_helpers.go ParseLBMethod: least_time is not on the NGINX OSS list
        cases.put("plus-lb-method-ws118", healthy(NGINX_INC).with(PREFIX + "lb-method", "least_time header"));
        // internal/k8s/validation.go validateIntAnnotation
        cases.put("keepalive-not-integer-ws118", healthy(NGINX_INC).with(PREFIX + "keepalive", "32 connections"));
        return cases;
    }
}
