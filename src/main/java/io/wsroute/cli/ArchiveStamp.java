package io.wsroute.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * What the build wrote as the short-run JVM's class-data archive: its length, its CRC-32 and the JVM that wrote it.
 * The JVM checks an archive's header but maps the rest unchecked, and a cut-short archive (an interrupted copy)
 * crashes it, so the launcher passes the archive only while it is still exactly what was written
 * ({@code ShortRunClassPathTest} crashes a JVM with half an archive).
 *
 * @param vmVersion {@code java.vm.version} of the JVM that wrote it: another JVM would not use it anyway
 */
record ArchiveStamp(long size, long crc32, String vmVersion) {

    private static final String SIZE = "size";
    private static final String CRC32 = "crc32";
    private static final String VM_VERSION = "java.vm.version";

    /** The stamp of {@code archive} as it is now, for this JVM. */
    static ArchiveStamp of(Path archive) throws IOException {
        CRC32 crc = new CRC32();
        long size;
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            size = channel.size();
            crc.update(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
        return new ArchiveStamp(size, crc.getValue(), System.getProperty(VM_VERSION, ""));
    }

    void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(SIZE, Long.toString(size));
        properties.setProperty(CRC32, Long.toString(crc32));
        properties.setProperty(VM_VERSION, vmVersion);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "the class-data archive of lint's short-run JVM (README \"lint\")");
        }
    }

    /** The stamp in {@code file}, or empty when there is none or it does not read as one. */
    static Optional<ArchiveStamp> read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return Optional.of(new ArchiveStamp(
                    Long.parseLong(properties.getProperty(SIZE, "")),
                    Long.parseLong(properties.getProperty(CRC32, "")),
                    properties.getProperty(VM_VERSION, "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code archive}, stamped in {@code file}, is still as written and was written by this JVM. */
    static boolean holds(Path archive, Path file) {
        Optional<ArchiveStamp> written = read(file);
        try {
            // the length and the JVM first: reading the archive costs a few milliseconds
            return written.isPresent()
                    && written.get().vmVersion().equals(System.getProperty(VM_VERSION, ""))
                    && Files.size(archive) == written.get().size()
                    && of(archive).equals(written.get());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
