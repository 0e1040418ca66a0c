package io.wsroute.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * deploy/wsroute.yaml is the chart rendered with default values, for kubectl apply. It must not drift from the
 * chart: after changing the chart, run this test with -DregenerateDeploy=true to rewrite the file.
 */
class DeployManifestsTest {

    static final Path MANIFESTS = Path.of("deploy", "wsroute.yaml");

    static String expected() {
        String rendered = new Helm(RenderedChart.CHART)
                .template()
                .withName(RenderedChart.RELEASE)
                .withNamespace(RenderedChart.NAMESPACE)
                .call();
        return """
                # wsroute: the Helm chart helm/wsroute rendered with default values (release "wsroute", namespace
                # "wsroute-system"), for kubectl apply -f deploy/wsroute.yaml on Kubernetes 1.21+.
                # Generated, do not edit: DeployManifestsTest fails when this file differs from the chart. Regenerate with
                #   ./mvnw -B -q test -Dtest=DeployManifestsTest -DregenerateDeploy=true
                # The namespace is labelled wsroute.io/admission=off, so wsroute's webhooks never cover it, also on 1.20.
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                  labels:
                    wsroute.io/admission: "off"
                """.formatted(RenderedChart.NAMESPACE) + rendered.strip() + "\n";
    }

    @Test
    void deployManifestsAreTheChartWithDefaultValues() throws Exception {
        String expected = expected();
        if (Boolean.getBoolean("regenerateDeploy")) {
            Files.writeString(MANIFESTS, expected);
        }
        assertThat(Files.readString(MANIFESTS))
                .as("deploy/wsroute.yaml is stale: regenerate it with "
                        + "-DregenerateDeploy=true (see README \"Plain manifests\")")
                .isEqualTo(expected);
        assertThat(RenderedChart.parse(expected).objects())
                .extracting(o -> o.getKind())
                .startsWith("Namespace")
                .contains("Deployment", "ValidatingWebhookConfiguration");
    }
}
