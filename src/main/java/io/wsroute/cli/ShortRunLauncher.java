package io.wsroute.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * lint on a large input finishes sooner in a JVM set up for a short run: C1 only ({@code -XX:TieredStopAtLevel=1})
 * and the serial collector. Those are flags of the command line, which README's plain {@code java -jar ... lint FILE}
 * does not have, so lint starts itself again in such a JVM: the same {@code java}, the same arguments, stdin,
 * stdout and stderr shared, its exit code passed on (README "lint"). Only for a JVM started with no options of its
 * own: a user's JVM options (the image's, a {@code JAVA_TOOL_OPTIONS}) are left as they are, and lint then asks for
 * C1 in-process instead ({@link ShortRunJit}).
 */
final class ShortRunLauncher {

    /** Set in the short-run JVM's environment: it runs lint itself. */
    static final String STARTED = "WSROUTE_LINT_SHORT_RUN";

    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** Variables through which the launcher adds JVM options that the command line does not show. */
    static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    /** How long a stopped lint waits for its short-run JVM to end. */
    private static final long STOP_SECONDS = 10;

    private ShortRunLauncher() {}

    /**
     * What this JVM was started with.
     *
     * @param java the executable, if the OS tells
     * @param arguments everything after it on the command line, if the OS tells
     * @param vmName {@code java.vm.name}: the flags are HotSpot's
     */
    record ThisJvm(Optional<String> java, Optional<List<String>> arguments, String vmName, Map<String, String> env) {

        static ThisJvm current() {
            ProcessHandle.Info info = ProcessHandle.current().info();
            return new ThisJvm(
                    info.command(),
                    info.arguments().map(List::of),
                    System.getProperty("java.vm.name", ""),
                    System.getenv());
        }
    }

    /** Whether this JVM is the short-run one that a launching lint started. */
    static boolean isShortRunJvm() {
        return System.getenv(STARTED) != null;
    }

    /**
     * The command that runs {@code lint lintArgs} in a short-run JVM, or empty to run it in this one: a small
     * input, a JVM started with options, a JVM that is not HotSpot's server VM, or a command line the OS does not
     * show as {@code java -jar JAR lint lintArgs}. A fast-jar's runner is replaced by its class path
     * ({@link ShortRunClassPath}); another jar runs as it is.
     */
    static Optional<List<String>> command(ThisJvm jvm, List<String> lintArgs, long inputBytes) {
        return command(jvm, lintArgs, inputBytes, ShortRunClassPath::of);
    }

    static Optional<List<String>> command(
            ThisJvm jvm,
            List<String> lintArgs,
            long inputBytes,
            Function<String, Optional<ShortRunClassPath>> classPathOf) {
        if (!ShortRunJit.worthIt(inputBytes)
                || jvm.env().containsKey(STARTED)
                || OPTION_VARIABLES.stream().anyMatch(name -> jvm.env().containsKey(name))
                || !jvm.vmName().contains("Server VM")
                || jvm.java().isEmpty()
                || jvm.arguments().isEmpty()) {
            return Optional.empty();
        }
        List<String> arguments = jvm.arguments().get();
        List<String> expected = new ArrayList<>(List.of("lint"));
        expected.addAll(lintArgs);
        if (arguments.size() < 2
                || !arguments.get(0).equals("-jar")
                || !arguments.subList(2, arguments.size()).equals(expected)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(jvm.java().get());
        command.addAll(JVM_OPTIONS);
        Optional<ShortRunClassPath> classPath = classPathOf.apply(arguments.get(1));
        if (classPath.isPresent()) {
            command.addAll(classPath.get().jvmArguments());
            command.addAll(expected);
        } else {
            command.addAll(arguments);
        }
        return Optional.of(command);
    }

    /**
     * Runs lint in a short-run JVM when {@link #command} gives one, and returns its exit code; empty when lint is to
     * run in this JVM (also when the other one cannot be started).
     */
    static OptionalInt run(String[] lintArgs, InputStream stdin) {
        List<String> args = Arrays.asList(lintArgs);
        Optional<List<String>> command = command(ThisJvm.current(), args, ShortRunJit.inputBytes(args, stdin));
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        ProcessBuilder builder = new ProcessBuilder(command.get()).inheritIO();
        builder.environment().put(STARTED, "1");
        Process child;
        try {
            child = builder.start();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        // a lint stopped by a signal (SIGTERM, or Ctrl-C for the whole group) stops its short-run JVM with it
        Thread stop = new Thread(() -> stop(child), "wsroute-lint-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return OptionalInt.of(child.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(child);
            return OptionalInt.of(CommandRunner.UNREADABLE);
        }
    }

    private static void stop(Process child) {
        child.destroy();
        try {
            child.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
