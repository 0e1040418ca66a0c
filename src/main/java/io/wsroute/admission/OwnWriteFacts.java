package io.wsroute.admission;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.wsroute.route.api.RouteOwnership;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few facts of an AdmissionReview that tell whether it is wsroute's own write of a route's object (README
 * "Admission webhooks", own writes), read with Jackson's streaming parser: no tree, no binding. Anything unexpected
 * (not JSON, a field of the wrong type, a body cut short) reads as empty, and the review takes the full path, which
 * answers it as before.
 *
 * @param reviewType apiVersion and kind of the review, "admission.k8s.io/v1 AdmissionReview" for a real one
 * @param objectType apiVersion and kind of {@code request.object}
 * @param routeController {@code request.object} has a controller owner reference to a WebSocketRoute
 * @param fieldOwners {@code request.object.metadata.managedFields}, one per entry
 */
record OwnWriteFacts(
        String reviewType,
        String uid,
        String operation,
        boolean dryRun,
        String username,
        String objectType,
        boolean routeController,
        List<FieldOwner> fieldOwners) {

    /**
     * One managedFields entry.
     *
     * @param statusOnly its fields are under {@code status} alone (an ingress controller writing the address)
     */
    record FieldOwner(String manager, String operation, boolean statusOnly) {}

    OwnWriteFacts {
        fieldOwners = List.copyOf(fieldOwners);
    }

    /**
     * The facts of a review, or empty. Reading stops at a {@code userInfo.username} other than {@code self}: the API
     * server writes userInfo before the object, so a user's review costs only its first few fields.
     */
    static Optional<OwnWriteFacts> read(JsonFactory json, String self, byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            Reading reading = new Reading(parser, self);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            reading.review();
            if (parser.nextToken() != null) {
                return Optional.empty(); // trailing content: the full path refuses it
            }
            return Optional.of(reading.facts());
        } catch (IOException | NotAFact e) {
            return Optional.empty();
        }
    }

    /** A field of a type no API server sends, or another user: the review is left to the full path. */
    private static final class NotAFact extends RuntimeException {
        NotAFact() {
            super(null, null, false, false);
        }
    }

    /** One pass over the body; each reader starts on the first token of its value and ends on its last. */
    private static final class Reading {
        private final JsonParser parser;
        private final String self;
        private String reviewApiVersion;
        private String reviewKind;
        private String uid;
        private String operation;
        private boolean dryRun;
        private String username;
        private String objectApiVersion;
        private String objectKind;
        private boolean routeController;
        private final List<FieldOwner> fieldOwners = new ArrayList<>();

        Reading(JsonParser parser, String self) {
            this.parser = parser;
            this.self = self;
        }

        OwnWriteFacts facts() {
            return new OwnWriteFacts(
                    reviewApiVersion + " " + reviewKind,
                    uid,
                    operation,
                    dryRun,
                    username,
                    objectApiVersion + " " + objectKind,
                    routeController,
                    fieldOwners);
        }

        void review() throws IOException {
            object(field -> {
                switch (field) {
                    case "apiVersion" -> reviewApiVersion = text();
                    case "kind" -> reviewKind = text();
                    case "request" -> object(this::request);
                    default -> parser.skipChildren();
                }
            });
        }

        private void request(String field) throws IOException {
            switch (field) {
                case "uid" -> uid = text();
                case "operation" -> operation = text();
                case "dryRun" -> dryRun = flag();
                case "userInfo" ->
                    object(name -> {
                        if (name.equals("username")) {
                            username = text();
                            if (!self.equals(username)) {
                                throw new NotAFact(); // someone else's write: no need to read on
                            }
                        } else {
                            parser.skipChildren();
                        }
                    });
                case "object" -> object(this::reviewedObject);
                default -> parser.skipChildren();
            }
        }

        private void reviewedObject(String field) throws IOException {
            switch (field) {
                case "apiVersion" -> objectApiVersion = text();
                case "kind" -> objectKind = text();
                case "metadata" -> object(this::metadata);
                default -> parser.skipChildren();
            }
        }

        private void metadata(String field) throws IOException {
            switch (field) {
                case "ownerReferences" -> array(this::ownerReference);
                case "managedFields" -> array(this::managedFieldsEntry);
                default -> parser.skipChildren();
            }
        }

        private void ownerReference() throws IOException {
            String[] owner = new String[2];
            boolean[] controller = new boolean[1];
            object(field -> {
                switch (field) {
                    case "apiVersion" -> owner[0] = text();
                    case "kind" -> owner[1] = text();
                    case "controller" -> controller[0] = flag();
                    default -> parser.skipChildren();
                }
            });
            if (controller[0] && RouteOwnership.isRouteOwner(owner[0], owner[1])) {
                routeController = true;
            }
        }

        private void managedFieldsEntry() throws IOException {
            String[] entry = new String[2];
            boolean[] statusOnly = new boolean[1];
            object(field -> {
                switch (field) {
                    case "manager" -> entry[0] = text();
                    case "operation" -> entry[1] = text();
                    case "fieldsV1" -> statusOnly[0] = onlyStatus();
                    default -> parser.skipChildren();
                }
            });
            fieldOwners.add(new FieldOwner(entry[0], entry[1], statusOnly[0]));
        }

        /** Whether a fieldsV1 object names {@code f:status} and nothing else at its top. */
        private boolean onlyStatus() throws IOException {
            boolean[] status = new boolean[1];
            boolean[] other = new boolean[1];
            object(field -> {
                if (field.equals("f:status")) {
                    status[0] = true;
                } else {
                    other[0] = true;
                }
                parser.skipChildren();
            });
            return status[0] && !other[0];
        }

        private String text() throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new NotAFact();
            }
            return parser.getText();
        }

        private boolean flag() {
            return switch (parser.currentToken()) {
                case VALUE_TRUE -> true;
                case VALUE_FALSE, VALUE_NULL -> false;
                default -> throw new NotAFact();
            };
        }

        /** Reads the object the parser is on, field by field; null is an absent object. */
        private void object(FieldReader fields) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new NotAFact();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                fields.read(field);
            }
        }

        /** Reads the array the parser is on, element by element; null is an absent array. */
        private void array(ElementReader elements) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw new NotAFact();
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                elements.read();
            }
        }
    }

    @FunctionalInterface
    private interface FieldReader {
        void read(String field) throws IOException;
    }

    @FunctionalInterface
    private interface ElementReader {
        void read() throws IOException;
    }
}
