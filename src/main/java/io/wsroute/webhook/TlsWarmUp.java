package io.wsroute.webhook;

import org.jboss.logging.Logger;

/**
 * Initialises the TLS stack of the webhook server on a thread of its own while the application starts, instead of
 * on the event loop that accepts the first HTTPS connection. The first connection otherwise pays for Netty's
 * one-off probe of the JDK's TLS (its JDK server context's static initialiser builds a key store, key and trust
 * manager factories, and an SSL context; {@link NettyBouncyCastleProbe} keeps Bouncy Castle out of it).
 */
public final class TlsWarmUp {

    private static final Logger LOG = Logger.getLogger(TlsWarmUp.class);
    static final String NETTY_JDK_SERVER_CONTEXT = "io.netty.handler.ssl.JdkSslServerContext";

    private TlsWarmUp() {}

    /** Starts the warm-up on a daemon thread and returns it; nothing waits for it. */
    public static Thread start() {
        Thread thread = new Thread(TlsWarmUp::warm, "wsroute-tls-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Initialises Netty's JDK server context class; true when it was there to initialise. */
    static boolean warm() {
        try {
            Class.forName(NETTY_JDK_SERVER_CONTEXT, true, TlsWarmUp.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            // Only a lost head start: the event loop initialises it on the first connection as before.
            LOG.debugf(e, "TLS warm-up skipped");
            return false;
        }
    }
}
