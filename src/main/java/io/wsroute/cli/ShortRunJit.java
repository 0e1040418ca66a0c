package io.wsroute.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * lint on a large input runs for a few seconds, too short for the JVM's optimising compiler (C2) to pay back its
 * compile time: on a small machine its threads take the core that the reading would use. This asks the running
 * JVM, through its diagnostic command {@code Compiler.directives_add}, to compile with C1 only, which is what
 * {@code -XX:TieredStopAtLevel=1} does, without a flag on the command line (README "lint"). Output never depends
 * on it, so any failure (a JDK without {@code jdk.management}, a security manager) leaves the JVM as it was.
 */
final class ShortRunJit {

    /** Below this the run is mostly JVM start-up, and reaching the diagnostic command would cost more than C2. */
    static final long LARGE_INPUT_BYTES = 1L << 20;

    static final String DIRECTIVE = "[{match: \"*.*\", c2: {Exclude: true}}]";

    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    private static final String[] STRING_ARRAY = {String[].class.getName()};

    private ShortRunJit() {}

    /** Whether inputs of this many bytes are worth the switch. */
    static boolean worthIt(long inputBytes) {
        return inputBytes >= LARGE_INPUT_BYTES;
    }

    /**
     * The bytes lint is about to read: files named, the manifest files under directories, and what stdin has ready (a file
     * redirected to stdin reports its size; a pipe what it has buffered). Unreadable paths count 0: the reader
     * reports them.
     */
    static long inputBytes(List<String> arguments, InputStream stdin) {
        long total = 0;
        for (String argument : arguments) {
            if (argument.equals("-")) {
                try {
                    total += stdin.available();
                } catch (IOException e) {
                    // the reader reports it
                }
                continue;
            }
            Path path = Path.of(argument);
            try {
                List<Path> files = Files.isDirectory(path) ? ManifestReader.manifestFiles(path) : List.of(path);
                total += files.stream().mapToLong(ShortRunJit::size).sum();
            } catch (UnreadableInput | RuntimeException e) {
                // the reader reports it
            }
        }
        return total;
    }

    /** For inputs this large, switches in the background (it takes a moment) and returns at once. */
    static void requestFor(long inputBytes) {
        if (worthIt(inputBytes)) {
            Thread thread = new Thread(ShortRunJit::apply, "wsroute-short-run-jit");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Adds the directive to this JVM; true when the JVM took it. */
    static boolean apply() {
        Path file = null;
        try {
            file = Files.createTempFile("wsroute-jit", ".json");
            Files.writeString(file, DIRECTIVE);
            Object answer = diagnosticCommand("compilerDirectivesAdd", file.toString());
            return String.valueOf(answer).contains("1 compiler directives added");
        } catch (IOException | JMException | RuntimeException | LinkageError e) {
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind; nothing to tell the user
                }
            }
        }
    }

    /** Runs a diagnostic command of this JVM (as {@code jcmd} would) and returns its text. */
    static String diagnosticCommand(String operation, String... arguments) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return String.valueOf(
                server.invoke(new ObjectName(DIAGNOSTIC_COMMAND), operation, new Object[] {arguments}, STRING_ARRAY));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
