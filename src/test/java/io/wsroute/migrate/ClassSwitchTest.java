package io.wsroute.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.testing.TestIngresses;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An UPDATE that moves an Ingress from an ingress-nginx class to an F5 class, judged with the stored Ingress. */
class ClassSwitchTest {

    /** Ingress apps/chat on {@code className}, host chat.example.com, "/ws" to Service chat:8080. */
    private static Ingress ingress(String className, Map<String, String> annotations) {
        return TestIngresses.toChat("apps", "chat", className, "chat.example.com", "/ws", annotations);
    }

    private static final Map<String, String> INGRESS_NGINX_WEBSOCKET = Map.of(
            "nginx.ingress.kubernetes.io/proxy-read-timeout", "3600",
            "nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");

    private static ClassSwitch switched(Map<String, String> stored, Map<String, String> updated) {
        return ClassSwitch.of(
                        ingress("nginx", stored),
                        ControllerFlavor.INGRESS_NGINX,
                        ingress("f5", updated),
                        ControllerFlavor.NGINX_INC,
                        Map.of())
                .orElseThrow();
    }

    @Test
    void onlyTheClassChangedTheF5FormsOfTheWebSocketSettingsAreAdded() {
        ClassSwitch change = switched(INGRESS_NGINX_WEBSOCKET, INGRESS_NGINX_WEBSOCKET);

        // The F5 controller forwards Upgrade/Connection only to Services in websocket-services, and reads its own
        // timeouts as nginx times (nginx/kubernetes-ingress docs: advanced configuration with annotations).
        assertThat(change.annotationsToAdd())
                .containsOnly(
                        Map.entry("nginx.org/websocket-services", "chat"),
                        Map.entry("nginx.org/proxy-read-timeout", "3600s"),
                        Map.entry("nginx.org/proxy-send-timeout", "3600s"));
        assertThat(change.losses()).isEmpty();
    }

    @Test
    void signalsOfTheStoredIngressCountWhenTheUpdateDropsThemWithTheClass() {
        ClassSwitch change = switched(INGRESS_NGINX_WEBSOCKET, Map.of());

        assertThat(change.annotationsToAdd())
                .containsEntry("nginx.org/websocket-services", "chat")
                .containsEntry("nginx.org/proxy-read-timeout", "3600s");
    }

    @Test
    void whatTheUpdateSetsItselfIsNeverReplaced() {
        ClassSwitch change = switched(
                INGRESS_NGINX_WEBSOCKET,
                Map.of("nginx.org/proxy-read-timeout", "2h", "nginx.org/websocket-services", "chat"));

        assertThat(change.annotationsToAdd()).containsOnly(Map.entry("nginx.org/proxy-send-timeout", "3600s"));
    }

    @Test
    void settingsWithoutAnF5EquivalentAndOnesLeftToTheUserAreReported() {
        Map<String, String> stored = Map.of(
                "nginx.ingress.kubernetes.io/proxy-read-timeout", "3600",
                "nginx.ingress.kubernetes.io/proxy-body-size", "8m",
                "nginx.ingress.kubernetes.io/configuration-snippet", "more_set_headers \"X-Frame: DENY\";");

        ClassSwitch change = switched(stored, stored);

        assertThat(change.annotationsToAdd()).doesNotContainKey("nginx.org/client-max-body-size");
        assertThat(change.toSetByHand()).containsEntry("nginx.org/client-max-body-size", "8m");
        assertThat(change.losses())
                .anySatisfy(line ->
                        assertThat(line).startsWith("no equivalent: nginx.ingress.kubernetes.io/configuration-snippet"))
                .anySatisfy(line -> assertThat(line).contains("set nginx.org/client-max-body-size: \"8m\""));
    }

    @Test
    void noOtherPairOfFlavoursIsASwitchToJudge() {
        Ingress ingress = ingress("nginx", INGRESS_NGINX_WEBSOCKET);
        for (ControllerFlavor from : ControllerFlavor.values()) {
            for (ControllerFlavor to : ControllerFlavor.values()) {
                boolean judged =
                        ClassSwitch.of(ingress, from, ingress, to, Map.of()).isPresent();
                assertThat(judged)
                        .as("%s -> %s", from, to)
                        .isEqualTo(from == ControllerFlavor.INGRESS_NGINX && to == ControllerFlavor.NGINX_INC);
            }
        }
    }
}
