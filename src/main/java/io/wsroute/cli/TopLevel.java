package io.wsroute.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The jar's own command line: {@code --help}, {@code --version}, and which command a run is. Without arguments the
 * caller starts the server (as the image does); an unknown command is a usage error, never a server start that then
 * fails reaching a cluster.
 */
@Command(
        name = "java -jar quarkus-run.jar",
        mixinStandardHelpOptions = true,
        versionProvider = TopLevel.Version.class,
        usageHelpWidth = 100,
        synopsisSubcommandLabel = "[COMMAND]",
        description = {
            "wsroute: makes WebSocket traffic work behind NGINX ingress controllers.",
            "",
            "Without a command it runs the server: the admission webhooks, the WebSocketRoute operator and the "
                    + "audit, against the cluster it runs in (what the image and the Helm chart start)."
        },
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = "Run a command with --help for its own options.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:--help, --version", "2:unknown command or option"})
public final class TopLevel implements Callable<Integer> {

    /** Exit code of a usage error, as every command uses it. */
    public static final int USAGE = 2;

    /** A command's own entry point: it parses its arguments and returns its exit code. */
    @FunctionalInterface
    public interface Job {
        int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err);
    }

    /** A command of the jar: its name, the line --help shows for it, and what runs it. */
    public record Subcommand(String name, String summary, Job job) {}

    @CommandLine.Spec
    CommandSpec spec;

    private TopLevel() {}

    /**
     * Runs the command {@code args} name and returns its exit code, or empty when there are no arguments and the
     * server is to start.
     */
    public static OptionalInt run(
            List<Subcommand> commands, String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        if (args.length == 0) {
            return OptionalInt.empty();
        }
        Optional<Subcommand> chosen =
                commands.stream().filter(c -> c.name().equals(args[0])).findFirst();
        if (chosen.isPresent()) {
            return OptionalInt.of(chosen.get().job().run(Arrays.copyOfRange(args, 1, args.length), stdin, out, err));
        }
        CommandLine commandLine = new CommandLine(new TopLevel()).setOut(out).setErr(err);
        for (Subcommand command : commands) {
            CommandSpec listed = CommandSpec.create().name(command.name());
            listed.usageMessage().description(command.summary());
            commandLine.addSubcommand(command.name(), listed);
        }
        commandLine.setParameterExceptionHandler((e, a) -> {
            err.println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println();
            e.getCommandLine().usage(err);
            return USAGE;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return OptionalInt.of(code);
    }

    /** Reached only when the arguments parse but name nothing to do (such as a lone {@code --}). */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("no command given");
        spec.commandLine().usage(err);
        return USAGE;
    }

    /** The version the build wrote, for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"wsroute " + BuildVersion.version()};
        }
    }
}
