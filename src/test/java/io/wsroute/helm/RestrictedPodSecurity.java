package io.wsroute.helm;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks of the Kubernetes "restricted" Pod Security Standard (kubernetes.io/docs/concepts/security/
 * pod-security-standards, which includes "baseline"), as Pod Security Admission applies them to a pod spec.
 * Returns the violations, so a failing test says which control broke.
 */
final class RestrictedPodSecurity {

    private static final Set<String> ALLOWED_VOLUMES = Set.of(
            "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private RestrictedPodSecurity() {}

    static List<String> violations(PodSpec pod) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext podContext =
                Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        if (Boolean.TRUE.equals(pod.getHostNetwork())
                || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("host namespaces");
        }
        for (Volume volume : pod.getVolumes()) {
            String type = volumeType(volume);
            if (!ALLOWED_VOLUMES.contains(type)) {
                violations.add("volume " + volume.getName() + " has type " + type);
            }
        }
        if (Long.valueOf(0).equals(podContext.getRunAsUser())) {
            violations.add("pod runAsUser 0");
        }
        List<Container> containers = new ArrayList<>(pod.getContainers());
        containers.addAll(pod.getInitContainers());
        for (Container container : containers) {
            SecurityContext context =
                    Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
            String name = "container " + container.getName() + ": ";
            if (Boolean.TRUE.equals(context.getPrivileged())) {
                violations.add(name + "privileged");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                violations.add(name + "allowPrivilegeEscalation must be false");
            }
            if (!Boolean.TRUE.equals(effective(context.getRunAsNonRoot(), podContext.getRunAsNonRoot()))) {
                violations.add(name + "runAsNonRoot must be true");
            }
            if (Long.valueOf(0).equals(context.getRunAsUser())) {
                violations.add(name + "runAsUser 0");
            }
            String seccomp = Optional.ofNullable(effective(context.getSeccompProfile(), podContext.getSeccompProfile()))
                    .map(SeccompProfile::getType)
                    .orElse(null);
            if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                violations.add(name + "seccompProfile must be RuntimeDefault or Localhost, is " + seccomp);
            }
            Capabilities capabilities =
                    Optional.ofNullable(context.getCapabilities()).orElseGet(Capabilities::new);
            if (!capabilities.getDrop().contains("ALL")) {
                violations.add(name + "capabilities must drop ALL");
            }
            capabilities.getAdd().stream()
                    .filter(c -> !c.equals("NET_BIND_SERVICE"))
                    .forEach(c -> violations.add(name + "adds capability " + c));
            if (container.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
                violations.add(name + "hostPort");
            }
            if (context.getProcMount() != null && !"Default".equals(context.getProcMount())) {
                violations.add(name + "procMount " + context.getProcMount());
            }
        }
        return violations;
    }

    private static <T> T effective(T container, T pod) {
        return container != null ? container : pod;
    }

    private static String volumeType(Volume volume) {
        List<Function<Volume, Object>> known = List.of(
                Volume::getConfigMap,
                Volume::getCsi,
                Volume::getDownwardAPI,
                Volume::getEmptyDir,
                Volume::getEphemeral,
                Volume::getPersistentVolumeClaim,
                Volume::getProjected,
                Volume::getSecret);
        List<String> names = List.of(
                "configMap",
                "csi",
                "downwardAPI",
                "emptyDir",
                "ephemeral",
                "persistentVolumeClaim",
                "projected",
                "secret");
        for (int i = 0; i < known.size(); i++) {
            if (known.get(i).apply(volume) != null) {
                return names.get(i);
            }
        }
        return volume.getHostPath() != null ? "hostPath" : "other";
    }
}
