package io.wsroute.migrate;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.wsroute.migrate.Change.Kind;
import io.wsroute.nginx.GoBool;
import io.wsroute.nginx.IngressNginxAnnotations;
import io.wsroute.nginx.NginxIncAnnotations;
import io.wsroute.nginx.NginxIncEquivalents;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Rewrites one ingress-nginx Ingress for the F5 NGINX Ingress Controller: its {@code nginx.org/} annotations do what
 * the {@code nginx.ingress.kubernetes.io/} ones did, every Service that may carry WebSocket is listed in
 * {@code nginx.org/websocket-services}, and the class is the F5 one. Pure: no I/O.
 */
final class NginxIncMigration {

    /** The legacy class annotation; the F5 controller still reads it, so it must not keep naming the old class. */
    static final String LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /** ingress-nginx keys read together with another one and translated with it. */
    private static final Set<String> AFFINITY_DETAILS = Set.of(
            IngressNginxAnnotations.SESSION_COOKIE_NAME,
            IngressNginxAnnotations.SESSION_COOKIE_PATH,
            IngressNginxAnnotations.PREFIX + "session-cookie-max-age",
            IngressNginxAnnotations.PREFIX + "session-cookie-expires");

    private final MigrationOptions options;

    NginxIncMigration(MigrationOptions options) {
        this.options = options;
    }

    MigratedIngress migrate(String file, Ingress source, Map<String, Service> services) {
        Map<String, String> before = new TreeMap<>(
                source.getMetadata().getAnnotations() == null
                        ? Map.of()
                        : source.getMetadata().getAnnotations());
        Map<String, String> after = new TreeMap<>();
        List<Change> changes = new ArrayList<>();
        List<Backend> backends = Backend.of(source);
        List<String> serviceNames =
                backends.stream().map(Backend::service).distinct().toList();

        before.forEach((key, value) -> {
            if (key.startsWith(IngressNginxAnnotations.PREFIX)) {
                translate(key, value, before, serviceNames, after, changes);
            } else if (!key.equals(LEGACY_CLASS_ANNOTATION) && !key.equals(LAST_APPLIED)) {
                after.put(key, value);
            }
        });

        Map<String, Optional<String>> webSocket =
                WebSocketServices.decide(source, backends, services, options.pinnedServices());
        List<String> listed = webSocket.entrySet().stream()
                .filter(e -> e.getValue().isPresent())
                .map(Map.Entry::getKey)
                .toList();
        if (listed.isEmpty()) {
            after.remove(NginxIncAnnotations.WEBSOCKET_SERVICES);
        } else {
            after.put(NginxIncAnnotations.WEBSOCKET_SERVICES, String.join(",", listed));
        }
        String namespace = source.getMetadata().getNamespace();
        webSocket.forEach((service, reason) -> changes.add(webSocketChange(namespace, service, reason)));

        String oldClass = Optional.ofNullable(source.getSpec().getIngressClassName())
                .or(() -> Optional.ofNullable(before.get(LEGACY_CLASS_ANNOTATION)))
                .orElse("(the default class)");
        changes.add(new Change(Kind.NOTE, "IngressClass %s -> %s".formatted(oldClass, options.ingressClass())));

        Ingress migrated = new IngressBuilder(source)
                .withMetadata(cleanMetadata(source.getMetadata(), after))
                .editSpec()
                .withIngressClassName(options.ingressClass())
                .endSpec()
                .withStatus(null)
                .build();
        return new MigratedIngress(file, migrated, List.copyOf(changes), webSocket);
    }

    private static Change webSocketChange(String namespace, String service, Optional<String> reason) {
        if (reason.isPresent()) {
            return new Change(
                    Kind.TRANSLATED,
                    "Service %s carries WebSocket (%s): listed in %s"
                            .formatted(service, reason.get(), NginxIncAnnotations.WEBSOCKET_SERVICES));
        }
        return new Change(
                Kind.NOTE,
                ("Service %s: no WebSocket signal, so not in %s (the F5 controller will not forward Upgrade to it); "
                                + "if it serves WebSocket, pin it with --websocket-service %s/%s")
                        .formatted(service, NginxIncAnnotations.WEBSOCKET_SERVICES, namespace, service));
    }

    private void translate(
            String key,
            String value,
            Map<String, String> before,
            List<String> serviceNames,
            Map<String, String> after,
            List<Change> changes) {
        if (!NginxIncEquivalents.readByIngressNginx(key)) {
            changes.add(new Change(Kind.NOTE, "%s: ingress-nginx does not read it either; dropped".formatted(key)));
            return;
        }
        Optional<NginxIncEquivalents.Equivalent> equivalent = NginxIncEquivalents.equivalent(key);
        if (equivalent.isPresent()) {
            oneToOne(key, value, equivalent.get(), after, changes);
            return;
        }
        String name = key.substring(IngressNginxAnnotations.PREFIX.length());
        switch (name) {
            case "backend-protocol" -> backendProtocol(key, value, serviceNames, after, changes);
            case "affinity" -> affinity(key, value, before, serviceNames, after, changes);
            case "session-cookie-name", "session-cookie-path", "session-cookie-max-age", "session-cookie-expires" -> {
                if (!"cookie"
                        .equals(before.getOrDefault(IngressNginxAnnotations.AFFINITY, "")
                                .strip())) {
                    changes.add(new Change(
                            Kind.NOTE, "%s: without cookie affinity it did nothing; dropped".formatted(key)));
                }
            }
            case "upstream-hash-by" -> hashBy(key, value, before, after, changes);
            case "load-balance" -> loadBalance(key, value, after, changes);
            case "use-regex" -> useRegex(key, value, after, changes);
            case "configuration-snippet" -> {
                if (NginxIncEquivalents.onlyWebSocketHeaders(value)) {
                    changes.add(new Change(
                            Kind.TRANSLATED,
                            "%s only set the WebSocket upgrade headers, which %s makes the F5 controller write"
                                    .formatted(key, NginxIncAnnotations.WEBSOCKET_SERVICES)));
                } else {
                    lost(key, value, changes);
                }
            }
            default -> lost(key, value, changes);
        }
    }

    private static void oneToOne(
            String key,
            String value,
            NginxIncEquivalents.Equivalent equivalent,
            Map<String, String> after,
            List<Change> changes) {
        Optional<String> converted = equivalent.convert().apply(value);
        if (converted.isPresent()) {
            after.put(equivalent.target(), converted.get());
            changes.add(new Change(
                    Kind.TRANSLATED,
                    "%s \"%s\" -> %s \"%s\"".formatted(key, value, equivalent.target(), converted.get())));
        } else {
            changes.add(new Change(
                    Kind.DECIDE,
                    ("%s \"%s\": ingress-nginx does not read this value (it used its default), so it is not carried "
                                    + "over; set %s yourself if the value was meant")
                            .formatted(key, value, equivalent.target())));
        }
    }

    private static void lost(String key, String value, List<Change> changes) {
        changes.add(new Change(
                Kind.LOST,
                "%s \"%s\": %s"
                        .formatted(
                                key,
                                abbreviate(value),
                                NginxIncEquivalents.lossOf(key).consequence())));
    }

    private static void backendProtocol(
            String key, String value, List<String> serviceNames, Map<String, String> after, List<Change> changes) {
        String services = String.join(",", serviceNames);
        switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "HTTP" -> changes.add(new Change(Kind.TRANSLATED, key + " \"HTTP\": plain HTTP is the F5 default"));
            case "HTTPS" -> {
                after.put(NginxIncAnnotations.SSL_SERVICES, services);
                changes.add(new Change(
                        Kind.TRANSLATED,
                        "%s \"%s\" -> %s \"%s\"".formatted(key, value, NginxIncAnnotations.SSL_SERVICES, services)));
            }
            case "GRPC", "GRPCS" -> {
                after.put(NginxIncAnnotations.GRPC_SERVICES, services);
                if (value.strip().equalsIgnoreCase("GRPCS")) {
                    after.put(NginxIncAnnotations.SSL_SERVICES, services);
                }
                changes.add(new Change(
                        Kind.TRANSLATED,
                        "%s \"%s\" -> %s \"%s\"".formatted(key, value, NginxIncAnnotations.GRPC_SERVICES, services)));
            }
            case "AUTO_HTTP", "FCGI" -> lost(key, value, changes);
            default ->
                changes.add(new Change(
                        Kind.NOTE,
                        "%s \"%s\": not a protocol ingress-nginx accepts, it used HTTP; dropped"
                                .formatted(key, value)));
        }
    }

    private static void affinity(
            String key,
            String value,
            Map<String, String> before,
            List<String> serviceNames,
            Map<String, String> after,
            List<Change> changes) {
        if (!value.strip().equals("cookie")) {
            changes.add(new Change(
                    Kind.NOTE,
                    "%s \"%s\": ingress-nginx only knows \"cookie\", it had no affinity; dropped"
                            .formatted(key, value)));
            return;
        }
        Optional<String> cookie = NginxIncEquivalents.stickyCookieFor(
                Optional.ofNullable(before.get(IngressNginxAnnotations.SESSION_COOKIE_NAME)),
                Optional.ofNullable(before.get(IngressNginxAnnotations.PREFIX + "session-cookie-max-age")),
                Optional.ofNullable(before.get(IngressNginxAnnotations.PREFIX + "session-cookie-expires")),
                Optional.ofNullable(before.get(IngressNginxAnnotations.SESSION_COOKIE_PATH)));
        if (cookie.isEmpty() || serviceNames.isEmpty()) {
            changes.add(new Change(
                    Kind.DECIDE,
                    ("%s \"cookie\": its session-cookie settings do not fit %s's grammar; clients are no longer kept "
                                    + "on one pod: set %s or %s \"%s\"")
                            .formatted(
                                    key,
                                    NginxIncAnnotations.STICKY_COOKIE_SERVICES,
                                    NginxIncAnnotations.STICKY_COOKIE_SERVICES,
                                    NginxIncAnnotations.LB_METHOD,
                                    NginxIncAnnotations.LB_METHOD_IP_HASH)));
            return;
        }
        String sticky = serviceNames.stream()
                .map(s -> "serviceName=" + s + " " + cookie.get())
                .collect(Collectors.joining(";"));
        after.put(NginxIncAnnotations.STICKY_COOKIE_SERVICES, sticky);
        Set<String> details = new LinkedHashSet<>();
        AFFINITY_DETAILS.stream().filter(before::containsKey).sorted().forEach(details::add);
        changes.add(new Change(
                Kind.DECIDE,
                ("%s \"cookie\"%s -> %s \"%s\": the F5 controller writes nginx's sticky directive, which needs NGINX "
                                + "Plus or NGINX Open Source 1.29.6 or later; on an older NGINX Open Source use %s \"%s\" "
                                + "(affinity by client address) instead")
                        .formatted(
                                key,
                                details.isEmpty() ? "" : " (with " + String.join(", ", details) + ")",
                                NginxIncAnnotations.STICKY_COOKIE_SERVICES,
                                sticky,
                                NginxIncAnnotations.LB_METHOD,
                                NginxIncAnnotations.LB_METHOD_IP_HASH)));
    }

    private static void hashBy(
            String key, String value, Map<String, String> before, Map<String, String> after, List<Change> changes) {
        if ("cookie"
                .equals(before.getOrDefault(IngressNginxAnnotations.AFFINITY, "")
                        .strip())) {
            changes.add(new Change(
                    Kind.NOTE,
                    "%s: cookie affinity decides the pod in ingress-nginx, so the hash was unused; dropped"
                            .formatted(key)));
            return;
        }
        Optional<String> method = NginxIncEquivalents.hashLbMethodFor(value);
        if (method.isPresent()) {
            after.put(NginxIncAnnotations.LB_METHOD, method.get());
            changes.add(new Change(
                    Kind.TRANSLATED,
                    "%s \"%s\" -> %s \"%s\" (both a consistent hash of the key over the pods)"
                            .formatted(key, value, NginxIncAnnotations.LB_METHOD, method.get())));
        } else {
            lostWithAffinity(key, value, changes);
        }
    }

    private static void lostWithAffinity(String key, String value, List<Change> changes) {
        changes.add(new Change(
                Kind.DECIDE,
                ("%s \"%s\": the key is not made of nginx variables only, so it does not fit %s; clients are no "
                                + "longer kept on one pod: set %s yourself")
                        .formatted(
                                key, abbreviate(value), NginxIncAnnotations.LB_METHOD, NginxIncAnnotations.LB_METHOD)));
    }

    private static void loadBalance(String key, String value, Map<String, String> after, List<Change> changes) {
        Optional<String> method = NginxIncEquivalents.lbMethodFor(value);
        if (method.isPresent()) {
            after.putIfAbsent(NginxIncAnnotations.LB_METHOD, method.get());
            changes.add(new Change(
                    Kind.TRANSLATED,
                    "%s \"%s\" -> %s \"%s\"".formatted(key, value, NginxIncAnnotations.LB_METHOD, method.get())));
        } else {
            lost(key, value, changes);
        }
    }

    private static void useRegex(String key, String value, Map<String, String> after, List<Change> changes) {
        if (GoBool.parse(value.strip()).orElse(false)) {
            after.put(PATH_REGEX, "case_insensitive");
            changes.add(new Change(
                    Kind.TRANSLATED,
                    "%s \"%s\" -> %s \"case_insensitive\" (both write location ~* \"^PATH\")"
                            .formatted(key, value, PATH_REGEX)));
        } else {
            changes.add(new Change(
                    Kind.TRANSLATED, "%s \"%s\": plain prefix paths, as on the F5 controller".formatted(key, value)));
        }
    }

    private static final String PATH_REGEX = NginxIncAnnotations.PREFIX + "path-regex";

    /** The object as one would apply it: no server-set fields, the new annotations. */
    private static ObjectMeta cleanMetadata(ObjectMeta metadata, Map<String, String> annotations) {
        return new ObjectMetaBuilder()
                .withName(metadata.getName())
                .withNamespace(metadata.getNamespace())
                .withLabels(metadata.getLabels())
                .withAnnotations(annotations.isEmpty() ? null : annotations)
                .build();
    }

    private static String abbreviate(String value) {
        String oneLine = value.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
    }
}
