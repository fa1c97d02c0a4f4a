package org.courtyard.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one Jackson configuration of the protocol, shared by kiosk and hub.
 *
 * <p>Instants are ISO-8601 strings; unknown fields are ignored (a newer peer may send more);
 * enums must match exactly; a missing or invalid required field, a wrong type, an unknown event
 * type and a document over {@link Protocol#MAX_DOCUMENT_BYTES} all fail with a
 * {@link ProtocolException} that names the JSON path.
 */
public final class ProtocolJson {

    private static final ObjectMapper MAPPER = newMapper();

    private ProtocolJson() {
    }

    /** The shared mapper; thread-safe, do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A fresh mapper with the protocol's settings, for callers that must add modules of their own. */
    public static ObjectMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(Protocol.MAX_DOCUMENT_BYTES)
                .maxStringLength(Protocol.MAX_DOCUMENT_BYTES)
                .maxNestingDepth(64)
                .build());
        return mapper;
    }

    /** Reads {@code json} as a {@code type}, or throws a {@link ProtocolException} naming what was wrong. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new ProtocolException("", "empty body", null);
        }
        return read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new ProtocolException("", "empty body", null);
        }
        if (json.length > Protocol.MAX_DOCUMENT_BYTES) {
            throw new ProtocolException("", "document of " + json.length + " bytes is larger than the limit of "
                    + Protocol.MAX_DOCUMENT_BYTES + " bytes", null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    public static <T> T read(InputStream json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
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

    /** Turns a Jackson failure into a {@link ProtocolException} whose message a client can act on. */
    static ProtocolException translate(IOException e) {
        if (e instanceof StreamConstraintsException constraints) {
            return new ProtocolException("", "document too large or too deeply nested: "
                    + constraints.getOriginalMessage(), e);
        }
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping);
            return new ProtocolException(path, describe(mapping), e);
        }
        if (e instanceof JsonProcessingException processing) {
            return new ProtocolException("", "malformed JSON: " + processing.getOriginalMessage(), e);
        }
        return new ProtocolException("", "could not read the body: " + e.getMessage(), new UncheckedIOException(e));
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return cause.getMessage();
        }
        if (e instanceof InvalidFormatException invalid) {
            String field = lastField(e);
            String expected = invalid.getTargetType() == null ? "a valid value" : expectation(invalid.getTargetType());
            return "field '" + field + "' has invalid value '" + invalid.getValue() + "': expected " + expected;
        }
        if (e instanceof MismatchedInputException mismatched) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Missing required creator property")) {
                return "missing required field '" + lastField(e) + "'";
            }
            if (mismatched.getTargetType() != null && !lastField(e).isEmpty()
                    && !(message != null && message.startsWith("missing") || message != null && message.startsWith("field"))) {
                return "field '" + lastField(e) + "' has the wrong type: expected "
                        + expectation(mismatched.getTargetType());
            }
        }
        return e.getOriginalMessage();
    }

    private static String expectation(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                names.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return names.toString();
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-11-29T08:00:00Z";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    private static String lastField(JsonMappingException e) {
        var path = e.getPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).getFieldName() != null) {
                return path.get(i).getFieldName();
            }
        }
        return "";
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
