package io.wsroute.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * AdmissionReview bodies shaped as the API server sends them: a small Ingress (one host, one path, as most are)
 * and a large one (40 hosts with 5 paths each and a dozen annotations, about 30 KB), each marked as WebSocket or not.
 */
final class AdmissionBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AdmissionBodies() {}

    static byte[] review(boolean large, boolean webSocket) {
        ObjectNode review = MAPPER.createObjectNode()
                .put("apiVersion", "admission.k8s.io/v1")
                .put("kind", "AdmissionReview");
        ObjectNode request =
                review.putObject("request").put("uid", UUID.randomUUID().toString());
        request.putObject("kind")
                .put("group", "networking.k8s.io")
                .put("version", "v1")
                .put("kind", "Ingress");
        request.putObject("resource")
                .put("group", "networking.k8s.io")
                .put("version", "v1")
                .put("resource", "ingresses");
        request.put("name", "chat").put("namespace", "apps").put("operation", "CREATE");
        request.putObject("userInfo")
                .put("username", "alice")
                .putArray("groups")
                .add("system:authenticated");
        request.set("object", ingress(large, webSocket));
        request.putNull("oldObject");
        request.put("dryRun", false);
        request.putObject("options").put("apiVersion", "meta.k8s.io/v1").put("kind", "CreateOptions");
        try {
            return MAPPER.writeValueAsBytes(review);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode ingress(boolean large, boolean webSocket) {
        return ingress("chat", "apps", large, webSocket);
    }

    static ObjectNode ingress(String name, String namespace, boolean large, boolean webSocket) {
        ObjectNode ingress = MAPPER.createObjectNode()
                .put("apiVersion", "networking.k8s.io/v1")
                .put("kind", "Ingress");
        ObjectNode metadata = ingress.putObject("metadata").put("name", name).put("namespace", namespace);
        ObjectNode annotations = metadata.putObject("annotations");
        if (webSocket) {
            annotations
                    .put("wsroute.io/websocket", "true")
                    .put("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                    .put("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
        }
        if (large) {
            metadata.putObject("labels").put("app", name).put("team", "chat").put("tier", "edge");
            annotations
                    .put("nginx.ingress.kubernetes.io/proxy-body-size", "8m")
                    .put("nginx.ingress.kubernetes.io/ssl-redirect", "true")
                    .put("nginx.ingress.kubernetes.io/affinity", "cookie")
                    .put("nginx.ingress.kubernetes.io/session-cookie-name", "route")
                    .put("nginx.ingress.kubernetes.io/limit-connections", "100")
                    .put("nginx.ingress.kubernetes.io/whitelist-source-range", "10.0.0.0/8,192.168.0.0/16")
                    .put(
                            "nginx.ingress.kubernetes.io/configuration-snippet",
                            "more_set_headers \"X-Frame-Options: DENY\";\nadd_header X-Served-By wsroute;\n")
                    .put(
                            "kubectl.kubernetes.io/last-applied-configuration",
                            "{\"padding\":\"" + "x".repeat(4000) + "\"}");
        }
        ObjectNode spec = ingress.putObject("spec").put("ingressClassName", "nginx");
        ArrayNode rules = spec.putArray("rules");
        ArrayNode tls = large ? spec.putArray("tls") : null;
        int hosts = large ? 40 : 1;
        int paths = large ? 5 : 1;
        for (int h = 0; h < hosts; h++) {
            String host = "h" + h + "." + name + ".example.com";
            ArrayNode pathList =
                    rules.addObject().put("host", host).putObject("http").putArray("paths");
            for (int p = 0; p < paths; p++) {
                ObjectNode backend = pathList.addObject()
                        .put("path", "/ws" + p)
                        .put("pathType", "Prefix")
                        .putObject("backend")
                        .putObject("service")
                        .put("name", "chat-" + p);
                backend.putObject("port").put("number", 8080);
            }
            if (tls != null) {
                tls.addObject().put("secretName", "tls-" + h).putArray("hosts").add(host);
            }
        }
        return ingress;
    }
}
