package io.wsroute.cluster;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.config.WsrouteConfig;
import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.IngressClassResolution;
import io.wsroute.nginx.IngressClasses;
import io.wsroute.nginx.IngressNginxVersion;
import io.wsroute.nginx.NginxIncSetup;
import io.wsroute.rules.RuleSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The controllers as they are now: which flavour serves an Ingress, and what its ConfigMap lets it do. Shared by
 * the webhooks and the route reconciler, so both judge an Ingress against the same live profile.
 */
@ApplicationScoped
public class LiveControllers {

    private final ClusterView cluster;
    private final WsrouteConfig config;
    private final ParsedProfiles parsed = new ParsedProfiles();

    public LiveControllers(ClusterView cluster, WsrouteConfig config) {
        this.cluster = cluster;
        this.config = config;
    }

    /** Which controller serves the Ingress; the configured default flavour is assumed when no class decides. */
    public IngressClassResolution resolve(Ingress ingress) {
        return IngressClasses.resolve(
                ingress,
                cluster.ingressClasses(),
                Optional.of(config.admission().defaultController()));
    }

    /**
     * The flavour's profile from its ConfigMap (parsed once per resourceVersion), or its documented defaults when
     * the ConfigMap is not found (then a note saying so is added to {@code notes}).
     */
    public ControllerProfile profile(ControllerFlavor flavor, List<String> notes) {
        String location = configMapLocation(flavor);
        NginxIncSetup nginxInc = nginxIncSetup();
        return cluster.controllerConfigMap(flavor)
                .map(cm -> parsed.profile(
                        flavor,
                        cm,
                        c -> ControllerConfigMaps.read(flavor, c.getData(), "ConfigMap " + location, nginxInc)))
                .orElseGet(() -> {
                    notes.add("wsroute: controller ConfigMap %s not found; assumed %s defaults"
                            .formatted(location, flavor.cliName()));
                    return flavor.plane().defaults(nginxInc.snippetsEnabled()).withNginxInc(nginxInc);
                });
    }

    /** namespace/name of the flavour's ConfigMap, as configured. */
    public String configMapLocation(ControllerFlavor flavor) {
        return config.controllers().of(flavor).configMap();
    }

    /** The flavour whose ConfigMap this is, when it is one of the two configured ones. */
    public Optional<ControllerFlavor> flavorOfConfigMap(String namespace, String name) {
        String location = namespace + "/" + name;
        for (ControllerFlavor flavor : ControllerFlavor.values()) {
            if (configMapLocation(flavor).equals(location)) {
                return Optional.of(flavor);
            }
        }
        return Optional.empty();
    }

    public boolean nginxIncSnippetsEnabled() {
        return config.controllers().nginxInc().snippetsEnabled();
    }

    /** The F5 controller as configured: release, NGINX Plus or OSS, -enable-snippets (http2 comes from its ConfigMap). */
    public NginxIncSetup nginxIncSetup() {
        var nginxInc = config.controllers().nginxInc();
        return new NginxIncSetup(nginxInc.version(), nginxInc.plus(), nginxInc.snippetsEnabled(), false);
    }

    public RuleSettings ruleSettings() {
        return new RuleSettings(
                config.rules().minIdleTimeout(),
                config.rules().minReloadGrace(),
                config.controllers().ingressNginx().version().orElse(IngressNginxVersion.LATEST),
                config.controllers().ingressNginx().sslPassthrough());
    }
}
