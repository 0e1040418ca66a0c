package io.wsroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.wsroute.cli.ManifestReader.Manifest;
import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.NginxIncSetup;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The profile of each controller flavour for lint: built-in defaults, except for the flavour the user gave a
 * ConfigMap for. A ConfigMap does not say which controller reads it, so it belongs to the {@code --controller}
 * flavour.
 */
final class ControllerProfiles {

    private ControllerProfiles() {}

    /**
     * @param configMapFlavor the flavour whose controller reads {@code configMap}
     * @param configMap manifests of the {@code --controller-configmap} file, or null when none was given
     * @param nginxInc the F5 controller's release, NGINX Plus or OSS, and {@code -enable-snippets}
     */
    static Map<ControllerFlavor, ControllerProfile> of(
            ControllerFlavor configMapFlavor, List<Manifest> configMap, String configMapFile, NginxIncSetup nginxInc)
            throws UnreadableInput {
        Map<ControllerFlavor, ControllerProfile> profiles = new EnumMap<>(ControllerFlavor.class);
        for (ControllerFlavor flavor : ControllerFlavor.values()) {
            profiles.put(
                    flavor, flavor.plane().defaults(nginxInc.snippetsEnabled()).withNginxInc(nginxInc));
        }
        if (configMap != null) {
            profiles.put(configMapFlavor, read(configMapFlavor, configMap, configMapFile, nginxInc));
        }
        return profiles;
    }

    private static ControllerProfile read(
            ControllerFlavor flavor, List<Manifest> manifests, String file, NginxIncSetup nginxInc)
            throws UnreadableInput {
        List<Manifest> configMaps = manifests.stream()
                .filter(m -> m.object().path("apiVersion").asText().equals("v1")
                        && m.object().path("kind").asText().equals("ConfigMap"))
                .toList();
        if (configMaps.size() != 1) {
            throw new UnreadableInput("%s: --controller-configmap needs exactly one ConfigMap, found %d"
                    .formatted(file, configMaps.size()));
        }
        Manifest manifest = configMaps.get(0);
        JsonNode name = manifest.object().path("metadata").path("name");
        TypedObjects.requireStrings(manifest.object().path("data"), "data", file + ": ConfigMap " + name.asText());
        ConfigMap configMap = TypedObjects.convert(manifest, ConfigMap.class);
        String namespace = configMap.getMetadata().getNamespace();
        String source = "ConfigMap " + (namespace == null ? "" : namespace + "/")
                + configMap.getMetadata().getName();
        return ControllerConfigMaps.read(flavor, configMap.getData(), source, nginxInc);
    }
}
