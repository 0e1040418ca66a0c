package io.wsroute.migrate;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.wsroute.migrate.Change.Kind;
import io.wsroute.nginx.NginxIncAnnotations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A migration of several Ingresses to the F5 controller: each is rewritten alone, then what only shows across them
 * is added. ingress-nginx merges the Ingresses of one host into one server; the F5 controller gives a host to one
 * Ingress (the oldest) and ignores the others' rules for it, unless they are mergeable (master and minions).
 */
public final class Migration {

    private final NginxIncMigration nginxInc;
    private final List<MigratedIngress> migrated = new ArrayList<>();

    public Migration(MigrationOptions options) {
        this.nginxInc = new NginxIncMigration(options);
    }

    public MigratedIngress add(String source, Ingress ingress, Map<String, Service> services) {
        MigratedIngress result = nginxInc.migrate(source, ingress, services);
        migrated.add(result);
        return result;
    }

    /** Every added Ingress, with the decisions that only show across them. */
    public List<MigratedIngress> finish() {
        Map<String, Set<String>> ingressesByHost = new LinkedHashMap<>();
        for (MigratedIngress ingress : migrated) {
            hosts(ingress.ingress())
                    .forEach(host -> ingressesByHost
                            .computeIfAbsent(host, h -> new LinkedHashSet<>())
                            .add(ingress.name()));
        }
        List<MigratedIngress> finished = new ArrayList<>();
        for (MigratedIngress ingress : migrated) {
            MigratedIngress withShared = ingress;
            for (String host : hosts(ingress.ingress())) {
                Set<String> sharing = new LinkedHashSet<>(ingressesByHost.get(host));
                sharing.remove(ingress.name());
                if (!sharing.isEmpty()) {
                    withShared = withShared.with(new Change(
                            Kind.DECIDE,
                            ("host %s is also in Ingress %s: ingress-nginx merged them, the F5 controller serves a "
                                            + "host from one Ingress only (the oldest) unless they become mergeable "
                                            + "(%s: master on one Ingress without paths, minion on the others)")
                                    .formatted(
                                            host.isEmpty() ? "(none)" : host,
                                            String.join(", ", sharing),
                                            NginxIncAnnotations.MERGEABLE_INGRESS_TYPE)));
                }
            }
            finished.add(withShared);
        }
        return finished;
    }

    private static Set<String> hosts(Ingress ingress) {
        Set<String> hosts = new LinkedHashSet<>();
        List<IngressRule> rules =
                ingress.getSpec() == null ? null : ingress.getSpec().getRules();
        for (IngressRule rule : rules == null ? List.<IngressRule>of() : rules) {
            if (rule != null) {
                hosts.add(Optional.ofNullable(rule.getHost()).orElse(""));
            }
        }
        return hosts;
    }
}
