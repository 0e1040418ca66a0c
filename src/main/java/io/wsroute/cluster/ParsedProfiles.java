package io.wsroute.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The profile last parsed from each flavour's controller ConfigMap, reused while that ConfigMap keeps its UID and
 * resourceVersion: every admission and every audit evaluation asks for the profile, and the ConfigMap changes
 * rarely. A ConfigMap without a resourceVersion (not read from an API server) is parsed every time.
 */
final class ParsedProfiles {

    private record Parsed(String uid, String resourceVersion, ControllerProfile profile) {}

    private final Map<ControllerFlavor, Parsed> last = new ConcurrentHashMap<>();

    ControllerProfile profile(
            ControllerFlavor flavor, ConfigMap configMap, Function<ConfigMap, ControllerProfile> parse) {
        String uid = configMap.getMetadata().getUid();
        String resourceVersion = configMap.getMetadata().getResourceVersion();
        if (resourceVersion == null) {
            return parse.apply(configMap);
        }
        Parsed cached = last.get(flavor);
        if (cached != null && cached.resourceVersion().equals(resourceVersion) && Objects.equals(cached.uid(), uid)) {
            return cached.profile();
        }
        ControllerProfile profile = parse.apply(configMap);
        last.put(flavor, new Parsed(uid, resourceVersion, profile));
        return profile;
    }
}
