package org.courtyard.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

/** Reads an {@link Event}, choosing the payload record by the {@code type} field. */
final class EventDeserializer extends StdDeserializer<Event> {

    private static final long serialVersionUID = 1L;

    EventDeserializer() {
        super(Event.class);
    }

    @Override
    public Event deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = context.readTree(parser);
        if (node == null || !node.isObject()) {
            throw JsonMappingException.from(parser, "an event must be a JSON object");
        }
        UUID id = uuid(parser, node, "id");
        EventType type = type(parser, node);
        Instant occurredAt = instant(parser, node, "occurredAt");
        JsonNode trusted = node.get("clockTrusted");
        if (trusted == null || trusted.isNull()) {
            throw field(parser, "clockTrusted", "missing required field 'clockTrusted'");
        }
        if (!trusted.isBoolean()) {
            throw field(parser, "clockTrusted", "field 'clockTrusted' must be true or false");
        }
        JsonNode payloadNode = node.get("payload");
        if (payloadNode == null || payloadNode.isNull()) {
            throw field(parser, "payload", "missing required field 'payload'");
        }
        if (!payloadNode.isObject()) {
            throw field(parser, "payload", "field 'payload' must be a JSON object");
        }
        EventPayload payload;
        try {
            payload = context.readTreeAsValue(payloadNode, type.payloadType());
        } catch (JsonMappingException e) {
            e.prependPath(Event.class, "payload");
            throw e;
        }
        return new Event(id, type, occurredAt, trusted.booleanValue(), payload);
    }

    private static EventType type(JsonParser parser, JsonNode node) throws JsonMappingException {
        String text = text(parser, node, "type");
        try {
            return EventType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw field(parser, "type", "unknown event type '" + text + "' (known: "
                    + Arrays.toString(EventType.values()) + ")");
        }
    }

    private static UUID uuid(JsonParser parser, JsonNode node, String name) throws JsonMappingException {
        String text = text(parser, node, name);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw field(parser, name, "field '" + name + "' is not a UUID: '" + text + "'");
        }
    }

    private static Instant instant(JsonParser parser, JsonNode node, String name) throws JsonMappingException {
        String text = text(parser, node, name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw field(parser, name, "field '" + name + "' is not an ISO-8601 instant: '" + text + "'");
        }
    }

    private static String text(JsonParser parser, JsonNode node, String name) throws JsonMappingException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw field(parser, name, "missing required field '" + name + "'");
        }
        if (value.getNodeType() != JsonNodeType.STRING) {
            throw field(parser, name, "field '" + name + "' must be a string");
        }
        return value.textValue();
    }

    private static JsonMappingException field(JsonParser parser, String name, String message) {
        JsonMappingException e = JsonMappingException.from(parser, message);
        e.prependPath(Event.class, name);
        return e;
    }
}
