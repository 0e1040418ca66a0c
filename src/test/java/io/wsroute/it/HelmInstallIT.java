package io.wsroute.it;

import static io.wsroute.it.HelmInstalledApiServer.NAMESPACE;
import static io.wsroute.it.HelmInstalledApiServer.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wsroute.helm.RenderedChart;
import io.wsroute.webhook.CertificateBundle;
import io.wsroute.webhook.CertificateIssuer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart installed by real Helm into a real kube-apiserver, and wsroute running in-process as the chart's
 * ServiceAccount with self-managed TLS (see {@link HelmInstalledApiServer}). Assertions are on what the API server
 * stores and answers.
 */
@QuarkusTest
@QuarkusTestResource(value = HelmInstalledApiServer.class, restrictToAnnotatedClass = true)
class HelmInstallIT {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static KubernetesClient admin;
    private static KubernetesClient serviceAccount;

    /** wsroute's own client, which the chart's ServiceAccount is. */
    @Inject
    KubernetesClient wsroute;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @BeforeAll
    static void seed() {
        admin = HelmInstalledApiServer.admin();
        serviceAccount = HelmInstalledApiServer.asServiceAccount();
        admin.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("nginx")
                        .endMetadata()
                        .withNewSpec()
                        .withController("k8s.io/ingress-nginx")
                        .endSpec()
                        .build())
                .serverSideApply();
        namespace("apps", null);
        namespace("relaxed", "warn");
        namespace("ingress-nginx", null);
        for (String ns : List.of("apps", "relaxed")) {
            admin.services()
                    .inNamespace(ns)
                    .resource(new ServiceBuilder()
                            .withNewMetadata()
                            .withName("chat")
                            .endMetadata()
                            .withNewSpec()
                            .addNewPort()
                            .withName("ws")
                            .withProtocol("TCP")
                            .withPort(8080)
                            .withAppProtocol("kubernetes.io/ws")
                            .endPort()
                            .endSpec()
                            .build())
                    .serverSideApply();
        }
    }

    @AfterAll
    static void close() {
        admin.close();
        serviceAccount.close();
    }

    @Test
    void helmInstallStoresEveryObjectOfTheChart() {
        assertThat(HelmInstalledApiServer.release.getStatus()).isEqualTo("deployed");
        List<HasMetadata> rendered = RenderedChart.render(Map.of()).objects();
        assertThat(rendered).hasSizeGreaterThan(10);
        for (HasMetadata object : rendered) {
            // helm template assumes policy/v1; on 1.20 the chart picked policy/v1beta1 from the API server.
            HasMetadata stored = object.getKind().equals("PodDisruptionBudget")
                    ? admin.policy()
                            .v1beta1()
                            .podDisruptionBudget()
                            .inNamespace(NAMESPACE)
                            .withName(object.getMetadata().getName())
                            .get()
                    : admin.resource(object).get();
            assertThat(stored)
                    .as("%s %s", object.getKind(), object.getMetadata().getName())
                    .isNotNull();
            assertThat(stored.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm");
        }
    }

    @Test
    void selfManagedCertificateFillsTheChartsSecretAndTheCaBundles() throws Exception {
        Secret secret = admin.secrets()
                .inNamespace(NAMESPACE)
                .withName(RELEASE + "-webhook-tls")
                .get();
        assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm");
        CertificateBundle bundle =
                CertificateBundle.fromSecretData(secret.getData()).orElseThrow();
        X509Certificate cert = CertificateIssuer.certificates(bundle.cert()).get(0);
        cert.verify(CertificateIssuer.certificates(bundle.caCert()).get(0).getPublicKey());
        assertThat(CertificateIssuer.subjectAlternativeNames(cert))
                .contains("wsroute.wsroute-system.svc", "wsroute.wsroute-system.svc.cluster.local", "127.0.0.1");
        assertThat(Files.readString(HelmInstalledApiServer.certificateDir.resolve("tls.crt")))
                .isEqualTo(bundle.cert());
        assertThat(Files.readString(HelmInstalledApiServer.certificateDir.resolve("tls.key")))
                .isEqualTo(bundle.key());
        var admission = admin.admissionRegistration().v1();
        assertThat(admission
                        .validatingWebhookConfigurations()
                        .withName(RELEASE)
                        .get()
                        .getWebhooks())
                .allSatisfy(w -> assertThat(w.getClientConfig().getCaBundle()).isEqualTo(bundle.caBundleBase64()));
        assertThat(admission
                        .mutatingWebhookConfigurations()
                        .withName(RELEASE)
                        .get()
                        .getWebhooks())
                .allSatisfy(w -> assertThat(w.getClientConfig().getCaBundle()).isEqualTo(bundle.caBundleBase64()));
    }

    @Test
    void helmUpgradeKeepsTheCertificateAndTheCaBundles() {
        var admission = admin.admissionRegistration().v1();
        String secretName = RELEASE + "-webhook-tls";
        Map<String, String> before = admin.secrets()
                .inNamespace(NAMESPACE)
                .withName(secretName)
                .get()
                .getData();
        String caBundle = CertificateBundle.fromSecretData(before).orElseThrow().caBundleBase64();
        // A changed webhook value makes Helm patch the webhook configurations themselves (three-way merge against
        // what is live, so the webhooks first point at the chart's Service again, as they do in a real cluster).
        HelmInstalledApiServer.pointWebhooksAtService(admin);
        Release upgraded;
        try {
            upgraded = new Helm(RenderedChart.CHART)
                    .upgrade()
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .withKubeConfig(HelmInstalledApiServer.kubeconfig)
                    .set("webhooks.timeoutSeconds", 4)
                    .call();
        } finally {
            HelmInstalledApiServer.pointWebhooksAt(admin, HelmInstalledApiServer.webhookUrl);
        }
        assertThat(upgraded.getStatus()).isEqualTo("deployed");
        assertThat(upgraded.getRevision()).isEqualTo("2");
        assertThat(admin.secrets()
                        .inNamespace(NAMESPACE)
                        .withName(secretName)
                        .get()
                        .getData())
                .isEqualTo(before);
        assertThat(admission
                        .validatingWebhookConfigurations()
                        .withName(RELEASE)
                        .get()
                        .getWebhooks())
                .allSatisfy(w -> {
                    assertThat(w.getTimeoutSeconds()).isEqualTo(4);
                    assertThat(w.getClientConfig().getCaBundle()).isEqualTo(caBundle);
                });
        assertThat(admission
                        .mutatingWebhookConfigurations()
                        .withName(RELEASE)
                        .get()
                        .getWebhooks())
                .allSatisfy(w -> assertThat(w.getClientConfig().getCaBundle()).isEqualTo(caBundle));
    }

    @Test
    void apiServerCallsTheWebhooksOverTheSelfManagedTls() {
        Ingress broken = ingress("apps", Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s"));
        assertThatThrownBy(() -> admin.resource(broken).create())
                .hasMessageContaining("admission webhook \"ingress.validate.wsroute.io\" denied the request")
                .hasMessageContaining("WS101");
        // WebSocket only through the Service's appProtocol: the mutation also shows wsroute reads Services.
        // (Awaited: another test briefly sets a global timeout that makes the annotation unnecessary.)
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(admin.resource(ingress("apps", Map.of()))
                                .create()
                                .getMetadata()
                                .getAnnotations())
                        .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600"));
    }

    @Test
    void wsrouteReadsNamespaceLabelsAndTheControllerConfigMapAsItsServiceAccount() {
        assertThat(wsroute.getConfiguration().getImpersonateUsername())
                .isEqualTo("system:serviceaccount:wsroute-system:wsroute");
        // Namespace informer: the warn label admits what enforce refuses.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(admin.resource(ingress(
                                        "relaxed", Map.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s")))
                                .create())
                        .isNotNull());
        // ConfigMap informer (RBAC resourceNames + metadata.name field selector): a global timeout of 2 h means
        // the Ingress needs no timeout annotations of its own.
        var configMap = admin.resource(new ConfigMapBuilder()
                .withNewMetadata()
                .withName("ingress-nginx-controller")
                .withNamespace("ingress-nginx")
                .endMetadata()
                .withData(Map.of("proxy-read-timeout", "7200", "proxy-send-timeout", "7200"))
                .build());
        configMap.serverSideApply();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(admin.resource(ingress("apps", Map.of()))
                                    .create()
                                    .getMetadata()
                                    .getAnnotations())
                            .doesNotContainKey("nginx.ingress.kubernetes.io/proxy-read-timeout"));
        } finally {
            configMap.delete();
        }
    }

    @Test
    void serviceAccountMayHoldItsLeaseAndReadItsConfigMapsOnly() {
        Lease lease = serviceAccount
                .resource(new LeaseBuilder()
                        .withNewMetadata()
                        .withName(RELEASE + "-leader")
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity("wsroute-0")
                        .withLeaseDurationSeconds(15)
                        .endSpec()
                        .build())
                .create();
        lease.getSpec().setHolderIdentity("wsroute-1");
        assertThat(serviceAccount.resource(lease).update().getSpec().getHolderIdentity())
                .isEqualTo("wsroute-1");
        assertThat(serviceAccount
                        .configMaps()
                        .inNamespace("ingress-nginx")
                        .withField("metadata.name", "ingress-nginx-controller")
                        .list()
                        .getItems())
                .hasSizeLessThanOrEqualTo(1);
        assertThat(serviceAccount.services().inAnyNamespace().list().getItems()).isNotEmpty();
        assertThat(serviceAccount.namespaces().list().getItems()).isNotEmpty();
    }

    @Test
    void theChartsPermissionsAreEnoughToReconcileARoute() {
        admin.resource(rbacRoute("rbac-route", "chat")).create();

        // The CRD came from the chart's crds/; the Ingress write, status patch and Event are all wsroute's, as
        // the chart's ServiceAccount.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    var stored = admin.resources(io.wsroute.route.api.WebSocketRoute.class)
                            .inNamespace("apps")
                            .withName("rbac-route")
                            .get();
                    assertThat(stored.getStatus()).isNotNull();
                    assertThat(stored.getStatus().condition("Ready"))
                            .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
                });
        assertThat(admin.network()
                        .v1()
                        .ingresses()
                        .inNamespace("apps")
                        .withName("rbac-route")
                        .get())
                .isNotNull();
        // The API server's calls for wsroute's own apply (as the chart's ServiceAccount) took the short path
        // (README "Admission webhooks"), both webhooks; a user's edit of the same owned Ingress is judged in full.
        for (String endpoint : List.of("ingress/validate", "ingress/mutate")) {
            assertThat(meters.find(io.wsroute.admission.AdmissionMetrics.REQUESTS)
                            .tags("endpoint", endpoint, "verdict", io.wsroute.admission.AdmissionMetrics.OWN_WRITE)
                            .counters())
                    .as(endpoint)
                    .anySatisfy(c -> assertThat(c.count()).isGreaterThanOrEqualTo(1.0));
        }
        assertThatThrownBy(() -> admin.network()
                        .v1()
                        .ingresses()
                        .inNamespace("apps")
                        .withName("rbac-route")
                        .edit(i -> new IngressBuilder(i)
                                .editMetadata()
                                .addToAnnotations("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600s")
                                .endMetadata()
                                .build()))
                .hasMessageContaining("admission webhook \"ingress.validate.wsroute.io\" denied the request")
                .hasMessageContaining("WS101");
        // a route Ready at once gets no Event (README, Status); one whose Service is missing gets its Warning
        admin.resource(rbacRoute("rbac-warning", "absent")).create();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                admin.v1().events().inNamespace("apps").list().getItems())
                        .anySatisfy(e -> {
                            assertThat(e.getInvolvedObject().getName()).isEqualTo("rbac-warning");
                            assertThat(e.getReason()).isEqualTo("ServiceNotFound");
                        }));
    }

    /** A route in namespace apps for NAME.example.com/ws to the Service, port 8080, on class nginx. */
    private static io.wsroute.route.api.WebSocketRoute rbacRoute(String name, String service) {
        return ClusterSeed.webSocketRoute("apps", name, name + ".example.com", service, "nginx");
    }

    @Test
    void everythingElseIsForbidden() {
        admin.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("database")
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .addToStringData("password", "x")
                        .build())
                .serverSideApply();
        admin.resource(new LeaseBuilder()
                        .withNewMetadata()
                        .withName("someone-else")
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity("other")
                        .endSpec()
                        .build())
                .serverSideApply();
        forbidden(() -> wsroute.secrets().inNamespace(NAMESPACE).list());
        forbidden(() -> serviceAccount
                .secrets()
                .inNamespace(NAMESPACE)
                .withName("database")
                .get());
        forbidden(() -> serviceAccount
                .secrets()
                .inNamespace("apps")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("planted")
                        .endMetadata()
                        .build())
                .create());
        forbidden(() -> serviceAccount.configMaps().inNamespace("ingress-nginx").list());
        forbidden(() -> serviceAccount.configMaps().inAnyNamespace().list());
        // Ingresses are read cluster-wide; the reconciler applies its own and deletes only its own, when its route
        // switches to a Gateway (GatewayRouteIT: an Ingress it does not own survives). The IngressClasses and
        // Services it reads it can never delete.
        forbidden(() -> serviceAccount
                .network()
                .v1()
                .ingressClasses()
                .withName("anything")
                .delete());
        forbidden(() -> serviceAccount
                .services()
                .inNamespace("apps")
                .withName("anything")
                .delete());
        forbidden(() -> serviceAccount
                .resources(io.wsroute.route.api.WebSocketRoute.class)
                .inNamespace("apps")
                .withName("anything")
                .delete());
        forbidden(() -> serviceAccount.pods().inAnyNamespace().list());
        forbidden(() -> serviceAccount
                .leases()
                .inNamespace(NAMESPACE)
                .withName("someone-else")
                .edit(l -> new LeaseBuilder(l)
                        .editSpec()
                        .withHolderIdentity("wsroute")
                        .endSpec()
                        .build()));
        forbidden(() -> serviceAccount
                .admissionRegistration()
                .v1()
                .validatingWebhookConfigurations()
                .list());
        forbidden(() -> serviceAccount.rbac().clusterRoles().withName(RELEASE).edit(r -> r));
    }

    private static void forbidden(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).as(e.getMessage()).isEqualTo(403));
    }

    private static void namespace(String name, String mode) {
        NamespaceBuilder namespace =
                new NamespaceBuilder().withNewMetadata().withName(name).endMetadata();
        if (mode != null) {
            namespace.editMetadata().addToLabels("wsroute.io/admission", mode).endMetadata();
        }
        admin.resource(namespace.build()).serverSideApply();
    }

    private static Ingress ingress(String namespace, Map<String, String> annotations) {
        String name = "chat-" + NAMES.incrementAndGet();
        return new IngressBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withIngressClassName("nginx")
                .addNewRule()
                .withHost(name + ".example.com")
                .withNewHttp()
                .addNewPath()
                .withPath("/ws")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName("chat")
                .withNewPort()
                .withNumber(8080)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }
}
