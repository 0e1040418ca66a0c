package io.wsroute.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.wsroute.config.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who wsroute is to the API server, from what it authenticates with, and when it cannot tell. */
class OwnIdentityTest {

    private static final String WSROUTE = "system:serviceaccount:wsroute-system:wsroute";

    @Test
    void aServiceAccountTokensSubjectAgreeingWithThePod() {
        OwnIdentity identity = OwnIdentity.resolve(
                Optional.empty(), Optional.of(jwt(WSROUTE)), Optional.of("wsroute-system"), Optional.of("wsroute"));
        assertThat(identity.username()).contains(WSROUTE);
        assertThat(OwnIdentity.resolve(Optional.empty(), Optional.of(jwt(WSROUTE)), Optional.empty(), Optional.empty())
                        .username())
                .contains(WSROUTE);
    }

    @Test
    void aTokenForAnotherServiceAccountThanThePodsLeavesNoIdentity() {
        OwnIdentity identity = OwnIdentity.resolve(
                Optional.empty(),
                Optional.of(jwt("system:serviceaccount:apps:deployer")),
                Optional.of("wsroute-system"),
                Optional.of("wsroute"));
        assertThat(identity.username()).isEmpty();
        assertThat(identity.how())
                .contains("system:serviceaccount:apps:deployer")
                .contains(WSROUTE);
    }

    @Test
    void aTokenThatIsNotAServiceAccountJwtFallsBackToThePod() {
        // a static token (as the reconcile benchmark's), or a JWT of a user rather than a ServiceAccount
        for (String token : new String[] {"0123456789abcdef", jwt("alice"), "a.b.c", jwt(WSROUTE) + ".x"}) {
            assertThat(OwnIdentity.resolve(
                                    Optional.empty(),
                                    Optional.of(token),
                                    Optional.of("wsroute-system"),
                                    Optional.of("wsroute"))
                            .username())
                    .as(token)
                    .contains(WSROUTE);
            assertThat(OwnIdentity.resolve(Optional.empty(), Optional.of(token), Optional.empty(), Optional.empty())
                            .username())
                    .as(token)
                    .isEmpty();
        }
    }

    @Test
    void impersonationIsWhoTheApiServerSees() {
        assertThat(OwnIdentity.resolve(
                                Optional.of("system:serviceaccount:it:wsroute"),
                                Optional.of(jwt(WSROUTE)),
                                Optional.of("wsroute-system"),
                                Optional.of("wsroute"))
                        .username())
                .contains("system:serviceaccount:it:wsroute");
    }

    @Test
    void nothingKnownOrHalfThePodLeavesNoIdentity() {
        assertThat(OwnIdentity.resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())
                        .username())
                .isEmpty();
        assertThat(OwnIdentity.resolve(
                                Optional.empty(), Optional.empty(), Optional.of("wsroute-system"), Optional.empty())
                        .username())
                .isEmpty();
        assertThat(OwnIdentity.resolve(Optional.of(" "), Optional.empty(), Optional.of(" "), Optional.of("wsroute"))
                        .username())
                .isEmpty();
    }

    @Test
    void theClientsConfigurationIsReadAsTheClientSendsIt() {
        Config explicit = new ConfigBuilder(Config.empty())
                .withOauthToken(jwt(WSROUTE))
                .withAutoOAuthToken(jwt("system:serviceaccount:other:x"))
                .build();
        assertThat(ReconcilerWrites.identityOf(explicit, TestConfigs.defaults().pod())
                        .username())
                .contains(WSROUTE);
        Config mounted = new ConfigBuilder(Config.empty())
                .withAutoOAuthToken(jwt(WSROUTE))
                .build();
        assertThat(ReconcilerWrites.identityOf(
                                mounted,
                                TestConfigs.wsroute(Map.of(
                                                "wsroute.pod.namespace", "other",
                                                "wsroute.pod.service-account", "wsroute"))
                                        .pod())
                        .username())
                .isEmpty();
        Config none = new ConfigBuilder(Config.empty()).build();
        assertThat(ReconcilerWrites.identityOf(
                                none,
                                TestConfigs.wsroute(Map.of(
                                                "wsroute.pod.namespace", "wsroute-system",
                                                "wsroute.pod.service-account", "wsroute"))
                                        .pod())
                        .username())
                .contains(WSROUTE);
    }

    /** An unsigned JWT with the given subject: the payload is all wsroute reads. */
    private static String jwt(String subject) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(("{\"iss\":\"https://kubernetes.default.svc\",\"sub\":\"" + subject + "\"}")
                        .getBytes(StandardCharsets.UTF_8))
                + ".c2ln";
    }
}
