package io.wsroute.rules;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small builder for rule tests: Ingress "chat" in namespace "apps", host chat.example.com, by default one path
 * {@code /ws} to Service "chat" port 8080, served by the given flavour with its built-in defaults.
 */
final class Fixtures {

    static final String CONFIG_MAP = "ConfigMap ingress-nginx/controller";

    private final ControllerFlavor flavor;
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private final List<HTTPIngressPath> paths = new ArrayList<>();
    private final Map<String, Service> services = new HashMap<>();
    private final Map<String, Integer> replicas = new HashMap<>();
    private String defaultBackend;
    private boolean tls;
    private String ownerApiVersion;
    private ControllerProfile profile;
    private RuleSettings settings = RuleSettings.DEFAULTS;

    private Fixtures(ControllerFlavor flavor) {
        this.flavor = flavor;
        this.profile = ControllerProfile.defaults(flavor);
    }

    /** An Ingress with no annotation at all, path /ws to chat:8080. */
    static Fixtures plain(ControllerFlavor flavor) {
        return new Fixtures(flavor).path("/ws", "chat", 8080);
    }

    /** A WebSocket Ingress (marked by annotation) that is healthy on its flavour: no finding at all. */
    static Fixtures healthy(ControllerFlavor flavor) {
        Fixtures fixtures = plain(flavor).with("wsroute.io/websocket", "true");
        if (flavor == ControllerFlavor.INGRESS_NGINX) {
            return fixtures.with("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                    .with("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
        }
        return fixtures.with("nginx.org/websocket-services", "chat")
                .with("nginx.org/proxy-read-timeout", "1h")
                .with("nginx.org/proxy-send-timeout", "3600s");
    }

    Fixtures with(String key, String value) {
        annotations.put(key, value);
        return this;
    }

    Fixtures without(String key) {
        annotations.remove(key);
        return this;
    }

    /** Replaces the paths with a single one. */
    Fixtures onlyPath(String path) {
        paths.clear();
        return path(path, "chat", 8080);
    }

    Fixtures path(String path, String service, int port) {
        paths.add(new HTTPIngressPathBuilder()
                .withPath(path)
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(service)
                .withNewPort()
                .withNumber(port)
                .endPort()
                .endService()
                .endBackend()
                .build());
        return this;
    }

    Fixtures pathToPortName(String path, String service, String portName) {
        paths.add(new HTTPIngressPathBuilder()
                .withPath(path)
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(service)
                .withNewPort()
                .withName(portName)
                .endPort()
                .endService()
                .endBackend()
                .build());
        return this;
    }

    Fixtures noPaths() {
        paths.clear();
        return this;
    }

    Fixtures defaultBackend(String service) {
        defaultBackend = service;
        return this;
    }

    Fixtures tls() {
        tls = true;
        return this;
    }

    Fixtures ownedBy(String apiVersion) {
        ownerApiVersion = apiVersion;
        return this;
    }

    /** A known Service with one port 8080 named "ws" carrying the given appProtocol (null for none). */
    Fixtures service(String name, String appProtocol) {
        services.put(
                name,
                new ServiceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace("apps")
                        .endMetadata()
                        .withNewSpec()
                        .addToSelector("app", name)
                        .addNewPort()
                        .withName("ws")
                        .withPort(8080)
                        .withAppProtocol(appProtocol)
                        .endPort()
                        .endSpec()
                        .build());
        return this;
    }

    /** Service {@code name} as {@link #service} makes it, with spec.sessionAffinity ClientIP. */
    Fixtures clientIpAffinity(String name) {
        service(name, null);
        services.get(name).getSpec().setSessionAffinity("ClientIP");
        return this;
    }

    Fixtures replicas(String service, int count) {
        replicas.put(service, count);
        return this;
    }

    /** The profile read from a controller ConfigMap with this data (F5 snippets flag off). */
    Fixtures configMap(String... keyValues) {
        return profile(ControllerConfigMaps.read(flavor, pairs(keyValues), CONFIG_MAP, false));
    }

    Fixtures profile(ControllerProfile profile) {
        this.profile = profile;
        return this;
    }

    Fixtures settings(RuleSettings settings) {
        this.settings = settings;
        return this;
    }

    /** Adds the given annotations (as a remediation would) to this fixture. */
    Fixtures withAll(Map<String, String> added) {
        annotations.putAll(added);
        return this;
    }

    Ingress ingress() {
        IngressBuilder builder = new IngressBuilder()
                .withNewMetadata()
                .withName("chat")
                .withNamespace("apps")
                .withAnnotations(new LinkedHashMap<>(annotations))
                .endMetadata()
                .withNewSpec()
                .withIngressClassName("nginx")
                .addNewRule()
                .withHost("chat.example.com")
                .withNewHttp()
                .withPaths(paths)
                .endHttp()
                .endRule()
                .endSpec();
        if (defaultBackend != null) {
            builder.editSpec()
                    .withNewDefaultBackend()
                    .withNewService()
                    .withName(defaultBackend)
                    .withNewPort()
                    .withNumber(8080)
                    .endPort()
                    .endService()
                    .endDefaultBackend()
                    .endSpec();
        }
        if (tls) {
            builder.editSpec()
                    .addNewTl()
                    .withHosts("chat.example.com")
                    .withSecretName("chat-tls")
                    .endTl()
                    .endSpec();
        }
        if (ownerApiVersion != null) {
            builder.editMetadata()
                    .withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion(ownerApiVersion)
                            .withKind("WebSocketRoute")
                            .withName("chat")
                            .withUid("u1")
                            .withController(true)
                            .build())
                    .endMetadata();
        }
        return builder.build();
    }

    IngressReview review() {
        return new IngressReview(ingress(), services, replicas, profile, settings);
    }

    List<Finding> findings() {
        return new WebSocketRules().evaluate(review());
    }

    List<Finding> findings(Rule rule) {
        return findings().stream().filter(f -> f.rule().equals(rule.id())).toList();
    }

    List<String> ruleIds() {
        return findings().stream().map(Finding::rule).distinct().sorted().toList();
    }

    Remediation remediation() {
        return new WebSocketRules().remediate(review());
    }

    WebSocketDetection detection() {
        return new WebSocketRules().detect(review());
    }

    ControllerFlavor flavor() {
        return flavor;
    }

    static String annotation(String key) {
        return "metadata.annotations[\"" + key + "\"]";
    }

    private static Map<String, String> pairs(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Override
    public String toString() {
        return flavor.cliName() + " " + annotations + (tls ? " tls" : "");
    }
}
