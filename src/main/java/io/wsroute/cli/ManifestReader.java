package io.wsroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests from files, directories and stdin: multi-document YAML or JSON, with {@code List}
 * kinds expanded. Hostile YAML is refused, not expanded: aliases are capped (billion laughs), and so are document
 * size and nesting depth.
 */
final class ManifestReader {

    /** A manifest and where it came from. */
    record Manifest(String source, JsonNode object) {
    }

    /** Input that cannot be read; lint exits 2. */
    static final class UnreadableInput extends Exception {
        UnreadableInput(String message) {
            super(message);
        }
    }

    /** Larger than any sane manifest file, small enough to keep memory bounded. */
    static final int MAX_DOCUMENT_CODE_POINTS = 16 * 1024 * 1024;
    static final int MAX_ALIASES = 50;
    static final int MAX_NESTING = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoaderOptions options = new LoaderOptions();

    ManifestReader() {
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowDuplicateKeys(false);
    }

    List<Manifest> read(List<String> arguments, InputStream stdin) throws UnreadableInput {
        List<Manifest> manifests = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals("-")) {
                manifests.addAll(parse("<stdin>", stdin));
                continue;
            }
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                for (Path file : manifestFiles(path)) {
                    manifests.addAll(parseFile(file));
                }
            } else if (Files.isRegularFile(path)) {
                manifests.addAll(parseFile(path));
            } else {
                throw new UnreadableInput(argument + ": no such file or directory");
            }
        }
        return manifests;
    }

    private static List<Path> manifestFiles(Path directory) throws UnreadableInput {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableInput(directory + ": cannot list directory: " + e.getMessage());
        }
    }

    private List<Manifest> parseFile(Path file) throws UnreadableInput {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new UnreadableInput(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * SnakeYAML itself (not Jackson's streaming YAML parser) so that aliases are expanded as kubectl expands them,
     * and its limits on aliases, size and depth apply.
     */
    private List<Manifest> parse(String source, InputStream in) throws UnreadableInput {
        List<Manifest> manifests = new ArrayList<>();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (Object document : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
                if (document != null) {
                    expand(source, JSON.valueToTree(document), manifests);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableInput(source + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        return manifests;
    }

    private static void expand(String source, JsonNode document, List<Manifest> into) {
        if (document.path("kind").asText().endsWith("List") && document.path("items").isArray()) {
            document.path("items").forEach(item -> expand(source, item, into));
        } else if (document.isObject()) {
            into.add(new Manifest(source, document));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }
}
