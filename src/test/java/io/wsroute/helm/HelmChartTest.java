package io.wsroute.helm;

import static io.wsroute.helm.RenderedChart.NAMESPACE;
import static io.wsroute.helm.RenderedChart.render;
import static io.wsroute.helm.RenderedChart.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chart, linted and rendered by real Helm, with assertions on the objects it renders. */
class HelmChartTest {

    @Test
    void lintPassesStrict() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultsRenderEveryObjectWithStandardLabels() {
        RenderedChart chart = render(Map.of());
        assertThat(chart.objects())
                .extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder(
                        "PodDisruptionBudget",
                        "ServiceAccount",
                        "Secret",
                        "ClusterRole",
                        "ClusterRoleBinding",
                        "Role",
                        "RoleBinding",
                        "Service",
                        "Deployment",
                        "MutatingWebhookConfiguration",
                        "ValidatingWebhookConfiguration");
        for (HasMetadata object : chart.objects()) {
            assertThat(object.getMetadata().getLabels())
                    .as(object.getKind())
                    .containsEntry("app.kubernetes.io/name", "wsroute")
                    .containsEntry("app.kubernetes.io/instance", "wsroute")
                    .containsEntry("app.kubernetes.io/version", "0.1.0")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsKey("helm.sh/chart");
        }
        assertThat(chart.objects())
                .filteredOn(
                        o -> !o.getKind().contains("Cluster") && !o.getKind().contains("Webhook"))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace())
                        .as(o.getKind())
                        .isEqualTo(NAMESPACE));
        assertThat(chart.ofKind("PodDisruptionBudget").get(0).getApiVersion()).isEqualTo("policy/v1");
    }

    @Test
    void deploymentIsHighlyAvailableWithProbesAndResources() {
        Deployment deployment = render(Map.of()).one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment
                        .getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .isZero();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/group/wsroute");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("http");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(container.getPorts())
                .extracting(p -> p.getName() + "=" + p.getContainerPort())
                .containsExactlyInAnyOrder("http=8080", "https=8443");
        assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(term -> {
                    assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                    assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                            .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
                });
        assertThat(pod.getTopologySpreadConstraints()).singleElement().satisfies(spread -> {
            assertThat(spread.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
            assertThat(spread.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
        });
        assertThat(pod.getServiceAccountName()).isEqualTo("wsroute");
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "wsroute", "app.kubernetes.io/instance", "wsroute"));
        // SerialGC instead of the image's default ParallelGC (one collector only: run-java.sh replaces its own with it)
        assertThat(container.getEnv())
                .filteredOn(env -> env.getName().equals("GC_CONTAINER_OPTIONS"))
                .singleElement()
                .satisfies(env -> assertThat(env.getValue()).isEqualTo("-XX:+UseSerialGC"));
        // the image's heap-shrinking sizing is overridden (BENCHMARKS.md: it halved large-review throughput)
        assertThat(container.getEnv())
                .filteredOn(env -> env.getName().equals("JAVA_OPTS_APPEND"))
                .singleElement()
                .satisfies(env -> assertThat(env.getValue())
                        .contains(
                                // heap and native memory under load stay inside the 512Mi limit (BENCHMARKS.md)
                                "-XX:MaxRAMPercentage=50",
                                "-XX:MinHeapFreeRatio=40",
                                "-XX:MaxHeapFreeRatio=70",
                                // what the C library keeps of start-up's native memory goes back (BENCHMARKS.md)
                                "-XX:TrimNativeHeapInterval=5000",
                                // the image's Java 25 runtime: the AOT cache it trained, with the headers it was
                                // trained with (ImageTest holds the Dockerfile to the same options)
                                "-XX:+UseCompactObjectHeaders",
                                "-XX:AOTCache=/deployments/aot/wsroute.aot"));
    }

    @Test
    void podPassesTheRestrictedPodSecurityStandard() {
        PodSpec pod =
                render(Map.of()).one(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(185L);
        Container container = pod.getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes())
                .filteredOn(v -> v.getName().equals("tmp"))
                .singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    }

    @Test
    void restrictedCheckCatchesAWeakenedSecurityContext() {
        PodSpec pod = render(values(
                        "securityContext.allowPrivilegeEscalation",
                        true,
                        "podSecurityContext.runAsUser",
                        0,
                        "securityContext.capabilities.drop[0]",
                        "NET_RAW"))
                .one(Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(RestrictedPodSecurity.violations(pod))
                .contains(
                        "pod runAsUser 0",
                        "container wsroute: allowPrivilegeEscalation must be false",
                        "container wsroute: capabilities must drop ALL");
    }

    @Test
    void everyApplicationValueReachesItsConfigKey() {
        Map<String, String> env = env(render(values(
                "admission.mode",
                "warn",
                "admission.defaultController",
                "nginx-inc",
                "admission.deadline",
                "1500ms",
                "rules.minIdleTimeout",
                "2h",
                "rules.minReloadGrace",
                "300s",
                "controllers.ingressNginx.configMap",
                "edge/nginx-conf",
                "controllers.nginxInc.configMap",
                "f5/f5-conf",
                "controllers.nginxInc.snippetsEnabled",
                true,
                "watchNamespaces[0]",
                "team-a",
                "watchNamespaces[1]",
                "team-b",
                "controllers.ingressNginx.service",
                "edge/nginx-svc",
                "controllers.nginxInc.service",
                "f5/f5-svc",
                "controllers.ingressNginx.version",
                "1.11.3",
                "controllers.ingressNginx.sslPassthrough",
                false,
                "probe.mode",
                "address",
                "probe.address",
                "10.0.0.7",
                "probe.interval",
                "10m",
                "probe.timeout",
                "3s",
                "probe.insecure",
                true)));
        assertThat(env)
                .containsEntry("WSROUTE_ADMISSION_MODE", "warn")
                .containsEntry("WSROUTE_ADMISSION_DEFAULT_CONTROLLER", "nginx-inc")
                .containsEntry("WSROUTE_ADMISSION_DEADLINE", "1500ms")
                .containsEntry("WSROUTE_RULES_MIN_IDLE_TIMEOUT", "2h")
                .containsEntry("WSROUTE_RULES_MIN_RELOAD_GRACE", "300s")
                .containsEntry("WSROUTE_CONTROLLERS_INGRESS_NGINX_CONFIG_MAP", "edge/nginx-conf")
                .containsEntry("WSROUTE_CONTROLLERS_NGINX_INC_CONFIG_MAP", "f5/f5-conf")
                .containsEntry("WSROUTE_CONTROLLERS_NGINX_INC_SNIPPETS_ENABLED", "true")
                .containsEntry("WSROUTE_CONTROLLERS_INGRESS_NGINX_SSL_PASSTHROUGH", "false")
                .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b")
                .containsEntry("WSROUTE_CONTROLLERS_INGRESS_NGINX_SERVICE", "edge/nginx-svc")
                .containsEntry("WSROUTE_CONTROLLERS_NGINX_INC_SERVICE", "f5/f5-svc")
                .containsEntry("WSROUTE_CONTROLLERS_INGRESS_NGINX_VERSION", "1.11.3")
                .containsEntry("WSROUTE_PROBE_MODE", "address")
                .containsEntry("WSROUTE_PROBE_ADDRESS", "10.0.0.7")
                .containsEntry("WSROUTE_PROBE_INTERVAL", "10m")
                .containsEntry("WSROUTE_PROBE_TIMEOUT", "3s")
                .containsEntry("WSROUTE_PROBE_INSECURE", "true");
        assertThat(env(render(Map.of())))
                .containsEntry("WSROUTE_ADMISSION_MODE", "enforce")
                .containsEntry("WSROUTE_RULES_MIN_IDLE_TIMEOUT", "1h")
                .containsEntry("WSROUTE_TLS_CERT", "/etc/wsroute/tls/tls.crt")
                .containsEntry("WSROUTE_TLS_KEY", "/etc/wsroute/tls/tls.key")
                .doesNotContainKey("QUARKUS_OPERATOR_SDK_NAMESPACES")
                .doesNotContainKey("WSROUTE_CONTROLLERS_INGRESS_NGINX_VERSION");
    }

    @Test
    void controllerConfigMapsAreTheOnlyConfigMapsWsrouteMayRead() {
        ClusterRole role = render(values("controllers.ingressNginx.configMap", "edge/nginx-conf"))
                .one(ClusterRole.class);
        assertThat(role.getRules())
                .filteredOn(r -> r.getResources().contains("configmaps"))
                .singleElement()
                .satisfies(rule -> {
                    assertThat(rule.getResourceNames()).containsExactlyInAnyOrder("nginx-conf", "nginx-ingress");
                    assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
                });
    }

    @Test
    void webhooksMatchTheContractAndExcludeSystemNamespaces() {
        RenderedChart chart = render(Map.of());
        MutatingWebhook mutate =
                chart.one(MutatingWebhookConfiguration.class).getWebhooks().get(0);
        List<ValidatingWebhook> validating =
                chart.one(ValidatingWebhookConfiguration.class).getWebhooks();
        assertThat(validating).hasSize(1);
        ValidatingWebhook validate = validating.get(0);
        assertThat(mutate.getClientConfig().getService().getPath()).isEqualTo("/admission/ingress/mutate");
        assertThat(validate.getClientConfig().getService().getPath()).isEqualTo("/admission/ingress/validate");
        for (var hook : List.of(
                new Hook(
                        mutate.getName(),
                        mutate.getAdmissionReviewVersions(),
                        mutate.getSideEffects(),
                        mutate.getTimeoutSeconds(),
                        mutate.getFailurePolicy(),
                        mutate.getNamespaceSelector().getMatchExpressions(),
                        mutate.getClientConfig().getService().getName(),
                        mutate.getClientConfig().getService().getPort()),
                new Hook(
                        validate.getName(),
                        validate.getAdmissionReviewVersions(),
                        validate.getSideEffects(),
                        validate.getTimeoutSeconds(),
                        validate.getFailurePolicy(),
                        validate.getNamespaceSelector().getMatchExpressions(),
                        validate.getClientConfig().getService().getName(),
                        validate.getClientConfig().getService().getPort()))) {
            assertThat(hook.versions()).as(hook.name()).containsExactly("v1");
            assertThat(hook.sideEffects()).as(hook.name()).isEqualTo("None");
            assertThat(hook.timeout()).as(hook.name()).isBetween(1, 10);
            assertThat(hook.failurePolicy()).as(hook.name()).isEqualTo("Fail");
            assertThat(hook.namespaces())
                    .as(hook.name())
                    .contains(
                            new LabelSelectorRequirement(
                                    "kubernetes.io/metadata.name", "NotIn", List.of("kube-system", NAMESPACE)),
                            new LabelSelectorRequirement("wsroute.io/admission", "NotIn", List.of("off")));
            assertThat(hook.service()).isEqualTo("wsroute");
            assertThat(hook.port()).isEqualTo(443);
        }
        assertThat(mutate.getReinvocationPolicy()).isEqualTo("IfNeeded");
        assertThat(mutate.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("networking.k8s.io");
            assertThat(rule.getResources()).containsExactly("ingresses");
            assertThat(rule.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE");
        });
        Service service = chart.one(Service.class);
        assertThat(service.getSpec().getPorts())
                .filteredOn(p -> p.getPort() == 443)
                .singleElement()
                .extracting(ServicePort::getTargetPort)
                .satisfies(p -> assertThat(p.getStrVal()).isEqualTo("https"));
        assertThat(service.getSpec().getPorts())
                .allSatisfy(p -> assertThat(p.getProtocol()).isEqualTo("TCP"));
    }

    @Test
    void webhookValuesChangeFailurePolicyTimeoutAndExclusions() {
        RenderedChart chart = render(values(
                "webhooks.failurePolicy",
                "Ignore",
                "webhooks.timeoutSeconds",
                3,
                "webhooks.excludeNamespaces[0]",
                "monitoring",
                "webhooks.namespaceSelector.matchLabels.team",
                "web",
                "webhooks.configMap.enabled",
                true));
        MutatingWebhook mutate =
                chart.one(MutatingWebhookConfiguration.class).getWebhooks().get(0);
        assertThat(mutate.getFailurePolicy()).isEqualTo("Ignore");
        assertThat(mutate.getTimeoutSeconds()).isEqualTo(3);
        assertThat(mutate.getNamespaceSelector().getMatchExpressions())
                .contains(new LabelSelectorRequirement(
                        "kubernetes.io/metadata.name", "NotIn", List.of("kube-system", NAMESPACE, "monitoring")));
        assertThat(mutate.getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("team", "web"));
        List<ValidatingWebhook> validating =
                chart.one(ValidatingWebhookConfiguration.class).getWebhooks();
        assertThat(validating)
                .extracting(ValidatingWebhook::getName)
                .containsExactly("ingress.validate.wsroute.io", "configmap.validate.wsroute.io");
        ValidatingWebhook configMaps = validating.get(1);
        assertThat(configMaps.getClientConfig().getService().getPath()).isEqualTo("/admission/configmap/validate");
        assertThat(configMaps.getFailurePolicy()).isEqualTo("Ignore");
        assertThat(configMaps.getNamespaceSelector().getMatchExpressions())
                .containsExactly(new LabelSelectorRequirement(
                        "kubernetes.io/metadata.name", "In", List.of("ingress-nginx", "nginx-ingress")));
    }

    @Test
    void selfManagedTlsIsTheDefault() {
        RenderedChart chart = render(Map.of());
        Secret secret = chart.one(Secret.class);
        assertThat(secret.getMetadata().getName()).isEqualTo("wsroute-webhook-tls");
        assertThat(secret.getData()).isNullOrEmpty();
        assertThat(env(chart))
                .containsEntry("WSROUTE_TLS_SELF_MANAGED_ENABLED", "true")
                .containsEntry("WSROUTE_TLS_SELF_MANAGED_SECRET", "wsroute-webhook-tls")
                .containsEntry("WSROUTE_TLS_SELF_MANAGED_SERVICE", "wsroute")
                .containsEntry("WSROUTE_TLS_SELF_MANAGED_WEBHOOK_CONFIGURATION", "wsroute")
                .containsEntry("WSROUTE_TLS_SELF_MANAGED_RENEW_BEFORE", "720h");
        assertThat(tlsVolume(chart).getEmptyDir()).isNotNull();
        PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getInitContainers()).singleElement().satisfies(init -> {
            assertThat(init.getArgs()).containsExactly("webhook-tls");
            assertThat(init.getImage()).isEqualTo(pod.getContainers().get(0).getImage());
            assertThat(init.getEnv())
                    .extracting(EnvVar::getName)
                    .contains(
                            "WSROUTE_TLS_CERT",
                            "WSROUTE_TLS_SELF_MANAGED_ENABLED",
                            "WSROUTE_TLS_SELF_MANAGED_NAMESPACE");
            assertThat(init.getVolumeMounts())
                    .anySatisfy(m -> assertThat(m.getName()).isEqualTo("tls"));
        });
        assertThat(chart.one(MutatingWebhookConfiguration.class)
                        .getWebhooks()
                        .get(0)
                        .getClientConfig()
                        .getCaBundle())
                .isNull();
        assertThat(rules(chart.one(Role.class)))
                .contains("/secrets/get/wsroute-webhook-tls", "/secrets/update/wsroute-webhook-tls");
        assertThat(rules(chart.one(ClusterRole.class)))
                .contains(
                        "admissionregistration.k8s.io/validatingwebhookconfigurations/patch/wsroute",
                        "admissionregistration.k8s.io/mutatingwebhookconfigurations/patch/wsroute");
    }

    @Test
    void certManagerTlsUsesACertificateAndCaInjection() {
        RenderedChart chart = render(values("tls.mode", "cert-manager"));
        List<HasMetadata> certificates = chart.ofKind("Certificate");
        assertThat(certificates)
                .extracting(c -> c.getMetadata().getName())
                .containsExactlyInAnyOrder("wsroute-ca", "wsroute-webhook");
        GenericKubernetesResource serving = (GenericKubernetesResource) certificates.stream()
                .filter(c -> c.getMetadata().getName().equals("wsroute-webhook"))
                .findFirst()
                .orElseThrow();
        assertThat(serving.<String>get("spec", "secretName")).isEqualTo("wsroute-webhook-tls");
        assertThat(serving.<List<String>>get("spec", "dnsNames")).contains("wsroute.wsroute-system.svc");
        assertThat(serving.<String>get("spec", "issuerRef", "name")).isEqualTo("wsroute-ca");
        assertThat(chart.one(ValidatingWebhookConfiguration.class).getMetadata().getAnnotations())
                .containsEntry("cert-manager.io/inject-ca-from", "wsroute-system/wsroute-webhook");
        assertThat(chart.one(MutatingWebhookConfiguration.class).getMetadata().getAnnotations())
                .containsEntry("cert-manager.io/inject-ca-from", "wsroute-system/wsroute-webhook");
        assertThat(tlsVolume(chart).getSecret().getSecretName()).isEqualTo("wsroute-webhook-tls");
        assertThat(chart.one(Deployment.class).getSpec().getTemplate().getSpec().getInitContainers())
                .isEmpty();
        assertThat(chart.all(Secret.class)).isEmpty();
        assertThat(env(chart)).doesNotContainKey("WSROUTE_TLS_SELF_MANAGED_ENABLED");
        assertThat(allRules(chart)).noneMatch(r -> r.contains("/secrets/") || r.contains("webhookconfigurations"));

        RenderedChart ownIssuer = render(values(
                "tls.mode",
                "cert-manager",
                "tls.certManager.issuerRef.kind",
                "ClusterIssuer",
                "tls.certManager.issuerRef.name",
                "corp-ca"));
        assertThat(ownIssuer.ofKind("Issuer")).isEmpty();
        assertThat(((GenericKubernetesResource) ownIssuer.ofKind("Certificate").get(0))
                        .<String>get("spec", "issuerRef", "name"))
                .isEqualTo("corp-ca");
    }

    @Test
    void userSuppliedSecretIsMountedAndItsCaBundleUsed() {
        RenderedChart chart = render(
                values("tls.mode", "secret", "tls.secret.name", "my-webhook-cert", "tls.secret.caBundle", "Q0EK"));
        assertThat(tlsVolume(chart).getSecret().getSecretName()).isEqualTo("my-webhook-cert");
        assertThat(chart.one(ValidatingWebhookConfiguration.class)
                        .getWebhooks()
                        .get(0)
                        .getClientConfig()
                        .getCaBundle())
                .isEqualTo("Q0EK");
        assertThat(chart.one(MutatingWebhookConfiguration.class)
                        .getWebhooks()
                        .get(0)
                        .getClientConfig()
                        .getCaBundle())
                .isEqualTo("Q0EK");
        assertThat(chart.all(Secret.class)).isEmpty();
        assertThat(chart.ofKind("Certificate")).isEmpty();
        assertThat(allRules(chart)).noneMatch(r -> r.contains("/secrets/"));
    }

    @Test
    void leaderElectionUsesALeaseInTheReleaseNamespaceOnly() {
        RenderedChart chart = render(Map.of());
        assertThat(env(chart))
                .containsEntry("WSROUTE_LEADER_ELECTION_LEASE_NAME", "wsroute-leader")
                .containsKey("WSROUTE_LEADER_ELECTION_NAMESPACE");
        assertThat(rules(chart.one(Role.class)))
                .contains(
                        "coordination.k8s.io/leases/create/",
                        "coordination.k8s.io/leases/get/wsroute-leader",
                        "coordination.k8s.io/leases/update/wsroute-leader");
        assertThat(rules(chart.one(ClusterRole.class))).noneMatch(r -> r.contains("leases"));

        RenderedChart single = render(values("leaderElection.enabled", false, "replicaCount", 1));
        assertThat(env(single)).doesNotContainKey("WSROUTE_LEADER_ELECTION_LEASE_NAME");
        assertThat(allRules(single)).noneMatch(r -> r.contains("leases"));
    }

    @Test
    void optionalObjectsFollowTheirValues() {
        RenderedChart chart = render(values(
                "metrics.serviceMonitor.enabled",
                true,
                "metrics.serviceMonitor.labels.release",
                "prom",
                "podDisruptionBudget.enabled",
                false,
                "serviceAccount.create",
                false,
                "serviceAccount.name",
                "platform-sa",
                "rbac.create",
                false));
        assertThat(chart.ofKind("ServiceMonitor")).singleElement().satisfies(monitor -> {
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prom");
            assertThat(((GenericKubernetesResource) monitor).<String>get("spec", "endpoints", 0, "path"))
                    .isEqualTo("/q/metrics");
        });
        assertThat(chart.ofKind("PodDisruptionBudget")).isEmpty();
        assertThat(chart.ofKind("ServiceAccount")).isEmpty();
        assertThat(chart.objects()).noneMatch(o -> o.getKind().contains("Role"));
        assertThat(chart.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("platform-sa");
    }

    @Test
    void rendersForTheOldestSupportedKubernetesAndRefusesOlder() {
        assertThat(render(Map.of(), "1.20.2").one(Deployment.class)).isNotNull();
        assertThatThrownBy(() -> render(Map.of(), "1.19.16")).hasMessageContaining("kubeVersion");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            admission.mode               | off          | /admission/mode
            webhooks.failurePolicy       | Never        | failurePolicy
            webhooks.timeoutSeconds      | 60           | timeoutSeconds
            rules.minIdleTimeout         | forever      | minIdleTimeout
            controllers.ingressNginx.configMap | no-namespace | configMap
            tls.mode                     | letsencrypt  | mode
            probe.mode                   | always       | /probe/mode
            replicaCount                 | 0            | replicaCount
            unknownValue                 | x            | unknownValue
            tls.secret.caBundle          | "$(whoami)"  | caBundle
            """)
    void schemaRefusesBadValues(String key, String value, String named) {
        assertThatThrownBy(() -> render(values(key, value))).hasMessageContaining(named);
    }

    @Test
    void notesSayHowToCheckAndHowToExcludeNamespacesOnKubernetes120() {
        String old = notes("1.20.2", "enforce");
        assertThat(old)
                .contains("rollout status deployment/wsroute", "get lease wsroute-leader", "and refuses it")
                .contains("kubectl label namespace kube-system wsroute-system wsroute.io/admission=off");
        String current = notes("1.29.0", "warn");
        assertThat(current).contains("as a warning").doesNotContain("WARNING", "kubectl label namespace");
    }

    private static String notes(String kubeVersion, String mode) {
        String output = new Helm(RenderedChart.CHART)
                .install()
                .withName(RenderedChart.RELEASE)
                .withNamespace(NAMESPACE)
                .dryRun()
                .clientOnly()
                .withKubeVersion(kubeVersion)
                .set("admission.mode", mode)
                .call()
                .getOutput();
        return output.substring(output.indexOf("NOTES:"));
    }

    @Test
    void probeModeAddressNeedsAnAddress() {
        assertThatThrownBy(() -> render(values("probe.mode", "address"))).hasMessageContaining("address");
        assertThat(env(render(Map.of())))
                .containsEntry("WSROUTE_PROBE_MODE", "controller-service")
                .doesNotContainKey("WSROUTE_PROBE_ADDRESS");
    }

    @Test
    void userSuppliedSecretModeNeedsNameAndCaBundle() {
        assertThatThrownBy(() -> render(values("tls.mode", "secret"))).hasMessageContaining("name");
    }

    private record Hook(
            String name,
            List<String> versions,
            String sideEffects,
            Integer timeout,
            String failurePolicy,
            List<LabelSelectorRequirement> namespaces,
            String service,
            Integer port) {}

    static Map<String, String> env(RenderedChart chart) {
        return chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(
                        EnvVar::getName,
                        e -> e.getValue() == null
                                ? "<from " + e.getValueFrom().getFieldRef().getFieldPath() + ">"
                                : e.getValue()));
    }

    private static Volume tlsVolume(RenderedChart chart) {
        return chart.one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("tls"))
                .findFirst()
                .orElseThrow();
    }

    /** Each rule as group/resource/verb/resourceName strings, one per combination. */
    static List<String> rules(List<PolicyRule> rules) {
        return rules.stream()
                .flatMap(rule -> rule.getApiGroups().stream()
                        .flatMap(group -> rule.getResources().stream()
                                .flatMap(resource -> rule.getVerbs().stream()
                                        .flatMap(verb -> (rule.getResourceNames()
                                                                .isEmpty()
                                                        ? Stream.of("")
                                                        : rule.getResourceNames().stream())
                                                .map(name -> group + "/" + resource + "/" + verb + "/" + name)))))
                .toList();
    }

    static List<String> rules(ClusterRole role) {
        return rules(role.getRules());
    }

    static List<String> rules(Role role) {
        return rules(role.getRules());
    }

    static List<String> allRules(RenderedChart chart) {
        return Stream.concat(
                        chart.all(ClusterRole.class).stream().map(HelmChartTest::rules),
                        chart.all(Role.class).stream().map(HelmChartTest::rules))
                .flatMap(List::stream)
                .toList();
    }
}
