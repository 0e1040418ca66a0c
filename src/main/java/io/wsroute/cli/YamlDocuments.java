package io.wsroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Multi-document YAML into JSON trees. SnakeYAML's parser gives the events, and {@link DocumentBuilder} builds the
 * tree, so no document is built past its limits. Jackson's YAML module is not used: it does not expand aliases,
 * which kubectl does. Scalars resolve as YAML 1.1, as kubectl's YAML library does ({@code yes} is a boolean).
 */
final class YamlDocuments {

    private static final int MAX_REMEMBERED = 8192;
    private static final int MAX_REMEMBERED_LENGTH = 64;

    private final Limits limits;
    private final LoaderOptions options = new LoaderOptions();
    private final Resolver resolver = new Resolver();
    private final Map<String, Tag> remembered = new HashMap<>();
    private final Map<String, String> shared = new HashMap<>();
    private final Scalars scalars;
    /** Lines of the whole text before the part being read; an instance reads one text at a time. */
    private int firstLine;

    YamlDocuments(Limits limits) {
        this.limits = limits;
        options.setCodePointLimit(limits.maxCodePoints());
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxNesting());
        scalars = new Scalars(options);
    }

    /** Documents in order; an empty document is null. */
    List<DocumentBuilder.Document> read(Reader reader) throws UnreadableInput {
        return read(reader, 0);
    }

    /**
     * Documents in order, for a part of a larger text that starts after {@code firstLine} lines of it: positions and
     * messages give the line in the whole text.
     */
    List<DocumentBuilder.Document> read(Reader reader, int firstLine) throws UnreadableInput {
        this.firstLine = firstLine;
        List<DocumentBuilder.Document> documents = new ArrayList<>();
        Parser parser = new ParserImpl(new StreamReader(new WordLimit(reader, limits.maxWord())), options);
        DocumentBuilder document = null;
        Event event = null;
        try {
            while (!(event = parser.getEvent()).is(Event.ID.StreamEnd)) {
                switch (event.getEventId()) {
                    case DocumentStart -> document = new DocumentBuilder(limits);
                    case DocumentEnd -> documents.add(document.result());
                    case MappingStart ->
                        document.startMapping(((CollectionStartEvent) event).getAnchor(), position(event));
                    case SequenceStart ->
                        document.startSequence(((CollectionStartEvent) event).getAnchor(), position(event));
                    case MappingEnd, SequenceEnd -> document.end();
                    case Scalar -> scalar(document, (ScalarEvent) event);
                    case Alias -> alias(document, (AliasEvent) event);
                    default -> {
                        // stream start, comments
                    }
                }
            }
        } catch (WordLimit.Exceeded e) {
            throw new UnreadableInput(e.getMessage());
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new UnreadableInput(at(mark, firstLine) + "not valid YAML: "
                    + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException e) {
            // e.g. the code point limit; read errors (bad UTF-8) arrive wrapped
            if (e.getCause() instanceof CharacterCodingException) {
                throw new UnreadableInput(ManifestReader.NOT_UNICODE);
            }
            throw new UnreadableInput("not valid YAML: " + firstLine(e.getMessage()));
        } catch (DocumentBuilder.Refused e) {
            throw new UnreadableInput(at(event.getStartMark(), firstLine) + e.getMessage());
        }
        return documents;
    }

    private void scalar(DocumentBuilder document, ScalarEvent event) throws DocumentBuilder.Refused {
        Tag tag = tag(event);
        if (document.expectsKey()) {
            document.key(shared(event.getValue()), tag.equals(Tag.MERGE), position(event));
        } else {
            document.scalar(value(tag, event.getValue()), event.getAnchor(), position(event));
        }
    }

    private void alias(DocumentBuilder document, AliasEvent event) throws DocumentBuilder.Refused {
        if (document.expectsKey()) {
            document.aliasKey(event.getAnchor(), position(event));
        } else {
            document.alias(event.getAnchor(), position(event));
        }
    }

    /** Explicit tag, else what YAML 1.1 resolves a plain scalar to; quoted scalars are strings. */
    private Tag tag(ScalarEvent event) {
        String tag = event.getTag();
        if (tag == null || tag.equals("!")) {
            if (!event.getImplicit().canOmitTagInPlainScalar()) {
                return Tag.STR;
            }
            return resolved(event.getValue());
        }
        return new Tag(tag);
    }

    /**
     * The resolver's answer for a plain scalar, remembered: manifests repeat the same short scalars (kinds,
     * apiVersions, class names, ports, true/false), and the resolver tries a regular expression per candidate
     * type, which was a quarter of reading a large manifest.
     */
    private Tag resolved(String value) {
        if (value.length() > MAX_REMEMBERED_LENGTH) {
            return resolver.resolve(NodeId.scalar, value, true);
        }
        Tag known = remembered.get(value);
        if (known == null) {
            known = resolver.resolve(NodeId.scalar, value, true);
            if (remembered.size() < MAX_REMEMBERED) {
                remembered.put(value, known);
            }
        }
        return known;
    }

    /** JSON value of a scalar; timestamps, binary and unknown tags stay text, as they reach the API server. */
    private JsonNode value(Tag tag, String text) throws DocumentBuilder.Refused {
        try {
            if (tag.equals(Tag.NULL)) {
                return NullNode.getInstance();
            } else if (tag.equals(Tag.BOOL)) {
                return BooleanNode.valueOf((Boolean) scalars.construct(tag, text));
            } else if (tag.equals(Tag.INT)) {
                // Integer, Long or BigInteger, whichever fits: fabric8's IntOrString wants an int node
                Object number = scalars.construct(tag, text);
                return number instanceof Integer i
                        ? IntNode.valueOf(i)
                        : number instanceof Long l ? LongNode.valueOf(l) : BigIntegerNode.valueOf((BigInteger) number);
            } else if (tag.equals(Tag.FLOAT)) {
                return DoubleNode.valueOf(((Number) scalars.construct(tag, text)).doubleValue());
            }
        } catch (RuntimeException e) {
            throw new DocumentBuilder.Refused("\"%s\" is not a valid %s".formatted(text, tag));
        }
        return TextNode.valueOf(shared(text));
    }

    /**
     * One instance of a short text that repeats: keys (metadata, name, annotations) and values (Prefix, 3600) of
     * every document would otherwise each be a String of their own, which the converted objects and the positions
     * keep until the findings are written.
     */
    private String shared(String text) {
        if (text.length() > MAX_REMEMBERED_LENGTH) {
            return text;
        }
        String known = shared.get(text);
        if (known != null) {
            return known;
        }
        if (shared.size() < MAX_REMEMBERED) {
            shared.put(text, text);
        }
        return text;
    }

    /** SnakeYAML's marks count from 0 over the whole stream, so lines stay right across documents. */
    private SourcePositions.Position position(Event event) {
        Mark mark = event.getStartMark();
        return new SourcePositions.Position(firstLine + mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String at(Mark mark, int firstLine) {
        return mark == null
                ? ""
                : "line %d, column %d: ".formatted(firstLine + mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }

    /** SnakeYAML's own YAML 1.1 scalar constructors (0x1F, 0o17, 1_000, yes/no, .inf). */
    private static final class Scalars extends SafeConstructor {
        Scalars(LoaderOptions options) {
            super(options);
        }

        Object construct(Tag tag, String text) {
            return yamlConstructors
                    .get(tag)
                    .construct(new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN));
        }
    }
}
