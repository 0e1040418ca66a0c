package io.wsroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Reads manifests from files, directories and stdin: multi-document YAML or JSON, with {@code List} kinds
 * expanded. Every document is read within {@link Limits}.
 */
final class ManifestReader {

    /**
     * One top-level value of the input.
     *
     * @param source the file as named on the command line (or found under a directory), or {@code <stdin>}
     * @param document 1-based position of the YAML document or JSON value in the source
     * @param positions where the object's fields are in the source
     */
    record Manifest(String source, int document, JsonNode object, SourcePositions positions) {}

    static final String STDIN = "<stdin>";
    static final String NOT_UNICODE = "not valid UTF-8, and no byte order mark says UTF-16 or UTF-32";
    /** How far to look for the first non-space character; kubectl's decoder also looks at a bounded prefix. */
    private static final int SNIFF_LIMIT = 4096;

    /** Files up to this size are read into memory, so that their YAML can be read in parts. */
    private static final long MAX_IN_MEMORY_BYTES = 64L << 20;

    private final YamlDocuments yaml;
    private final JsonDocuments json;
    private final YamlInParts inParts;

    ManifestReader(Limits limits) {
        this(limits, YamlInParts.forThisMachine(limits));
    }

    ManifestReader(Limits limits, YamlInParts inParts) {
        this.yaml = new YamlDocuments(limits);
        this.json = new JsonDocuments(limits);
        this.inParts = inParts;
    }

    /**
     * Directories are walked recursively for {@code *.yaml}, {@code *.yml} and {@code *.json}, in sorted order for
     * stable output, skipping hidden files and directories ({@code .git}, {@code .github}); a file named on the
     * command line is always read. A file named twice (or also found in a directory) is read once.
     */
    List<Manifest> read(List<String> arguments, InputStream stdin) throws UnreadableInput {
        Set<Path> seen = new LinkedHashSet<>();
        List<Manifest> manifests = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals("-")) {
                manifests.addAll(parse(STDIN, stdin));
                continue;
            }
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                for (Path file : manifestFiles(path)) {
                    if (seen.add(file.toAbsolutePath().normalize())) {
                        manifests.addAll(parseFile(file));
                    }
                }
            } else if (Files.isRegularFile(path)) {
                if (seen.add(path.toAbsolutePath().normalize())) {
                    manifests.addAll(parseFile(path));
                }
            } else {
                throw new UnreadableInput(argument + ": "
                        + (Files.exists(path) ? "not a regular file or directory" : "no such file or directory"));
            }
        }
        return manifests;
    }

    static List<Path> manifestFiles(Path directory) throws UnreadableInput {
        ManifestFiles visitor = new ManifestFiles(directory);
        try {
            // Symbolic links are followed (overlays often link manifests); loops are skipped.
            Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, visitor);
        } catch (IOException e) {
            throw new UnreadableInput(directory + ": cannot list directory: " + e.getMessage());
        }
        visitor.files.sort(null);
        return visitor.files;
    }

    /** Collects manifest files under a directory, skipping hidden files and directories. */
    private static final class ManifestFiles extends SimpleFileVisitor<Path> {
        final Path root;
        final List<Path> files = new ArrayList<>();

        ManifestFiles(Path root) {
            this.root = root;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile()
                    && !hidden(file)
                    && file.getFileName().toString().matches(".*\\.(ya?ml|json)")) {
                files.add(file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof FileSystemLoopException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }

        private static boolean hidden(Path path) {
            return path.getFileName() != null && path.getFileName().toString().startsWith(".");
        }
    }

    private List<Manifest> parseFile(Path file) throws UnreadableInput {
        if (!Files.isReadable(file)) {
            throw new UnreadableInput(file + ": permission denied");
        }
        Optional<String> text = wholeText(file);
        if (text.isPresent()) {
            return parse(file.toString(), new StringReader(text.get()), text.get());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new UnreadableInput(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * A file large enough to read in parts, decoded into memory; empty for other files and whenever decoding fails
     * (the streaming read then reports the problem as it always does).
     */
    private Optional<String> wholeText(Path file) {
        try {
            long bytes = Files.size(file);
            // UTF-8 and UTF-16/32 take at least a byte per character
            if (inParts.parts() < 2 || bytes < inParts.minChars() || bytes > MAX_IN_MEMORY_BYTES) {
                return Optional.empty();
            }
            StringBuilder text = new StringBuilder((int) bytes);
            try (Reader reader = new UnicodeReader(Files.newInputStream(file))) {
                char[] buffer = new char[65536];
                for (int n; (n = reader.read(buffer)) >= 0; ) {
                    text.append(buffer, 0, n);
                }
            }
            return Optional.of(text.toString());
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private List<Manifest> parse(String source, InputStream in) throws UnreadableInput {
        // UnicodeReader: UTF-8 unless a BOM says UTF-16/32, malformed bytes are an error rather than U+FFFD
        return parse(source, new UnicodeReader(in), null);
    }

    /** @param text the whole input when it is in memory: YAML is then read in parts ({@link YamlInParts}) */
    private List<Manifest> parse(String source, Reader decoded, String text) throws UnreadableInput {
        try (BufferedReader reader = new BufferedReader(decoded)) {
            List<DocumentBuilder.Document> documents;
            if (startsWithBrace(reader)) {
                documents = json.read(reader);
            } else {
                documents = text != null ? inParts.read(text) : yaml.read(reader);
            }
            List<Manifest> manifests = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                DocumentBuilder.Document document = documents.get(i);
                expand(source, i + 1, document.root(), document.positions(), manifests);
            }
            return manifests;
        } catch (UnreadableInput e) {
            throw new UnreadableInput(source + ": " + e.getMessage());
        } catch (CharacterCodingException e) {
            throw new UnreadableInput(source + ": " + NOT_UNICODE);
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableInput(source + ": cannot read: " + e.getMessage());
        }
    }

    /** kubectl's rule (YAMLOrJSONDecoder): input whose first non-space character is '{' is JSON. */
    private static boolean startsWithBrace(BufferedReader reader) throws IOException {
        reader.mark(SNIFF_LIMIT + 1);
        try {
            for (int i = 0; i < SNIFF_LIMIT; i++) {
                int c = reader.read();
                if (c < 0 || !Character.isWhitespace(c)) {
                    return c == '{';
                }
            }
            return false;
        } finally {
            reader.reset();
        }
    }

    /** Lists ({@code kind: List}, {@code ServiceList}, ...) stand for their items, nested ones too, as in kubectl. */
    private static void expand(
            String source, int document, JsonNode node, SourcePositions positions, List<Manifest> into) {
        if (node == null || node.isNull()) {
            return; // an empty document, as between two ---
        }
        if (node.path("kind").asText().endsWith("List") && node.path("items").isArray()) {
            JsonNode items = node.path("items");
            for (int i = 0; i < items.size(); i++) {
                expand(source, document, items.get(i), positions.within("items", SourcePositions.index(i)), into);
            }
        } else {
            into.add(new Manifest(source, document, node, positions));
        }
    }
}
