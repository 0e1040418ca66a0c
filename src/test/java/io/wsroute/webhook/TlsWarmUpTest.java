package io.wsroute.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsWarmUpTest {

    /**
     * The warm-up names a Netty class by string; after a Netty upgrade that renamed it the warm-up would quietly do
     * nothing, and the first HTTPS connection would pay again.
     */
    @Test
    void initialisesNettysJdkServerContextOfTheNettyWeShip() throws Exception {
        assertThat(TlsWarmUp.warm()).isTrue();

        Thread thread = TlsWarmUp.start();
        thread.join(30_000);
        assertThat(thread.isAlive()).isFalse();
    }
}
