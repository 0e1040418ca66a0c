package io.wsroute;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.wsroute.cli.LintCommand;
import io.wsroute.webhook.TlsBootstrap;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One jar, three jobs: {@code lint ...} checks manifests offline without booting Quarkus (no cluster, fast start);
 * {@code webhook-tls} writes the self-managed webhook certificate before the server starts (the chart's init
 * container); anything else starts the webhook and operator.
 */
@QuarkusMain
public final class WsrouteMain {

    private WsrouteMain() {}

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("lint")) {
            PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
            PrintWriter err = new PrintWriter(System.err, false, StandardCharsets.UTF_8);
            System.exit(LintCommand.run(Arrays.copyOfRange(args, 1, args.length), System.in, out, err));
        }
        if (args.length == 1 && args[0].equals("webhook-tls")) {
            PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
            PrintWriter err = new PrintWriter(System.err, false, StandardCharsets.UTF_8);
            System.exit(TlsBootstrap.run(out, err));
        }
        if (!serverIncluded()) {
            // target/wsroute-cli.jar carries lint and migrate only (README "lint in CI")
            System.err.println("wsroute: this jar runs lint and migrate only (e.g. java -jar wsroute-cli.jar lint "
                    + "--help); the server runs from target/quarkus-app/quarkus-run.jar or the container image");
            System.exit(2);
        }
        Quarkus.run(args);
    }

    private static boolean serverIncluded() {
        try {
            Class.forName("io.quarkus.runtime.Quarkus", false, WsrouteMain.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
