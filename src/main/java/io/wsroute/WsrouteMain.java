package io.wsroute;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.wsroute.cli.LintCommand;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One jar, two jobs: {@code lint ...} checks manifests offline without booting Quarkus (no cluster, fast start);
 * anything else starts the webhook and operator.
 */
@QuarkusMain
public final class WsrouteMain {

    private WsrouteMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("lint")) {
            PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
            PrintWriter err = new PrintWriter(System.err, false, StandardCharsets.UTF_8);
            System.exit(LintCommand.run(Arrays.copyOfRange(args, 1, args.length), System.in, out, err));
        }
        Quarkus.run(args);
    }
}
