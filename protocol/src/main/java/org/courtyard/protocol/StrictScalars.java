package org.courtyard.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Readers for the protocol's string-encoded scalars that accept exactly one spelling each. Jackson's
 * own readers are lenient in ways the protocol does not want: they take an instant from a number
 * (epoch seconds), a UUID from 24 characters of base64 and an empty string as null, a local time
 * from an array such as {@code [8,0]}. Each reader here takes a JSON string only and reports
 * anything else as a wrong type or an invalid value, which {@link ProtocolJson} turns into a message.
 */
final class StrictScalars {

    /** Canonical 8-4-4-4-12 hex form, either case (UUIDs are written in lowercase). */
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    private StrictScalars() {
    }

    /** Registered after the JavaTimeModule, so these readers win over its lenient ones. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("courtyard-strict-scalars");
        module.addDeserializer(UUID.class, new UuidReader());
        module.addDeserializer(Instant.class, new InstantReader());
        module.addDeserializer(LocalTime.class, new LocalTimeReader());
        return module;
    }

    private abstract static class StringReader<T> extends StdScalarDeserializer<T> {

        private static final long serialVersionUID = 1L;

        private final String expected;

        StringReader(Class<T> type, String expected) {
            super(type);
            this.expected = expected;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                @SuppressWarnings("unchecked")
                T never = (T) context.handleUnexpectedToken(handledType(), parser);
                return never;
            }
            String text = parser.getText();
            try {
                return parse(text);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                @SuppressWarnings("unchecked")
                T never = (T) context.handleWeirdStringValue(handledType(), text, expected);
                return never;
            }
        }

        /** Parses {@code text} or throws {@link IllegalArgumentException} / {@link DateTimeParseException}. */
        abstract T parse(String text);
    }

    private static final class UuidReader extends StringReader<UUID> {

        private static final long serialVersionUID = 1L;

        UuidReader() {
            super(UUID.class, "expected a UUID");
        }

        @Override
        UUID parse(String text) {
            if (!UUID_TEXT.matcher(text).matches()) {
                throw new IllegalArgumentException("not a canonical UUID");
            }
            return UUID.fromString(text);
        }
    }

    private static final class InstantReader extends StringReader<Instant> {

        private static final long serialVersionUID = 1L;

        InstantReader() {
            super(Instant.class, "expected an ISO-8601 instant");
        }

        @Override
        Instant parse(String text) {
            return Instant.parse(text);
        }
    }

    private static final class LocalTimeReader extends StringReader<LocalTime> {

        private static final long serialVersionUID = 1L;

        LocalTimeReader() {
            super(LocalTime.class, "expected a local time HH:mm");
        }

        @Override
        LocalTime parse(String text) {
            return LocalTime.parse(text, HH_MM);
        }
    }
}
