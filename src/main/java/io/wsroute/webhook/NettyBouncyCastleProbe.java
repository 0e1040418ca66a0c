package io.wsroute.webhook;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tells Netty that Bouncy Castle is not there for it, before its TLS classes first look.
 *
 * <p>Netty's JDK server context, in its static initialiser, reads a built-in test key with Netty's PEM reader,
 * which uses Bouncy Castle whenever Bouncy Castle's PKIX jar is on the class path: it then constructs Bouncy
 * Castle's JCE provider, some 750 classes and the largest single cost of the first HTTPS connection
 * (BENCHMARKS.md, start-up). wsroute ships Bouncy Castle only to issue and read its own webhook certificates
 * ({@link CertificateIssuer}); it never hands Netty a PEM file (Vert.x gives Netty key managers it built itself), so
 * Netty's own PEM reader, which reads that PKCS#8 test key, is all Netty needs.
 *
 * <p>Netty has no switch for this; its availability check caches its answer in private static fields, which this
 * class fills with "unavailable" first. If a Netty upgrade renames them, nothing is set and Netty behaves as before
 * (a cost, not a fault); {@code NettyBouncyCastleProbeTest} fails on that upgrade.
 */
public final class NettyBouncyCastleProbe {

    private static final Logger LOG = Logger.getLogger(NettyBouncyCastleProbe.class);
    static final String NETTY_BOUNCY_CASTLE_UTIL = "io.netty.handler.ssl.util.BouncyCastleUtil";
    private static final List<String> UNAVAILABILITY_CAUSES =
            List.of("unavailabilityCauseBcProv", "unavailabilityCauseBcPkix", "unavailabilityCauseBcTls");
    private static final String ATTEMPTED = "attemptedLoading";

    private NettyBouncyCastleProbe() {}

    /** Marks Bouncy Castle unavailable to Netty unless Netty has looked already; true when the mark was set. */
    public static synchronized boolean answerUnavailable() {
        try {
            Class<?> util =
                    Class.forName(NETTY_BOUNCY_CASTLE_UTIL, true, NettyBouncyCastleProbe.class.getClassLoader());
            Field attempted = staticField(util, ATTEMPTED);
            if (attempted.getBoolean(null)) {
                return false;
            }
            // every field is found before any is set, so a renamed one leaves Netty's state untouched
            List<Field> causes = new ArrayList<>();
            for (String name : UNAVAILABILITY_CAUSES) {
                causes.add(staticField(util, name));
            }
            Throwable cause = new UnsupportedOperationException(
                    "wsroute: Netty reads PEM keys without Bouncy Castle (io.wsroute.webhook.NettyBouncyCastleProbe)");
            for (Field field : causes) {
                field.set(null, cause);
            }
            attempted.setBoolean(null, true);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debugf(e, "Netty's Bouncy Castle probe left as it is");
            return false;
        }
    }

    private static Field staticField(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        if (!Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
            throw new NoSuchFieldException(type.getName() + "." + name + " is not a settable static field");
        }
        field.setAccessible(true);
        return field;
    }
}
