package io.wsroute.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Netty's JDK server context constructs Bouncy Castle's JCE provider in its static initialiser when Bouncy Castle
 * is on the class path; after {@link NettyBouncyCastleProbe#answerUnavailable()} it must not. Each case runs in a
 * JVM of its own, because the answer is cached once per JVM and other tests here start Netty's TLS.
 */
class NettyBouncyCastleProbeTest {

    static final String PROVIDER = "org.bouncycastle.jce.provider.BouncyCastleProvider";

    /** Runs in the child JVM: optionally answers first, then starts Netty's TLS as the first connection would. */
    public static void main(String... args) throws Exception {
        boolean answer = args.length > 0 && args[0].equals("answer");
        if (answer && !NettyBouncyCastleProbe.answerUnavailable()) {
            System.exit(3);
        }
        if (!TlsWarmUp.warm()) {
            System.exit(4);
        }
        System.out.println("bc-pkix-available=" + io.netty.handler.ssl.util.BouncyCastleUtil.isBcPkixAvailable());
    }

    @Test
    void nettysTlsStartsWithoutBouncyCastlesProvider() throws Exception {
        String out = child("answer");

        assertThat(out).contains("bc-pkix-available=false").doesNotContain(PROVIDER);
    }

    /** The control: without the answer, the Netty we ship does construct it (else this class has no reason to be). */
    @Test
    void withoutTheAnswerNettyConstructsBouncyCastlesProvider() throws Exception {
        String out = child("plain");

        assertThat(out).contains("bc-pkix-available=true").contains(PROVIDER);
    }

    @Test
    void answersOnlyOncePerJvm() throws Exception {
        // the surefire JVM: whoever came first, a second call finds Netty's answer already cached
        NettyBouncyCastleProbe.answerUnavailable();

        assertThat(NettyBouncyCastleProbe.answerUnavailable()).isFalse();
    }

    private static String child(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-Xlog:class+load=info",
                        "-cp",
                        System.getProperty("java.class.path"),
                        NettyBouncyCastleProbeTest.class.getName(),
                        mode))
                .redirectErrorStream(true)
                .directory(Path.of(".").toFile())
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
