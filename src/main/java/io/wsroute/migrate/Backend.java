package io.wsroute.migrate;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Service an Ingress routes to, with the path (empty for the default backend) and the port as the Ingress names
 * it.
 */
record Backend(String service, String path, Optional<Integer> portNumber, Optional<String> portName) {

    static List<Backend> of(Ingress ingress) {
        List<Backend> backends = new ArrayList<>();
        if (ingress.getSpec() == null) {
            return backends;
        }
        add(backends, "", ingress.getSpec().getDefaultBackend());
        List<IngressRule> rules = ingress.getSpec().getRules();
        for (IngressRule rule : rules == null ? List.<IngressRule>of() : rules) {
            if (rule == null || rule.getHttp() == null || rule.getHttp().getPaths() == null) {
                continue;
            }
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                if (path != null) {
                    add(backends, path.getPath() == null ? "/" : path.getPath(), path.getBackend());
                }
            }
        }
        return backends;
    }

    private static void add(List<Backend> backends, String path, IngressBackend backend) {
        IngressServiceBackend service = backend == null ? null : backend.getService();
        if (service == null || service.getName() == null || service.getName().isEmpty()) {
            return; // resource backends and nameless ones carry no Service
        }
        Optional<Integer> number = Optional.ofNullable(service.getPort()).map(p -> p.getNumber());
        Optional<String> name = Optional.ofNullable(service.getPort()).map(p -> p.getName());
        backends.add(new Backend(service.getName(), path, number, name));
    }
}
