package io.wsroute;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.wsroute.cli.LintCommand;
import io.wsroute.cli.MigrateCommand;
import io.wsroute.cli.TopLevel;
import io.wsroute.cli.TopLevel.Subcommand;
import io.wsroute.webhook.InMemoryKeyStores;
import io.wsroute.webhook.NettyBouncyCastleProbe;
import io.wsroute.webhook.TlsBootstrap;
import io.wsroute.webhook.TlsWarmUp;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

/**
 * One jar, several jobs: {@code lint ...} checks manifests offline without booting Quarkus (no cluster, fast start);
 * {@code webhook-tls} writes the self-managed webhook certificate before the server starts (the chart's init
 * container); no arguments start the webhook and operator; {@code --help}, {@code --version} and unknown commands
 * are answered by {@link TopLevel}.
 */
@QuarkusMain
public final class WsrouteMain {

    static final List<Subcommand> COMMANDS = List.of(
            new Subcommand(
                    "lint",
                    "checks Ingress manifests offline for settings that break WebSocket",
                    LintCommand::runAsProcess),
            new Subcommand(
                    "migrate",
                    "rewrites ingress-nginx Ingresses for the F5 NGINX Ingress Controller, keeping WebSocket working",
                    MigrateCommand::run),
            new Subcommand(
                    "webhook-tls",
                    "writes the self-managed webhook certificate (the chart's init container)",
                    (args, stdin, out, err) -> {
                        if (args.length > 0) {
                            err.println("webhook-tls takes no arguments (its settings come from the environment)");
                            return TopLevel.USAGE;
                        }
                        return TlsBootstrap.run(out, err);
                    }));

    private WsrouteMain() {}

    public static void main(String... args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, false, StandardCharsets.UTF_8);
        OptionalInt exit = TopLevel.run(COMMANDS, args, System.in, out, err);
        if (exit.isPresent()) {
            out.flush();
            err.flush();
            System.exit(exit.getAsInt());
        }
        if (!serverIncluded()) {
            // target/wsroute-cli.jar carries lint and migrate only (README "lint in CI")
            System.err.println("wsroute: this jar runs lint and migrate only (e.g. java -jar wsroute-cli.jar lint "
                    + "--help); the server runs from target/quarkus-app/quarkus-run.jar or the container image");
            System.exit(2);
        }
        InMemoryKeyStores.useSingleIterations();
        NettyBouncyCastleProbe.answerUnavailable();
        TlsWarmUp.start();
        Quarkus.run();
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
