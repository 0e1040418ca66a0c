package io.wsroute.admission;

import static io.wsroute.admission.AdmissionReviews.MAPPER;
import static io.wsroute.admission.AdmissionReviews.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.wsroute.config.TestConfigs;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A decision that takes longer than wsroute.admission.deadline is abandoned: the request is admitted, with a warning. */
class DecisionDeadlineTest {

    /** Blocks every decision (they all read the IngressClasses) until released. */
    private final CountDownLatch release = new CountDownLatch(1);

    private final FixedClusterView stuck = new FixedClusterView() {
        @Override
        public Collection<IngressClass> ingressClasses() {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.ingressClasses();
        }
    }.withClass("nginx", "k8s.io/ingress-nginx").withNamespace("apps", Map.of());

    @AfterEach
    void unblock() {
        release.countDown();
    }

    @Test
    void aSlowDecisionIsAnsweredAtTheDeadlineWithAWarning() {
        AdmissionResource resource = AdmissionReviews.resource(
                stuck, TestConfigs.wsroute(Map.of("wsroute.admission.deadline", "300ms")), MAPPER);
        for (boolean mutate : new boolean[] {false, true}) {
            byte[] body = fixture("create-unit-timeout.json").getBytes(StandardCharsets.UTF_8);
            long start = System.nanoTime();
            Response response =
                    AdmissionReviews.answer(mutate ? resource.mutateIngress(body) : resource.validateIngress(body));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(5));
            JsonNode answer = ((JsonNode) response.getEntity()).path("response");
            assertThat(answer.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
            // The same broken Ingress is denied when there is time to judge it (IngressAdmissionTest).
            assertThat(answer.path("allowed").asBoolean()).isTrue();
            assertThat(answer.has("patch")).isFalse();
            assertThat(answer.path("warnings").toString())
                    .contains("could not check this Ingress within its deadline of 300 ms");
        }
    }

    @Test
    void aLateAnswerIsBuiltOnAThreadWithTheApplicationsClassLoader() throws Exception {
        // The HTTP layer finds its response classes through the thread's context class loader; the JDK's own timeout
        // thread has the system one, on which a late answer failed with a 500 in WebhookFailureIT.
        DecisionDeadline deadline = new DecisionDeadline(Duration.ofMillis(100), AdmissionReviews.DECISIONS);
        CountDownLatch decisionMayEnd = new CountDownLatch(1);
        String answer = deadline.within(
                        () -> {
                            try {
                                decisionMayEnd.await(5, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return "decided";
                        },
                        () -> Thread.currentThread().getName() + " "
                                + (Thread.currentThread().getContextClassLoader()
                                        == DecisionDeadline.class.getClassLoader()))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        decisionMayEnd.countDown();
        assertThat(answer).isEqualTo("wsroute-admission-deadline true");
    }

    @Test
    void anAnswerInTimeIsTheDecisionEvenAfterTheDeadlinePasses() throws Exception {
        DecisionDeadline deadline = new DecisionDeadline(Duration.ofMillis(200), AdmissionReviews.DECISIONS);
        String answer = deadline.within(() -> "decided", () -> "late")
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        Thread.sleep(400);
        assertThat(answer).isEqualTo("decided");
    }

    @Test
    void aBadBodyIsStillA400NotALateAllow() {
        AdmissionResource resource = AdmissionReviews.resource(
                stuck, TestConfigs.wsroute(Map.of("wsroute.admission.deadline", "300ms")), MAPPER);
        assertThatThrownBy(() -> resource.validateIngress("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadAdmissionRequest.class);
    }

    @Test
    void theDeadlineMustBePositive() {
        assertThatThrownBy(() -> new DecisionDeadline(Duration.ZERO, Runnable::run))
                .hasMessageContaining("wsroute.admission.deadline must be positive");
    }
}
