package io.wsroute.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How every wsroute subcommand runs under picocli: usage errors and internal errors become exit 2 with one line on
 * stderr prefixed by the command's name, so exit 1 always means findings (README "`lint`").
 */
final class CommandRunner {

    /** Usage errors, unreadable input and internal errors. */
    static final int UNREADABLE = 2;

    private CommandRunner() {}

    /** Runs the command as the command line does and returns the exit code; nothing escapes as an exception. */
    static int run(String name, Object command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(command)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, a) -> {
                    err.println(name + ": " + e.getMessage());
                    err.println("Try '" + name + " --help' for usage.");
                    return UNREADABLE;
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> internalError(name, e, err));
        int code;
        try {
            code = commandLine.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // Limits should make this unreachable; exit 1 would read as "findings", so say what happened.
            code = internalError(name, e, err);
        }
        out.flush();
        err.flush();
        return code;
    }

    private static int internalError(String name, Throwable e, PrintWriter err) {
        err.println(name + ": internal error (a wsroute bug, please report it): " + e);
        return UNREADABLE;
    }
}
