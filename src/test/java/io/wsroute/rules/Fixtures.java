package io.wsroute.rules;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small builders for rule tests: an Ingress with given annotations, Services with an appProtocol. */
final class Fixtures {

    private Fixtures() {
    }

    /** An Ingress "chat" in namespace "apps" routing path {@code path} to Service "chat" port 8080. */
    static Ingress ingress(Map<String, String> annotations, String path, boolean tls) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: chat
                  namespace: apps
                  annotations: {}
                spec:
                """);
        if (tls) {
            yaml.append("""
                      tls:
                      - hosts: [chat.example.com]
                        secretName: chat-tls
                    """);
        }
        yaml.append("""
                  rules:
                  - host: chat.example.com
                    http:
                      paths:
                      - path: %s
                        pathType: Prefix
                        backend:
                          service:
                            name: chat
                            port:
                              number: 8080
                """.formatted(path));
        Ingress ingress = Serialization.unmarshal(yaml.toString(), Ingress.class);
        ingress.getMetadata().setAnnotations(new LinkedHashMap<>(annotations));
        return ingress;
    }

    static Ingress ingress(Map<String, String> annotations) {
        return ingress(annotations, "/ws", false);
    }

    static Service service(String name, String appProtocol) {
        return Serialization.unmarshal("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                  namespace: apps
                spec:
                  selector: {app: %s}
                  ports:
                  - name: http
                    port: 8080
                    appProtocol: %s
                """.formatted(name, name, appProtocol), Service.class);
    }

    static IngressReview review(Ingress ingress, ControllerFlavor flavor) {
        return new IngressReview(ingress, Map.of(), ControllerProfile.defaults(flavor));
    }

    static IngressReview review(Ingress ingress, ControllerProfile profile) {
        return new IngressReview(ingress, Map.of(), profile);
    }

    static List<Finding> findings(IngressReview review) {
        return new WebSocketRules().evaluate(review);
    }

    static List<String> ruleIds(IngressReview review) {
        return findings(review).stream().map(Finding::rule).distinct().sorted().collect(Collectors.toList());
    }

    /** Annotations of a WebSocket Ingress that is otherwise healthy on the given flavour. */
    static Map<String, String> healthy(ControllerFlavor flavor, String... extra) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("wsroute.io/websocket", "true");
        if (flavor == ControllerFlavor.INGRESS_NGINX) {
            annotations.put("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600");
            annotations.put("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
        } else {
            annotations.put("nginx.org/websocket-services", "chat");
            annotations.put("nginx.org/proxy-read-timeout", "1h");
            annotations.put("nginx.org/proxy-send-timeout", "3600s");
        }
        for (int i = 0; i < extra.length; i += 2) {
            annotations.put(extra[i], extra[i + 1]);
        }
        return annotations;
    }
}
