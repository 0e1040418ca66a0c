package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import org.junit.jupiter.api.Test;

/** Echoes of wsroute's own writes of the objects a route owns, absorbed once and only for the version written. */
class OwnWritesTest {

    private static final String KEY = OwnWrites.key(ingress("demo", "chat"));
    private final OwnWrites writes = new OwnWrites();

    private static Ingress ingress(String namespace, String name) {
        return new IngressBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .build();
    }

    @Test
    void theEchoOfAFinishedWriteIsAbsorbedOnce() {
        writes.started(KEY);
        assertThat(writes.finished(KEY, "42")).as("nothing held back").isFalse();
        assertThat(writes.absorbs(KEY, "42")).isTrue();
        assertThat(writes.absorbs(KEY, "42")).as("only once").isFalse();
        assertThat(writes.size()).isZero();
    }

    @Test
    void anEchoArrivingBeforeTheWriteReturnsIsDroppedWhenItsVersionIsKnown() {
        writes.started(KEY);
        assertThat(writes.absorbs(KEY, "42")).as("held while in flight").isTrue();
        assertThat(writes.finished(KEY, "42"))
                .as("it was the echo: nothing to release")
                .isFalse();
        assertThat(writes.size()).isZero();
    }

    @Test
    void anotherVersionSeenDuringTheWriteIsReleased() {
        writes.started(KEY);
        assertThat(writes.absorbs(KEY, "41")).isTrue();
        assertThat(writes.finished(KEY, "42"))
                .as("41 was someone else's change")
                .isTrue();
        assertThat(writes.absorbs(KEY, "42")).as("the echo still comes").isTrue();
    }

    @Test
    void someoneElsesChangeAfterTheWriteReachesTheRoute() {
        writes.started(KEY);
        writes.finished(KEY, "42");
        assertThat(writes.absorbs(KEY, "43")).isFalse();
        assertThat(writes.absorbs(KEY, "42"))
                .as("the echo, delivered late, is still absorbed")
                .isTrue();
    }

    @Test
    void aFailedWriteReleasesWhatWasHeldAndAbsorbsNothingLater() {
        writes.started(KEY);
        assertThat(writes.absorbs(KEY, "41")).isTrue();
        assertThat(writes.failed(KEY)).isTrue();
        assertThat(writes.absorbs(KEY, "41")).isFalse();
        writes.started(KEY);
        assertThat(writes.failed(KEY)).as("nothing held").isFalse();
    }

    @Test
    void objectsOfOtherKindsWithTheSameNameAreKeptApart() {
        HTTPRoute httpRoute = new HTTPRouteBuilder()
                .withNewMetadata()
                .withNamespace("demo")
                .withName("chat")
                .endMetadata()
                .build();
        // an informer's item may carry no kind: the key comes from the class
        httpRoute.setKind(null);
        String httpRouteKey = OwnWrites.key(httpRoute);
        assertThat(httpRouteKey)
                .isNotEqualTo(KEY)
                .isEqualTo(OwnWrites.key(new HTTPRouteBuilder()
                        .withNewMetadata()
                        .withNamespace("demo")
                        .withName("chat")
                        .endMetadata()
                        .build()));
        writes.started(KEY);
        writes.finished(KEY, "42");
        writes.started(httpRouteKey);
        writes.finished(httpRouteKey, "43");
        assertThat(writes.absorbs(httpRouteKey, "42")).isFalse();
        assertThat(writes.absorbs(KEY, "42")).isTrue();
        assertThat(writes.absorbs(httpRouteKey, "43")).isTrue();
    }

    @Test
    void withoutAWriteNothingIsAbsorbed() {
        assertThat(writes.absorbs(KEY, "42")).isFalse();
        assertThat(writes.finished(KEY, "42")).isFalse();
        writes.started(KEY);
        assertThat(writes.absorbs(OwnWrites.key(ingress("demo", "other")), "42"))
                .isFalse();
        assertThat(writes.absorbs(KEY, null)).as("no version, no match").isFalse();
    }

    @Test
    void aWriteWithoutAStoredVersionReleasesWhatWasHeld() {
        writes.started(KEY);
        writes.absorbs(KEY, "41");
        assertThat(writes.finished(KEY, null)).isTrue();
        assertThat(writes.size()).isZero();
    }
}
