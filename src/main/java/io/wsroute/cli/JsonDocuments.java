package io.wsroute.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream of JSON values (one object, or several one after another, as kubectl accepts) into JSON trees, within
 * the same {@link Limits} as YAML. JSON gets its own parser because YAML 1.1 parsers refuse valid JSON that is
 * indented with tabs.
 */
final class JsonDocuments {

    private final Limits limits;
    private final JsonFactory factory;

    JsonDocuments(Limits limits) {
        this.limits = limits;
        // Jackson's own guards; the builder enforces the rest. +1: Jackson counts the root as a level too.
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNesting() + 1)
                        .maxStringLength(limits.maxCodePoints())
                        .build())
                .build();
    }

    List<DocumentBuilder.Document> read(Reader reader) throws UnreadableInput {
        List<DocumentBuilder.Document> documents = new ArrayList<>();
        try (JsonParser parser = factory.createParser(reader)) {
            DocumentBuilder document = new DocumentBuilder(limits);
            long documentStart = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                try {
                    add(document, parser, token);
                } catch (DocumentBuilder.Refused e) {
                    throw new UnreadableInput(at(parser.currentTokenLocation()) + e.getMessage());
                }
                if (parser.currentLocation().getCharOffset() - documentStart > limits.maxCodePoints()) {
                    throw new UnreadableInput(
                            "a document is longer than %d characters".formatted(limits.maxCodePoints()));
                }
                if (parser.getParsingContext().inRoot()) {
                    documents.add(document.result());
                    document = new DocumentBuilder(limits);
                    documentStart = parser.currentLocation().getCharOffset();
                }
            }
        } catch (JsonProcessingException e) {
            throw new UnreadableInput(at(e.getLocation()) + "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableInput("cannot read: " + e.getMessage());
        }
        return documents;
    }

    private static void add(DocumentBuilder document, JsonParser parser, JsonToken token)
            throws IOException, DocumentBuilder.Refused {
        JsonLocation location = parser.currentTokenLocation();
        SourcePositions.Position at = new SourcePositions.Position(location.getLineNr(), location.getColumnNr());
        switch (token) {
            case START_OBJECT -> document.startMapping(null, at);
            case START_ARRAY -> document.startSequence(null, at);
            case END_OBJECT, END_ARRAY -> document.end();
            case FIELD_NAME -> document.key(parser.currentName(), false, at);
            case VALUE_STRING -> document.scalar(TextNode.valueOf(parser.getText()), null, at);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> document.scalar(numberNode(parser), null, at);
            case VALUE_TRUE, VALUE_FALSE ->
                document.scalar(BooleanNode.valueOf(token == JsonToken.VALUE_TRUE), null, at);
            case VALUE_NULL -> document.scalar(NullNode.getInstance(), null, at);
            default -> throw new DocumentBuilder.Refused("unexpected " + token);
        }
    }

    private static JsonNode numberNode(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> JsonNodeFactory.instance.numberNode(parser.getIntValue());
            case LONG -> JsonNodeFactory.instance.numberNode(parser.getLongValue());
            case BIG_INTEGER -> JsonNodeFactory.instance.numberNode(parser.getBigIntegerValue());
            default -> JsonNodeFactory.instance.numberNode(parser.getDoubleValue());
        };
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : "line %d, column %d: ".formatted(location.getLineNr(), location.getColumnNr());
    }
}
