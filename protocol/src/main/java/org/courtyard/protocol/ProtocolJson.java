package org.courtyard.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one Jackson configuration of the protocol, shared by kiosk and hub.
 *
 * <p>Writing: fields in the order the record declares them, null fields written as {@code null}
 * (except in {@link Targets}, which writes only its chosen key), instants as ISO-8601 UTC strings
 * such as {@code "2026-11-29T02:14:07Z"}, UUIDs in lowercase.
 *
 * <p>Reading is strict about what it understands and tolerant of what it does not: unknown fields
 * are ignored (a newer peer may send more), but a value of the wrong JSON type is never converted
 * (no {@code "17"} for 17, no {@code 1} for {@code true}, no number for an instant), enums match
 * exactly, duplicate keys and trailing content are rejected, and a document over
 * {@link Protocol#MAX_DOCUMENT_BYTES} bytes or nested deeper than {@link Protocol#MAX_NESTING_DEPTH}
 * is refused. Every such failure is a {@link ProtocolException} whose message starts with the JSON
 * path of the offending value and is safe to send back to the peer.
 */
public final class ProtocolJson {

    private static final ObjectMapper MAPPER = newMapper();
    private static final ObjectReader EVENT_READER = MAPPER.readerFor(Event.class);

    private static final Pattern JACKSON_TOKEN = Pattern.compile("`JsonToken\\.(START_OBJECT|START_ARRAY|VALUE_[A-Z_]+)`");

    /**
     * Parts of Jackson's parse messages that speak to a Jackson user, not to the peer: the hidden
     * source ("Source: REDACTED ..."; the position is given anyway) and hints to switch on a parser
     * feature (comments, NaN, ...) that the protocol does not allow.
     */
    private static final Pattern JACKSON_HINTS = Pattern.compile(
            "Source: REDACTED \\(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled\\); "
            + "|:? ?enable `[A-Za-z_.]+` to allow"
            + "| ?\\(not recognized as one since Feature '[A-Z_]+' not enabled for parser\\)");

    /** Longest part of an offending value quoted back in a message. */
    private static final int MAX_QUOTED_CHARS = 80;

    private ProtocolJson() {
    }

    /** The shared mapper; thread-safe, do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A fresh mapper with the protocol's settings, for callers that must add modules of their own. */
    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(Protocol.MAX_DOCUMENT_BYTES)
                        .maxStringLength(Protocol.MAX_DOCUMENT_BYTES)
                        .maxNestingDepth(Protocol.MAX_NESTING_DEPTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(StrictScalars.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // No string -> number/boolean conversion ...
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // ... and none the other way round, nor number -> boolean.
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .build();
    }

    /** Reads {@code json} as a {@code type}, or throws a {@link ProtocolException} naming what was wrong. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new ProtocolException("", "empty body", null, true);
        }
        return read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /**
     * Reads {@code json} (UTF-8) as a {@code type}. A document over {@link Protocol#MAX_DOCUMENT_BYTES}
     * is refused before any of it is parsed.
     */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new ProtocolException("", "empty body", null, true);
        }
        if (json.length > Protocol.MAX_DOCUMENT_BYTES) {
            throw new ProtocolException("", "document of " + json.length + " bytes is larger than the limit of "
                    + Protocol.MAX_DOCUMENT_BYTES + " bytes", null);
        }
        JsonNode tree;
        try {
            // The syntax first, whole: a document that is not JSON is malformed whatever its fields say.
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw translate(e);
        }
        return read(tree, type);
    }

    /**
     * Reads a document from {@code json} as a {@code type}, and closes the stream. Reading stops
     * with a {@link ProtocolException} as soon as more than {@link Protocol#MAX_DOCUMENT_BYTES}
     * bytes have come, so a caller need not count them first.
     */
    public static <T> T read(InputStream json, Class<T> type) {
        try {
            return notNull(MAPPER.readValue(json, type));
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Reads a part of a document that was already parsed, with the same checks and messages as the
     * other {@code read} methods; paths in errors are relative to {@code tree}. This lets a reader
     * take a sync batch apart and refuse one bad event without refusing the others: read the body
     * as a {@link JsonNode} (which applies the size and depth limits), then each event with this.
     */
    public static <T> T read(JsonNode tree, Class<T> type) {
        if (tree == null || tree.isMissingNode()) {
            throw new ProtocolException("", "empty body", null, true);
        }
        try {
            if (type == Event.class) {
                // The event is read from this tree as it is, not from a copy (EventDeserializer.TREE).
                return type.cast(notNull(EVENT_READER.withAttribute(EventDeserializer.TREE, tree).readValue(tree)));
            }
            return notNull(MAPPER.treeToValue(tree, type));
        } catch (IOException e) {
            throw translate(e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The literal {@code null} is valid JSON but never a valid protocol document. */
    private static <T> T notNull(T value) {
        if (value == null) {
            throw new ProtocolException("", "the document has the wrong type: expected a JSON object but got null",
                    null);
        }
        return value;
    }

    /** Turns a Jackson failure into a {@link ProtocolException} whose message a client can act on. */
    static ProtocolException translate(IOException e) {
        StreamConstraintsException limit = cause(e, StreamConstraintsException.class);
        if (limit != null) {
            return new ProtocolException("", limit(limit), e);
        }
        InputCoercionException range = cause(e, InputCoercionException.class);
        if (range != null) {
            List<JsonMappingException.Reference> path = e instanceof JsonMappingException mapping
                    ? mapping.getPath() : List.of();
            return new ProtocolException(path(path, null), subject(path) + " is out of range: "
                    + range.getOriginalMessage(), e);
        }
        StreamReadException syntax = cause(e, StreamReadException.class);
        if (syntax != null) {
            String message = JACKSON_HINTS.matcher(String.valueOf(syntax.getOriginalMessage())).replaceAll("");
            return new ProtocolException("", "malformed JSON" + where(syntax.getLocation()) + ": " + message, e, true);
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getOriginalMessage() != null
                && (mismatched.getOriginalMessage().startsWith("No content to map")
                        || mismatched.getOriginalMessage().startsWith("Trailing token"))) {
            return new ProtocolException("", describe(mismatched), e, true);
        }
        if (e instanceof JsonMappingException mapping) {
            String field = e instanceof ValueInstantiationException && e.getCause() instanceof InvalidFieldException
                    invalid ? invalid.field() : null;
            return new ProtocolException(path(mapping.getPath(), field), describe(mapping), e);
        }
        return new ProtocolException("", "could not read the body: " + e.getMessage(), e);
    }

    private static String describe(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return payloadHint(cause.getMessage(), path, cause instanceof InvalidFieldException);
        }
        if (e instanceof MismatchedInputException && message.startsWith("Missing required creator property")) {
            return payloadHint("missing required field '" + name(path) + "'", path, false);
        }
        if (e instanceof MismatchedInputException && message.startsWith("No content to map")) {
            return "empty body";
        }
        if (e instanceof MismatchedInputException && message.startsWith("Trailing token")) {
            return "unexpected content after the end of the JSON document";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            Object value = invalid.getValue();
            if (value instanceof String text && parsedFromString(invalid.getTargetType())) {
                return subject(path) + " has invalid value '" + quote(text) + "': expected "
                        + expectation(invalid.getTargetType());
            }
            return subject(path) + " has the wrong type: expected " + expectation(invalid.getTargetType())
                    + " but got " + given(value);
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            String got = got(message);
            return subject(path) + " has the wrong type: expected " + expectation(mismatched.getTargetType())
                    + (got == null ? "" : " but got " + got);
        }
        if (path.isEmpty() || message.startsWith("field '") || message.startsWith("missing required field")) {
            return message;
        }
        return subject(path) + " is invalid: " + message;
    }

    /** A scalar Jackson refused to convert: "a string", "true", "the number 1.5". */
    private static String given(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        return "the number " + value;
    }

    /**
     * A missing field inside an event's payload is the usual sign of a payload sent under the wrong
     * {@code type}, so the message says which type's payload was expected.
     */
    private static String payloadHint(String message, List<JsonMappingException.Reference> path, boolean field) {
        if (!message.startsWith("missing required field")) {
            return message;
        }
        // For a record's own check the path ends at the record; otherwise at the missing field.
        int payload = path.size() - (field ? 1 : 2);
        if (payload >= 0 && path.get(payload).getFrom() instanceof EventType type) {
            return message + " in a payload of type " + type;
        }
        return message;
    }

    /** Types read from a JSON string, for which a bad string is an invalid value rather than a wrong type. */
    private static boolean parsedFromString(Class<?> type) {
        return type.isEnum() || type == UUID.class || type == Instant.class || type == LocalTime.class;
    }

    private static String expectation(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                names.append(i == 0 ? "" : ", ").append(((Enum<?>) constants[i]).name());
            }
            return names.toString();
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-11-29T08:00:00Z";
        }
        if (type == LocalTime.class) {
            return "a time of day HH:mm such as 08:00";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "a JSON object";
    }

    /**
     * What the input held where the mismatch was found, or null when that is not known. The parser
     * is closed by the time the exception arrives, so this reads the token from Jackson's message
     * ({@code ... (token `JsonToken.START_OBJECT`)} and a few other phrasings); the tests pin the
     * wording for every JSON shape, so a Jackson upgrade that changes it fails the build.
     */
    private static String got(String message) {
        if (message.startsWith("Cannot coerce String value") || message.startsWith("Cannot coerce empty String")) {
            return "a string";
        }
        if (message.startsWith("Cannot map `null`")) {
            return "null";
        }
        Matcher token = JACKSON_TOKEN.matcher(message);
        if (!token.find()) {
            // A record or list given a scalar: "... no String-argument constructor ... from String value ('a')".
            if (message.contains("from String value")) {
                return "a string";
            }
            if (message.contains("from Number value")) {
                return "a number";
            }
            if (message.contains("from boolean value (true)")) {
                return "true";
            }
            if (message.contains("from boolean value (false)")) {
                return "false";
            }
            return null;
        }
        return switch (JsonToken.valueOf(token.group(1))) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> null;
        };
    }

    private static String limit(StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Document nesting depth")) {
            return "document is nested deeper than the limit of " + Protocol.MAX_NESTING_DEPTH + " levels";
        }
        if (message.startsWith("Document length")) {
            return "document is larger than the limit of " + Protocol.MAX_DOCUMENT_BYTES + " bytes";
        }
        return "document exceeds a limit: " + message;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String quote(String text) {
        return text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "...";
    }

    /** "field 'source'", "field 'accepted[0]'", or "the document" at the root. */
    private static String subject(List<JsonMappingException.Reference> path) {
        String name = name(path);
        return name.isEmpty() ? "the document" : "field '" + name + "'";
    }

    /** The last field name of the path with any indexes after it: {@code source}, {@code accepted[0]}. */
    private static String name(List<JsonMappingException.Reference> path) {
        StringBuilder indexes = new StringBuilder();
        for (int i = path.size() - 1; i >= 0; i--) {
            JsonMappingException.Reference ref = path.get(i);
            if (ref.getFieldName() != null) {
                return ref.getFieldName() + indexes;
            }
            if (ref.getIndex() >= 0) {
                indexes.insert(0, "[" + ref.getIndex() + "]");
            }
        }
        return indexes.toString();
    }

    /** Like {@code events[0].payload.source}; {@code field}, if given, is appended as a last step. */
    private static String path(List<JsonMappingException.Reference> path, String field) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (field != null) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(field);
        }
        return out.toString();
    }

    private static <X extends Throwable> X cause(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
