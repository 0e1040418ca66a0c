package io.wsroute.route;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.wsroute.gateway.ProxySettingsPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a live HTTPRoute or ProxySettingsPolicy already is what wsroute would apply, so an unchanged route makes
 * no request. The HTTPRoute is compared on the fields wsroute writes, not literally: the API server fills in
 * defaults (parentRef group and kind, backendRef kind and weight) that the plan leaves out.
 */
final class GatewayObjectsDiff {

    private GatewayObjectsDiff() {}

    static boolean matches(HTTPRoute live, HTTPRoute desired) {
        return metadataMatches(live, desired) && shape(live.getSpec()).equals(shape(desired.getSpec()));
    }

    static boolean matches(ProxySettingsPolicy live, ProxySettingsPolicy desired) {
        return metadataMatches(live, desired) && Objects.equals(live.getSpec(), desired.getSpec());
    }

    private static boolean metadataMatches(HasMetadata live, HasMetadata desired) {
        return orEmpty(live.getMetadata().getLabels())
                        .entrySet()
                        .containsAll(orEmpty(desired.getMetadata().getLabels()).entrySet())
                && Objects.equals(
                        live.getMetadata().getOwnerReferences(),
                        desired.getMetadata().getOwnerReferences());
    }

    /** What wsroute writes into an HTTPRoute spec, with absent and empty lists alike. */
    private static List<Object> shape(HTTPRouteSpec spec) {
        if (spec == null) {
            return List.of();
        }
        return List.of(
                list(spec.getParentRefs()).stream()
                        .map(GatewayObjectsDiff::parent)
                        .toList(),
                list(spec.getHostnames()),
                list(spec.getRules()).stream().map(GatewayObjectsDiff::rule).toList());
    }

    private static List<String> parent(ParentReference ref) {
        return java.util.Arrays.asList(ref.getName(), ref.getNamespace(), ref.getSectionName(), kind(ref.getKind()));
    }

    private static List<Object> rule(HTTPRouteRule rule) {
        return List.of(
                list(rule.getMatches()).stream().map(GatewayObjectsDiff::match).toList(),
                list(rule.getBackendRefs()).stream()
                        .map(GatewayObjectsDiff::backend)
                        .toList(),
                list(rule.getFilters()).size(),
                rule.getTimeouts() == null ? "" : rule.getTimeouts().toString());
    }

    private static List<String> match(HTTPRouteMatch match) {
        return java.util.Arrays.asList(
                match.getPath() == null ? null : match.getPath().getType(),
                match.getPath() == null ? null : match.getPath().getValue(),
                String.valueOf(list(match.getHeaders()).size()),
                String.valueOf(list(match.getQueryParams()).size()),
                match.getMethod());
    }

    private static List<Object> backend(HTTPBackendRef ref) {
        return java.util.Arrays.asList(
                ref.getName(),
                ref.getNamespace(),
                ref.getPort(),
                ref.getKind() == null ? "Service" : ref.getKind(),
                ref.getWeight() == null ? 1 : ref.getWeight(),
                list(ref.getFilters()).size());
    }

    private static String kind(String kind) {
        return kind == null ? "Gateway" : kind;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
