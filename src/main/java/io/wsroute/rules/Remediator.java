package io.wsroute.rules;

import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Works out the annotations that make a WebSocket Ingress work on its controller. Only keys the Ingress does not
 * carry are added, so a user's value always wins and a second run adds nothing. No snippet is ever added: both
 * controllers have a first-class annotation for every fix, and snippets are how ingress controllers get owned.
 */
final class Remediator {

    private Remediator() {
    }

    static Remediation remediate(ReviewedIngress ingress) {
        Map<String, String> add = new TreeMap<>();
        Duration minimum = ingress.settings().minIdleTimeout();
        boolean ingressNginx = ingress.flavor() == ControllerFlavor.INGRESS_NGINX;
        String timeout = TimeoutCheck.render(ingress.flavor(), minimum);
        if (ingress.profile().proxyReadTimeout().compareTo(minimum) < 0) {
            add.put(ingressNginx ? IngressNginxAnnotations.PROXY_READ_TIMEOUT : NginxIncAnnotations.PROXY_READ_TIMEOUT, timeout);
        }
        if (ingress.profile().proxySendTimeout().compareTo(minimum) < 0) {
            add.put(ingressNginx ? IngressNginxAnnotations.PROXY_SEND_TIMEOUT : NginxIncAnnotations.PROXY_SEND_TIMEOUT, timeout);
        }
        var tlsBackends = ingress.webSocketBackends().stream().filter(Backend::isTls).map(Backend::serviceName)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (ingressNginx) {
            if (ingress.profile().proxyHttpVersion().equals("1.0")) {
                add.put(IngressNginxAnnotations.PROXY_HTTP_VERSION, "1.1");
            }
            // backend-protocol applies to every path of the Ingress: only safe when all backends speak TLS.
            boolean allTls = !ingress.backends().isEmpty() && ingress.backends().stream().allMatch(Backend::isTls);
            if (allTls) {
                add.put(IngressNginxAnnotations.BACKEND_PROTOCOL, "HTTPS");
            }
        } else {
            String services = String.join(",", new java.util.TreeSet<>(ingress.detection().services()));
            if (!services.isEmpty()) {
                add.put(NginxIncAnnotations.WEBSOCKET_SERVICES, services);
            }
            if (!tlsBackends.isEmpty()) {
                add.put(NginxIncAnnotations.SSL_SERVICES, String.join(",", tlsBackends));
            }
        }
        add.keySet().removeAll(ingress.annotations().keySet());
        return Remediation.of(add);
    }
}
