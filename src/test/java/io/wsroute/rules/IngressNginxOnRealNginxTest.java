package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.rules.Fixtures.healthy;
import static io.wsroute.rules.Fixtures.plain;

import io.wsroute.nginx.live.ControllerTemplate;
import io.wsroute.nginx.live.IngressNginxTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Community ingress-nginx: its template on real nginx, for Ingresses the rules accept and reject. */
class IngressNginxOnRealNginxTest extends RealNginxProof {

    static final Set<Rule> PROVEN = Set.of(
            Rule.WS100,
            Rule.WS101,
            Rule.WS105,
            Rule.WS106,
            Rule.WS107,
            Rule.WS112,
            Rule.WS115,
            Rule.WS118,
            Rule.WS122,
            Rule.WS125);

    /** Warnings whose claim nginx itself decides, each shown by an accepted case that carries it. */
    static final Set<Rule> SHOWN = Set.of(Rule.WS103, Rule.WS104, Rule.WS117);

    private static final String PREFIX = "nginx.ingress.kubernetes.io/";
    private static final String MARKER = "wsroute.io/websocket";

    @Override
    ControllerTemplate template() {
        return new IngressNginxTemplate();
    }

    @Override
    Set<Rule> proves() {
        return PROVEN;
    }

    @Override
    Set<Rule> shows() {
        return SHOWN;
    }

    private static Fixtures snippetsAllowed() {
        return healthy(INGRESS_NGINX)
                .configMap("allow-snippet-annotations", "true", "annotations-risk-level", "Critical");
    }

    @Override
    Map<String, Fixtures> fixtures() {
        Map<String, Fixtures> cases = new LinkedHashMap<>();
        // accepted
        cases.put("healthy", healthy(INGRESS_NGINX));
        cases.put("marker-remediated", remediated(plain(INGRESS_NGINX).with(MARKER, "true")));
        cases.put("appprotocol-remediated", remediated(plain(INGRESS_NGINX).service("chat", "kubernetes.io/ws")));
        cases.put("wss-backend-remediated", remediated(plain(INGRESS_NGINX).service("chat", "kubernetes.io/wss")));
        cases.put(
                "global-timeouts",
                plain(INGRESS_NGINX)
                        .with(MARKER, "true")
                        .configMap("proxy-read-timeout", "3600", "proxy-send-timeout", "3600"));
        cases.put(
                "harmless-snippet", snippetsAllowed().with(PREFIX + "configuration-snippet", "add_header X-Chat on;"));
        // nginx drops empty header values, so the controller's Upgrade still goes out
        cases.put(
                "empty-upgrade-snippet",
                snippetsAllowed().with(PREFIX + "configuration-snippet", "proxy_set_header Upgrade '';"));
        // a second Connection line beside the controller's "upgrade": the RFC 9110 list still holds it
        cases.put(
                "second-connection-snippet-ws117",
                snippetsAllowed()
                        .with(PREFIX + "configuration-snippet", "proxy_set_header Connection \"keep-alive\";"));
        // connection/main.go: "" is no header, so Connection stays $connection_upgrade
        cases.put("empty-connection-header", healthy(INGRESS_NGINX).with(PREFIX + "connection-proxy-header", ""));
        // proxy/main.go ValidateOptions(trimSpace) and parser.normalizeString: written trimmed
        cases.put("padded-http-version", healthy(INGRESS_NGINX).with(PREFIX + "proxy-http-version", " 1.1 "));
        // defaults/main.go Backend.SSLRedirect from the ConfigMap: off, so a TLS host takes ws://
        cases.put("configmap-ssl-redirect-off", healthy(INGRESS_NGINX).tls().configMap("ssl-redirect", "false"));
        // a harmless ConfigMap location-snippet goes into every location (tmpl 1367-1370)
        cases.put(
                "configmap-location-snippet",
                healthy(INGRESS_NGINX).configMap("location-snippet", "add_header X-Everywhere on;"));
        // accepted with warnings whose claims the observation must bear out
        cases.put("default-timeouts-ws103", plain(INGRESS_NGINX).with(MARKER, "true"));
        cases.put("tls-redirect-ws104", healthy(INGRESS_NGINX).tls());
        // defaults/main.go Backend.ForceSSLRedirect from the ConfigMap: every plain request, TLS or not
        cases.put("configmap-force-redirect-ws104", healthy(INGRESS_NGINX).configMap("force-ssl-redirect", "true"));
        // configmap.go ReadConfig http-redirect-code
        cases.put("configmap-redirect-code-ws104", healthy(INGRESS_NGINX).tls().configMap("http-redirect-code", "301"));
        // rejected
        cases.put("bad-marker-ws100", plain(INGRESS_NGINX).with(MARKER, "yes"));
        cases.put("timeout-with-unit-ws101", healthy(INGRESS_NGINX).with(PREFIX + "proxy-read-timeout", "3600s"));
        cases.put("http10-annotation-ws105", healthy(INGRESS_NGINX).with(PREFIX + "proxy-http-version", "1.0"));
        cases.put("http10-configmap-ws105", healthy(INGRESS_NGINX).configMap("proxy-http-version", "1.0"));
        cases.put(
                "http10-snippet-ws105",
                snippetsAllowed().with(PREFIX + "configuration-snippet", "proxy_http_version 1.0;"));
        cases.put("connection-close-ws106", healthy(INGRESS_NGINX).with(PREFIX + "connection-proxy-header", "close"));
        cases.put(
                "connection-keepalive-ws106",
                healthy(INGRESS_NGINX).with(PREFIX + "connection-proxy-header", "keep-alive"));
        cases.put("grpc-ws107", healthy(INGRESS_NGINX).with(PREFIX + "backend-protocol", "GRPC"));
        cases.put(
                "snippet-refused-ws112",
                healthy(INGRESS_NGINX).with(PREFIX + "configuration-snippet", "add_header X-Chat on;"));
        cases.put("wss-over-http-ws115", healthy(INGRESS_NGINX).service("chat", "kubernetes.io/wss"));
        // sslpassthrough/main.go sslpt.Parse returns the validation error: the Ingress is left out
        cases.put("passthrough-not-bool-ws118", healthy(INGRESS_NGINX).with(PREFIX + "ssl-passthrough", "yes"));
        // connection/main.go connection.Parse returns the validation error
        cases.put(
                "connection-upgrade-ws118", healthy(INGRESS_NGINX).with(PREFIX + "connection-proxy-header", "upgrade"));
        // ipallowlist/main.go ipallowlist.Parse: an invalid range denies the location (503)
        cases.put(
                "allowlist-invalid-ws122",
                healthy(INGRESS_NGINX).with(PREFIX + "whitelist-source-range", "10.0.0.0/8;"));
        // accepted: AJP falls back to HTTP (backendprotocol/main.go), an empty connection-proxy-header is ignored
        cases.put("ajp-falls-back", healthy(INGRESS_NGINX).with(PREFIX + "backend-protocol", "AJP"));
        cases.put("empty-connection-header", healthy(INGRESS_NGINX).with(PREFIX + "connection-proxy-header", ""));
        // the ConfigMap's location-snippet repeats proxy_http_version in every location: nginx refuses
        cases.put(
                "configmap-location-snippet-ws105",
                healthy(INGRESS_NGINX).configMap("location-snippet", "proxy_http_version 1.0;"));
        // nginx.tmpl writes the ConfigMap's proxy-http-version and a negative timeout as they stand
        cases.put("configmap-http-version-ws125", healthy(INGRESS_NGINX).configMap("proxy-http-version", "2.0"));
        cases.put(
                "configmap-negative-timeout-ws125",
                plain(INGRESS_NGINX)
                        .with(MARKER, "true")
                        .configMap("proxy-read-timeout", "-1", "proxy-send-timeout", "3600"));
        // parser.GetStringAnnotation trims (normalizeString); backendprotocol/main.go ValidateOptions is
        // case-insensitive; template.go buildProxyPass upper-cases, proxySetHeader compares as written
        cases.put("padded-grpc-ws107", healthy(INGRESS_NGINX).with(PREFIX + "backend-protocol", " GRPC "));
        cases.put("lowercase-grpc-ws107", healthy(INGRESS_NGINX).with(PREFIX + "backend-protocol", "grpc"));
        cases.put("padded-http-protocol", healthy(INGRESS_NGINX).with(PREFIX + "backend-protocol", " http "));
        cases.put("padded-ajp-falls-back", healthy(INGRESS_NGINX).with(PREFIX + "backend-protocol", " AJP "));
        // connection/main.go: written trimmed, so " close " is Connection: close
        cases.put("padded-close-ws106", healthy(INGRESS_NGINX).with(PREFIX + "connection-proxy-header", " close "));
        // values the parsers accept and nginx refuses (nginx.tmpl writes them as they stand): nginx decides
        // proxy/main.go GetIntAnnotation keeps -1; tmpl writes proxy_read_timeout -1s
        cases.put(
                "negative-timeout-annotation-ws118", healthy(INGRESS_NGINX).with(PREFIX + "proxy-read-timeout", "-1"));
        // connection/main.go validates with the spaces removed, writes the value with them: two arguments
        cases.put(
                "connection-inner-space-ws118",
                healthy(INGRESS_NGINX).with(PREFIX + "connection-proxy-header", "clo se"));
        return cases;
    }
}
