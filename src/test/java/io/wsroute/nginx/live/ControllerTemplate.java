package io.wsroute.nginx.live;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.NginxTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an NGINX controller would write into nginx.conf for an Ingress, reduced to the settings that decide a
 * WebSocket's fate: HTTP version, Upgrade/Connection, read/send timeouts, snippets, redirects, backend protocol,
 * and whether the controller takes the Ingress at all. Rendered from each controller's own template
 * (ingress-nginx rootfs/etc/nginx/template/nginx.tmpl, the F5 controller's internal/configs/version1/nginx.tmpl and
 * nginx.ingress.tmpl), each directive citing the template line or function it comes from, so the tests run the
 * directives, in the order, that the controller emits.
 *
 * <p>Durations are scaled by {@link #TIME_SCALE}: one minute of the controller becomes one second in the test, so
 * the 60 s default idle timeout is 1 s and an hour is 60 s, and an idle period "longer than the default" fits in
 * a fast test.
 */
public interface ControllerTemplate {

    /** Controller seconds per test millisecond: 60 s become 1000 ms. */
    long TIME_SCALE = 60;

    ControllerFlavor flavor();

    /**
     * The nginx configuration (http context) for these Ingresses, each with its hosts, or the reasons the controller
     * refuses some of them. Ingresses must not share a host (real controllers merge them; the tests keep them apart).
     *
     * @param backends address of each Service's endpoints
     */
    Rendering render(List<Served> ingresses, Backends backends);

    /**
     * The main-context directives the controller writes from its ConfigMap (the ones that decide what a reload does
     * to open connections), timeouts scaled as in {@link #timeout(String)}.
     */
    default String mainContext(ControllerProfile profile) {
        return "";
    }

    /** Where the endpoints of a Service named by an Ingress are: {@code 127.0.0.1:port}. */
    @FunctionalInterface
    interface Backends {
        String address(Ingress ingress, String service);
    }

    /** An Ingress and the controller settings (ConfigMap, flags) it is served with. */
    record Served(Ingress ingress, ControllerProfile profile) {}

    /** The configuration, and each refused Ingress with the controller's reason (its webhook denial or event). */
    record Rendering(String config, Map<String, String> refused) {
        public Optional<String> refusal(Ingress ingress) {
            return Optional.ofNullable(refused.get(ingress.getMetadata().getName()));
        }
    }

    /** A controller duration as the test's nginx runs it: {@link #TIME_SCALE} times shorter, in milliseconds. */
    static String scaled(Duration duration) {
        return Math.max(1, duration.toMillis() / TIME_SCALE) + "ms";
    }

    /**
     * A timeout argument exactly as the controller writes it, scaled when nginx can read it: a value nginx refuses
     * ({@code -1s}, {@code 1h 30m}, {@code 1y}) is kept as it stands, so the test's nginx refuses it too.
     */
    static String timeout(String asWritten) {
        return NginxTime.parseDirectiveArgument(asWritten)
                .map(ControllerTemplate::scaled)
                .orElse(asWritten);
    }

    /** nginx location modifier for an Ingress path type. */
    static String location(HTTPIngressPath path) {
        String value = path.getPath() == null || path.getPath().isEmpty() ? "/" : path.getPath();
        return "Exact".equals(path.getPathType()) ? "= " + value : value;
    }

    static List<IngressRule> rules(Ingress ingress) {
        return ingress.getSpec().getRules() == null
                ? List.of()
                : ingress.getSpec().getRules();
    }

    static boolean hasTls(Ingress ingress, String host) {
        return ingress.getSpec().getTls() != null
                && ingress.getSpec().getTls().stream()
                        .anyMatch(
                                tls -> tls.getHosts() == null || tls.getHosts().contains(host));
    }

    static Map<String, String> annotations(Ingress ingress) {
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    /** The default server both controllers run: anything no Ingress claims gets 404. */
    static String defaultServer() {
        return """
                    server {
                        listen 127.0.0.1:$PORT default_server;
                        listen 127.0.0.1:$TLS_PORT ssl default_server;
                        ssl_certificate $CERT;
                        ssl_certificate_key $KEY;
                        location / { return 404; }
                    }
                """;
    }

    /** Listen directives of an Ingress host: plain, and TLS when the Ingress has a tls entry for it. */
    static String listen(boolean tls) {
        return tls ? """
                        listen 127.0.0.1:$PORT;
                        listen 127.0.0.1:$TLS_PORT ssl;
                        ssl_certificate $CERT;
                        ssl_certificate_key $KEY;
                """ : "        listen 127.0.0.1:$PORT;\n";
    }
}
