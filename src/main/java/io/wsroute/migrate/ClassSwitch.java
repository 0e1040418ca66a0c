package io.wsroute.migrate;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.NginxIncAnnotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An UPDATE that moves an Ingress from an ingress-nginx class to an F5 class (README "Migration off ingress-nginx",
 * "At the moment of the switch"): the same translation as {@code migrate --to nginx-inc}, made with the stored
 * Ingress in view, so WebSocket signals and settings the user dropped together with the class still count. Pure.
 *
 * @param annotationsToAdd the F5 annotations WebSocket needs that the new object lacks (never one it already sets):
 *        {@link #ADDED_ON_SWITCH}, whose values are all generated (seconds, Service names)
 * @param toSetByHand other F5 equivalents of the Ingress's settings: reported for the user to set, not written
 * @param changes what the switch translated, loses, or leaves to decide, as in the migration report
 */
public record ClassSwitch(Map<String, String> annotationsToAdd, Map<String, String> toSetByHand, List<Change> changes) {

    /** What the mutating webhook writes on a switch: what keeps WebSocket working, as the remediation would. */
    public static final Set<String> ADDED_ON_SWITCH = Set.of(
            NginxIncAnnotations.WEBSOCKET_SERVICES,
            NginxIncAnnotations.PROXY_READ_TIMEOUT,
            NginxIncAnnotations.PROXY_SEND_TIMEOUT,
            NginxIncAnnotations.SSL_SERVICES);

    public ClassSwitch {
        annotationsToAdd = Map.copyOf(annotationsToAdd);
        toSetByHand = Map.copyOf(toSetByHand);
        changes = List.copyOf(changes);
    }

    /** The switch between the serving flavours of the stored and the new Ingress; empty unless ingress-nginx to F5. */
    public static Optional<ClassSwitch> of(
            Ingress stored,
            ControllerFlavor storedFlavor,
            Ingress updated,
            ControllerFlavor updatedFlavor,
            Map<String, Service> services) {
        if (storedFlavor != ControllerFlavor.INGRESS_NGINX || updatedFlavor != ControllerFlavor.NGINX_INC) {
            return Optional.empty();
        }
        Map<String, String> kept = annotations(updated);
        Map<String, String> both = new TreeMap<>(annotations(stored));
        both.putAll(kept);
        Ingress source = new IngressBuilder(updated)
                .editOrNewMetadata()
                .withAnnotations(both)
                .endMetadata()
                .build();
        String className = Optional.ofNullable(updated.getSpec())
                .map(spec -> spec.getIngressClassName())
                .orElse(MigrationOptions.DEFAULT_NGINX_INC_CLASS);
        MigratedIngress migrated =
                new NginxIncMigration(new MigrationOptions(className, Set.of())).migrate("", source, services);
        Map<String, String> added = new TreeMap<>();
        Map<String, String> byHand = new TreeMap<>();
        annotations(migrated.ingress()).forEach((key, value) -> {
            if (isNginxInc(key) && !kept.containsKey(key)) {
                (ADDED_ON_SWITCH.contains(key) ? added : byHand).put(key, value);
            }
        });
        return Optional.of(new ClassSwitch(added, byHand, migrated.changes()));
    }

    /** What the switch loses, leaves to decide, or leaves to the user to set, each a line for a warning. */
    public List<String> losses() {
        List<String> lines = new ArrayList<>();
        changes.stream()
                .filter(Change::needsDecision)
                .map(change -> "%s: %s".formatted(change.kind().label(), change.text()))
                .forEach(lines::add);
        toSetByHand.forEach((key, value) ->
                lines.add("not written by wsroute: set %s: \"%s\" to keep the same effect".formatted(key, value)));
        return List.copyOf(lines);
    }

    private static boolean isNginxInc(String key) {
        return key.startsWith(NginxIncAnnotations.PREFIX) || key.startsWith(NginxIncAnnotations.PLUS_PREFIX);
    }

    private static Map<String, String> annotations(Ingress ingress) {
        return ingress.getMetadata() == null || ingress.getMetadata().getAnnotations() == null
                ? Map.of()
                : ingress.getMetadata().getAnnotations();
    }
}
