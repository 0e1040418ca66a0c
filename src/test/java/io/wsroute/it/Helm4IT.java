package io.wsroute.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wsroute.helm.RenderedChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart as a new user drives it with Helm 4 (the real v4.1.4 binary, beside helm-java's Helm 3) against a real
 * kube-apiserver: lint --strict, install, upgrade, uninstall, and README's path for CRDs that kubectl applied first.
 * Helm 4 installs the chart's crds/ with server-side apply by default, skipping a CRD only when the API server answers
 * AlreadyExists (helm/helm v4.1.4 pkg/action/install.go Install.installCRDs; pkg/cmd/install.go: --server-side
 * defaults to true); Helm 3 creates them and skips any that exist.
 */
class Helm4IT {

    private static final List<String> CRDS = List.of("websocketroutes.wsroute.io", "websocketauditreports.wsroute.io");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KubeAPIServer server;
    private static Path kubeconfig;
    private static KubernetesClient admin;
    private static Helm4 helm4;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("wsroute-helm4-it");
        kubeconfig = dir.resolve("kubeconfig");
        helm4 = Helm4.against(kubeconfig);
        server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(RealApiServer.KUBE_VERSION)
                .withUpdateKubeConfig(false)
                .build());
        server.start();
        Files.writeString(kubeconfig, server.getKubeConfigYaml());
        admin = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml()))
                .build();
        assertThat(helm4.run("version", "--template", "{{.Version}}")
                        .succeeded()
                        .out())
                .isEqualTo(Helm4.VERSION);
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void lintStrictPassesWithHelm4() throws Exception {
        Helm4.Result lint = helm4.run("lint", "--strict", RenderedChart.CHART.toString());
        assertThat(lint.exit()).as(lint.err() + lint.out()).isZero();
        assertThat(lint.out()).contains("1 chart(s) linted, 0 chart(s) failed");
    }

    @Test
    void installUpgradeAndUninstallWithHelm4() throws Exception {
        String namespace = namespace("helm4-fresh");
        removeCrds();

        helm4.run("install", "wsroute", RenderedChart.CHART.toString(), "-n", namespace)
                .succeeded();
        assertThat(status("wsroute", namespace).path("info").path("status").asText())
                .isEqualTo("deployed");
        assertThat(admin.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withName("wsroute")
                        .get())
                .isNotNull();
        assertThat(webhookTimeouts("wsroute")).containsOnly(5);
        for (String crd : CRDS) {
            assertThat(crd(crd)).as(crd).isNotNull();
        }

        helm4.run(
                        "upgrade",
                        "wsroute",
                        RenderedChart.CHART.toString(),
                        "-n",
                        namespace,
                        "--set",
                        "webhooks.timeoutSeconds=4")
                .succeeded();
        JsonNode upgraded = status("wsroute", namespace);
        assertThat(upgraded.path("version").asInt()).isEqualTo(2);
        assertThat(upgraded.path("info").path("status").asText()).isEqualTo("deployed");
        assertThat(webhookTimeouts("wsroute")).containsOnly(4);

        helm4.run("uninstall", "wsroute", "-n", namespace).succeeded();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.apps()
                                .deployments()
                                .inNamespace(namespace)
                                .withName("wsroute")
                                .get()
                        == null);
        assertThat(admin.admissionRegistration()
                        .v1()
                        .validatingWebhookConfigurations()
                        .withName("wsroute")
                        .get())
                .isNull();
        // as Helm does for every chart, crds/ outlives the release
        for (String crd : CRDS) {
            assertThat(crd(crd)).as(crd).isNotNull();
        }
    }

    @Test
    void crdsAppliedWithKubectlFirstConflictUnlessInstalledWithSkipCrdsOrForceConflicts() throws Exception {
        String namespace = namespace("helm4-kubectl");
        removeCrds();
        kubectl("apply", "-f", "crds/");

        Helm4.Result plain = helm4.run("install", "wsroute-k", RenderedChart.CHART.toString(), "-n", namespace);
        assertThat(plain.exit()).isNotZero();
        assertThat(plain.err())
                .contains("failed to install CRD")
                .contains("conflict")
                .contains("kubectl-client-side-apply")
                .contains(".spec.versions");

        // README "Install": the CRDs stay kubectl's; Helm installs everything else
        helm4.run("install", "wsroute-k", RenderedChart.CHART.toString(), "-n", namespace, "--skip-crds")
                .succeeded();
        assertThat(status("wsroute-k", namespace).path("info").path("status").asText())
                .isEqualTo("deployed");
        helm4.run("upgrade", "wsroute-k", RenderedChart.CHART.toString(), "-n", namespace)
                .succeeded();
        helm4.run("uninstall", "wsroute-k", "-n", namespace).succeeded();

        // or Helm takes the CRDs' fields over from kubectl
        helm4.run("install", "wsroute-k", RenderedChart.CHART.toString(), "-n", namespace, "--force-conflicts")
                .succeeded();
        assertThat(status("wsroute-k", namespace).path("info").path("status").asText())
                .isEqualTo("deployed");
        helm4.run("uninstall", "wsroute-k", "-n", namespace).succeeded();
    }

    @Test
    void helm3InstallsOverKubectlCrdsAndHelm4UpgradesThatRelease() throws Exception {
        String namespace = namespace("helm3-then-4");
        removeCrds();
        kubectl("apply", "-f", "crds/");

        // Helm 3 (helm-java) creates the chart's CRDs and skips those that exist
        Release installed = new Helm(RenderedChart.CHART)
                .install()
                .withName("wsroute-3")
                .withNamespace(namespace)
                .withKubeConfig(kubeconfig)
                .call();
        assertThat(installed.getStatus()).isEqualTo("deployed");

        helm4.run(
                        "upgrade",
                        "wsroute-3",
                        RenderedChart.CHART.toString(),
                        "-n",
                        namespace,
                        "--set",
                        "webhooks.timeoutSeconds=3")
                .succeeded();
        assertThat(status("wsroute-3", namespace).path("version").asInt()).isEqualTo(2);
        assertThat(webhookTimeouts("wsroute-3")).containsOnly(3);
        helm4.run("uninstall", "wsroute-3", "-n", namespace).succeeded();
    }

    private static String namespace(String name) {
        admin.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .serverSideApply();
        return name;
    }

    private static CustomResourceDefinition crd(String name) {
        return admin.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(name)
                .get();
    }

    private static void removeCrds() {
        for (String name : CRDS) {
            admin.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(name)
                    .delete();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> CRDS.stream().allMatch(n -> crd(n) == null));
    }

    private static List<Integer> webhookTimeouts(String name) {
        return admin
                .admissionRegistration()
                .v1()
                .validatingWebhookConfigurations()
                .withName(name)
                .get()
                .getWebhooks()
                .stream()
                .map(w -> w.getTimeoutSeconds())
                .toList();
    }

    private static JsonNode status(String release, String namespace) throws Exception {
        return JSON.readTree(helm4.run("status", release, "-n", namespace, "-o", "json")
                .succeeded()
                .out());
    }

    /** kubectl as README's "without Helm" path runs it: client-side apply. */
    private static void kubectl(String... arguments) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(List.of(RealApiServer.kubectl(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
