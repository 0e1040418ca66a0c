package io.wsroute.nginx;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReference;
import io.wsroute.gateway.ProxyBuffering;
import io.wsroute.gateway.ProxySettingsPolicy;
import io.wsroute.gateway.ProxySettingsPolicySpec;
import io.wsroute.gateway.ProxyTimeout;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What NGINX Gateway Fabric does with ProxySettingsPolicies: which it refuses (the whole policy, not just the bad
 * field), which it drops as conflicting with an older one, and the timeout a route ends up with. A policy on the
 * Gateway lands in nginx's http block and one on the HTTPRoute in its locations, so nginx's inheritance merges them
 * field by field: the route's value where it sets one, else the Gateway's, else nginx's 60 s.
 */
public final class NgfProxySettings {

    /** NGF's Size: one to four digits and an optional k, m or g. */
    private static final Pattern SIZE = Pattern.compile("^[0-9]{1,4}(k|m|g)?$");

    private static final Set<String> TARGET_KINDS = Set.of("Gateway", "HTTPRoute", "GRPCRoute");
    private static final int MAX_TARGETS = 16;

    /** The two timeouts that decide how long an idle WebSocket lives. */
    public enum Timeout {
        READ("read", ProxyTimeout::getRead, "proxy_read_timeout"),
        SEND("send", ProxyTimeout::getSend, "proxy_send_timeout");

        private final String field;
        private final Function<ProxyTimeout, String> value;
        private final String directive;

        Timeout(String field, Function<ProxyTimeout, String> value, String directive) {
            this.field = field;
            this.value = value;
            this.directive = directive;
        }

        public String field() {
            return field;
        }

        public String directive() {
            return directive;
        }

        /** The raw value the policy sets for this timeout, if any. */
        public Optional<String> in(ProxySettingsPolicySpec spec) {
            return Optional.ofNullable(spec == null ? null : spec.getTimeout()).map(value);
        }
    }

    /** Why NGF does not use a policy: {@code field} inside the policy, {@code reason} in words. */
    public record Refusal(String field, String reason) {}

    /** Where an effective timeout comes from: a policy, or nginx's default when none sets it. */
    public record Effective(Duration value, Optional<ProxySettingsPolicy> from) {
        public String source() {
            return from.map(p -> "ProxySettingsPolicy %s/%s"
                            .formatted(
                                    p.getMetadata().getNamespace(),
                                    p.getMetadata().getName()))
                    .orElse("nginx's default (no ProxySettingsPolicy sets it)");
        }
    }

    private NgfProxySettings() {}

    /**
     * Why NGF refuses this policy as a whole: values its CRD schema or its own validator reject, and targetRefs its
     * CRD rules reject. Empty when NGF accepts it.
     */
    public static List<Refusal> refusals(ProxySettingsPolicySpec spec) {
        List<Refusal> out = new ArrayList<>();
        if (spec == null) {
            out.add(new Refusal("spec", "the policy has no spec"));
            return out;
        }
        ProxyTimeout timeout = spec.getTimeout();
        if (timeout != null) {
            duration(out, "spec.timeout.connect", timeout.getConnect());
            duration(out, "spec.timeout.read", timeout.getRead());
            duration(out, "spec.timeout.send", timeout.getSend());
        }
        ProxyBuffering buffering = spec.getBuffering();
        if (buffering != null) {
            buffering(out, buffering);
        }
        targets(out, spec.getTargetRefs());
        return out;
    }

    private static void duration(List<Refusal> out, String field, String value) {
        if (value != null && NginxGatewayFabric.parseDuration(value).isEmpty()) {
            out.add(new Refusal(
                    field,
                    "\"%s\" is not an NGF duration (at most four digits and ms, s, m or h, e.g. 3600s or 24h)"
                            .formatted(value)));
        }
    }

    private static void buffering(List<Refusal> out, ProxyBuffering buffering) {
        size(out, "spec.buffering.bufferSize", buffering.getBufferSize());
        size(out, "spec.buffering.busyBuffersSize", buffering.getBusyBuffersSize());
        ProxyBuffering.ProxyBuffers buffers = buffering.getBuffers();
        if (buffers != null) {
            size(out, "spec.buffering.buffers.size", buffers.getSize());
            if (buffers.getNumber() == null || buffers.getNumber() < 2 || buffers.getNumber() > 256) {
                out.add(new Refusal("spec.buffering.buffers.number", "must be between 2 and 256"));
            }
        }
        Optional<Long> busy = bytes(buffering.getBusyBuffersSize());
        if (busy.isEmpty()) {
            return;
        }
        bytes(buffering.getBufferSize())
                .filter(bufferSize -> busy.get() <= bufferSize)
                .ifPresent(
                        x -> out.add(new Refusal("spec.buffering.busyBuffersSize", "must be larger than bufferSize")));
        if (buffers != null && buffers.getNumber() != null) {
            bytes(buffers.getSize())
                    .filter(size -> busy.get() >= size * buffers.getNumber() - size)
                    .ifPresent(x -> out.add(new Refusal(
                            "spec.buffering.busyBuffersSize",
                            "must be less than the size of all proxy_buffers minus one buffer")));
        }
    }

    private static void size(List<Refusal> out, String field, String value) {
        if (value != null && !SIZE.matcher(value).matches()) {
            out.add(new Refusal(
                    field, "\"%s\" is not an NGF size (at most four digits and k, m or g)".formatted(value)));
        }
    }

    private static Optional<Long> bytes(String size) {
        if (size == null || !SIZE.matcher(size).matches()) {
            return Optional.empty();
        }
        char unit = size.charAt(size.length() - 1);
        long multiplier = switch (unit) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String digits = Character.isDigit(unit) ? size : size.substring(0, size.length() - 1);
        return Optional.of(Long.parseLong(digits) * multiplier);
    }

    private static void targets(List<Refusal> out, List<LocalPolicyTargetReference> refs) {
        if (refs == null || refs.isEmpty()) {
            out.add(new Refusal("spec.targetRefs", "needs at least one target"));
            return;
        }
        if (refs.size() > MAX_TARGETS) {
            out.add(new Refusal("spec.targetRefs", "has more than " + MAX_TARGETS + " targets"));
        }
        Set<String> seen = new HashSet<>();
        boolean gateway = false;
        boolean route = false;
        for (int i = 0; i < refs.size(); i++) {
            LocalPolicyTargetReference ref = refs.get(i);
            String kind = ref == null ? null : ref.getKind();
            if (!TARGET_KINDS.contains(kind)) {
                out.add(new Refusal(
                        "spec.targetRefs[" + i + "].kind", "must be one of Gateway, HTTPRoute or GRPCRoute"));
            }
            if (ref == null || !NginxGatewayFabric.GATEWAY_API_GROUP.equals(ref.getGroup())) {
                out.add(new Refusal(
                        "spec.targetRefs[" + i + "].group", "must be " + NginxGatewayFabric.GATEWAY_API_GROUP));
            }
            if (ref != null && !seen.add(ref.getGroup() + "/" + kind + "/" + ref.getName())) {
                out.add(new Refusal("spec.targetRefs[" + i + "]", "targets the same object twice"));
            }
            gateway |= "Gateway".equals(kind);
            route |= "HTTPRoute".equals(kind) || "GRPCRoute".equals(kind);
        }
        if (gateway && route) {
            out.add(new Refusal("spec.targetRefs", "mixes a Gateway with routes"));
        }
    }

    /** True when NGF treats two policies on the same target as conflicting: both set one of the same fields. */
    public static boolean conflicts(ProxySettingsPolicySpec a, ProxySettingsPolicySpec b) {
        return timeoutsConflict(a.getTimeout(), b.getTimeout())
                || bufferingConflicts(a.getBuffering(), b.getBuffering());
    }

    private static boolean timeoutsConflict(ProxyTimeout a, ProxyTimeout b) {
        return a != null
                && b != null
                && (both(a.getConnect(), b.getConnect())
                        || both(a.getRead(), b.getRead())
                        || both(a.getSend(), b.getSend()));
    }

    private static boolean bufferingConflicts(ProxyBuffering a, ProxyBuffering b) {
        return a != null
                && b != null
                && (both(a.getDisable(), b.getDisable())
                        || both(a.getBufferSize(), b.getBufferSize())
                        || both(a.getBuffers(), b.getBuffers())
                        || both(a.getBusyBuffersSize(), b.getBusyBuffersSize()));
    }

    private static boolean both(Object a, Object b) {
        return a != null && b != null;
    }

    /**
     * The policies NGF drops for a conflict with a policy of higher precedence on a shared target (older first, then
     * namespace, then name), mapped to the policy that wins. Refused policies neither win nor lose.
     */
    public static Map<ProxySettingsPolicy, ProxySettingsPolicy> conflicted(List<ProxySettingsPolicy> policies) {
        Map<String, List<ProxySettingsPolicy>> byTarget = new LinkedHashMap<>();
        for (ProxySettingsPolicy policy : policies) {
            if (!refusals(policy.getSpec()).isEmpty()) {
                continue;
            }
            for (LocalPolicyTargetReference ref : policy.getSpec().getTargetRefs()) {
                byTarget.computeIfAbsent(
                                policy.getMetadata().getNamespace() + "/" + ref.getKind() + "/" + ref.getName(),
                                k -> new ArrayList<>())
                        .add(policy);
            }
        }
        Map<ProxySettingsPolicy, ProxySettingsPolicy> losers = new IdentityHashMap<>();
        for (List<ProxySettingsPolicy> list : byTarget.values()) {
            list.sort(PRECEDENCE);
            for (int i = 0; i < list.size(); i++) {
                if (losers.containsKey(list.get(i))) {
                    continue;
                }
                for (int j = i + 1; j < list.size(); j++) {
                    if (!losers.containsKey(list.get(j))
                            && conflicts(list.get(i).getSpec(), list.get(j).getSpec())) {
                        losers.put(list.get(j), list.get(i));
                    }
                }
            }
        }
        return losers;
    }

    /** NGF's order of precedence: creation time (unset counts as earliest, as Go's zero time), namespace, name. */
    static final Comparator<ProxySettingsPolicy> PRECEDENCE = Comparator.comparing(
                    (ProxySettingsPolicy p) -> created(p.getMetadata().getCreationTimestamp()))
            .thenComparing(p -> Objects.toString(p.getMetadata().getNamespace(), ""))
            .thenComparing(p -> Objects.toString(p.getMetadata().getName(), ""));

    private static Instant created(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return Instant.MIN;
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (RuntimeException e) {
            return Instant.MIN;
        }
    }

    /** True when the policy targets this object (kind and name) in the policy's own namespace. */
    public static boolean targets(ProxySettingsPolicy policy, String namespace, String kind, String name) {
        return policy.getSpec() != null
                && Objects.equals(policy.getMetadata().getNamespace(), namespace)
                && policy.getSpec().getTargetRefs().stream()
                        .anyMatch(ref -> ref != null
                                && kind.equals(ref.getKind())
                                && Objects.equals(ref.getName(), name)
                                && NginxGatewayFabric.GATEWAY_API_GROUP.equals(ref.getGroup()));
    }

    /**
     * The timeout an HTTPRoute served through one Gateway ends up with: the route's policies first, then the
     * Gateway's, then nginx's 60 s. {@code policies} are all candidates; refused and conflicted ones are skipped.
     */
    public static Effective effective(
            Timeout timeout,
            List<ProxySettingsPolicy> policies,
            String routeNamespace,
            String routeName,
            String gatewayNamespace,
            String gatewayName) {
        Map<ProxySettingsPolicy, ProxySettingsPolicy> dropped = conflicted(policies);
        List<ProxySettingsPolicy> used = policies.stream()
                .filter(p -> refusals(p.getSpec()).isEmpty() && !dropped.containsKey(p))
                .sorted(PRECEDENCE)
                .toList();
        return setBy(timeout, used, routeNamespace, "HTTPRoute", routeName)
                .or(() -> setBy(timeout, used, gatewayNamespace, "Gateway", gatewayName))
                .orElse(new Effective(NginxGatewayFabric.DEFAULT_TIMEOUT, Optional.empty()));
    }

    private static Optional<Effective> setBy(
            Timeout timeout, List<ProxySettingsPolicy> used, String namespace, String kind, String name) {
        for (ProxySettingsPolicy policy : used) {
            if (targets(policy, namespace, kind, name)) {
                Optional<Duration> value = timeout.in(policy.getSpec()).flatMap(NginxGatewayFabric::parseDuration);
                if (value.isPresent()) {
                    return Optional.of(new Effective(value.get(), Optional.of(policy)));
                }
            }
        }
        return Optional.empty();
    }
}
