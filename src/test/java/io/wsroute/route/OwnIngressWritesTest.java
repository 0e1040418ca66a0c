package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnIngressWritesTest {

    private static final String KEY = OwnIngressWrites.key("demo", "chat");
    private final OwnIngressWrites writes = new OwnIngressWrites();

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
    void withoutAWriteNothingIsAbsorbed() {
        assertThat(writes.absorbs(KEY, "42")).isFalse();
        assertThat(writes.finished(KEY, "42")).isFalse();
        writes.started(KEY);
        assertThat(writes.absorbs(OwnIngressWrites.key("demo", "other"), "42")).isFalse();
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
