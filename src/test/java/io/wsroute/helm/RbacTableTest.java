package io.wsroute.helm;

import static io.wsroute.helm.RenderedChart.render;
import static io.wsroute.helm.RenderedChart.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Least privilege is a contract: every permission the chart can grant has a row in README "Permissions" saying why,
 * and every row is still granted by some configuration (no stale promises).
 */
class RbacTableTest {

    /** Configurations that between them render every rule the chart has. */
    private static final List<Map<String, Object>> CONFIGURATIONS = List.of(
            Map.of(),
            values("tls.mode", "cert-manager"),
            values("tls.mode", "secret", "tls.secret.name", "s", "tls.secret.caBundle", "Q0EK"),
            values("leaderElection.enabled", false),
            values("webhooks.configMap.enabled", true, "metrics.serviceMonitor.enabled", true),
            values("webhooks.gatewayApi.enabled", true));

    @Test
    void everyRenderedPermissionIsInTheReadmeTable() throws Exception {
        Set<String> table = readmeTable();
        Set<String> rendered = rendered();
        assertThat(table).as("README Permissions table").isNotEmpty();
        assertThat(rendered)
                .as("rendered permissions missing from README \"Permissions\"")
                .isSubsetOf(table);
    }

    @Test
    void everyReadmeRowIsRenderedBySomeConfiguration() throws Exception {
        assertThat(readmeTable()).as("README rows no configuration renders").isSubsetOf(rendered());
    }

    @Test
    void noWildcardsAndNoSecretsBeyondTheCertificate() {
        for (Map<String, Object> configuration : CONFIGURATIONS) {
            RenderedChart chart = render(configuration);
            List<PolicyRule> rules = new ArrayList<>();
            chart.all(ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
            chart.all(Role.class).forEach(r -> rules.addAll(r.getRules()));
            for (PolicyRule rule : rules) {
                assertThat(Stream.of(rule.getApiGroups(), rule.getResources(), rule.getVerbs())
                                .flatMap(List::stream))
                        .as("%s", configuration)
                        .doesNotContain("*");
                if (rule.getResources().contains("secrets")) {
                    assertThat(rule.getResourceNames()).containsExactly("wsroute-webhook-tls");
                    assertThat(rule.getVerbs()).doesNotContain("list", "watch", "create", "delete");
                }
            }
            chart.all(ClusterRole.class)
                    .forEach(role -> assertThat(role.getRules())
                            .noneMatch(r -> r.getResources().contains("secrets")
                                    || r.getResources().contains("leases")));
        }
    }

    /** "group resource verb" for every permission the chart renders in any of the configurations. */
    private static Set<String> rendered() {
        Set<String> permissions = new TreeSet<>();
        for (Map<String, Object> configuration : CONFIGURATIONS) {
            RenderedChart chart = render(configuration);
            Stream.concat(
                            chart.all(ClusterRole.class).stream().map(ClusterRole::getRules),
                            chart.all(Role.class).stream().map(Role::getRules))
                    .flatMap(List::stream)
                    .forEach(rule -> rule.getApiGroups()
                            .forEach(group -> rule.getResources()
                                    .forEach(resource -> rule.getVerbs()
                                            .forEach(verb -> permissions.add(group + " " + resource + " " + verb)))));
        }
        return permissions;
    }

    /** Rows of the table under "### Permissions": | `group` | `resource` | verb, verb | scope | why |. */
    private static Set<String> readmeTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Permissions"));
        section = section.substring(0, section.indexOf("\n#", 1));
        Set<String> permissions = new TreeSet<>();
        section.lines().filter(line -> line.startsWith("| `")).forEach(line -> {
            String[] cells = line.split("\\|");
            String group = cells[1].strip().replace("`", "").replace("\"\"", "");
            String resource = cells[2].strip().replace("`", "");
            for (String verb : cells[3].split(",")) {
                permissions.add(group + " " + resource + " " + verb.strip());
            }
        });
        return permissions;
    }
}
