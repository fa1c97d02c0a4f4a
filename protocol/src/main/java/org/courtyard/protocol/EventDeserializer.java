package org.courtyard.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TreeTraversingParser;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads an {@link Event}, choosing the payload record by the {@code type} field. The event is read
 * into a tree first because {@code type} may come after {@code payload}, unless it was read from
 * one already ({@link #TREE}). Every field is then read
 * with the shared mapper's own readers, so a bad {@code id} or {@code occurredAt} is reported
 * exactly like a bad UUID or instant anywhere else; unknown fields are ignored here too.
 */
final class EventDeserializer extends StdDeserializer<Event> {

    private static final long serialVersionUID = 1L;

    /**
     * The attribute under which {@link ProtocolJson#read(JsonNode, Class)} hands over the tree of
     * the event it reads, so that the event is read from that tree as it is instead of from a copy
     * (a sync's events are each read from the body's tree, which was parsed once already).
     */
    static final Object TREE = new Object();

    /**
     * The readers of the fields' types, found once per mapper (this instance is the mapper's):
     * Jackson keeps no reader of a scalar type such as UUID or Instant, and finding one anew
     * introspects the type each time, for every event of every sync.
     */
    private final transient Map<Class<?>, JsonDeserializer<Object>> readers = new ConcurrentHashMap<>();

    EventDeserializer() {
        super(Event.class);
    }

    @Override
    public Event deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.START_OBJECT) && !parser.hasToken(JsonToken.FIELD_NAME)) {
            return (Event) context.handleUnexpectedToken(Event.class, parser);
        }
        JsonNode node = tree(parser, context);
        UUID id = required(parser, context, node, "id", UUID.class);
        EventType type = type(parser, context, node);
        Instant occurredAt = required(parser, context, node, "occurredAt", Instant.class);
        boolean clockTrusted = required(parser, context, node, "clockTrusted", Boolean.class);
        EventPayload payload = payload(parser, context, node, type);
        try {
            return new Event(id, type, occurredAt, clockTrusted, payload);
        } catch (IllegalArgumentException e) {
            throw ValueInstantiationException.from(parser, e.getMessage(), context.constructType(Event.class), e);
        }
    }

    /**
     * The event's tree: the one handed over as {@link #TREE} for the event being read from it (taken
     * once, and the parser moved past it), else a tree read from the parser.
     */
    private static JsonNode tree(JsonParser parser, DeserializationContext context) throws IOException {
        if (context.getAttribute(TREE) instanceof ObjectNode given && parser.hasToken(JsonToken.START_OBJECT)) {
            context.setAttribute(TREE, null);
            parser.skipChildren();
            return given;
        }
        return context.readTree(parser);
    }

    private EventType type(JsonParser parser, DeserializationContext context, JsonNode node)
            throws IOException {
        JsonNode value = present(parser, node, "type");
        if (!value.isTextual()) {
            // Not a string: the shared enum reader fails with the usual "wrong type" report.
            return required(parser, context, node, "type", EventType.class);
        }
        String text = value.textValue();
        try {
            return EventType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw at(JsonMappingException.from(parser, "field 'type' has unknown event type '" + text
                    + "': expected one of "
                    + String.join(", ", Arrays.stream(EventType.values()).map(Enum::name).toList())), "type");
        }
    }

    private EventPayload payload(JsonParser parser, DeserializationContext context, JsonNode node,
            EventType type) throws IOException {
        JsonNode value = present(parser, node, "payload");
        try {
            return read(parser, context, value, type.payloadType());
        } catch (JsonMappingException e) {
            // The reference carries the event type so that a report of a missing payload field can
            // say which type's payload was expected: the usual sign of a payload sent under the wrong type.
            e.prependPath(new JsonMappingException.Reference(type, "payload"));
            throw e;
        }
    }

    private <T> T required(JsonParser parser, DeserializationContext context, JsonNode node, String name,
            Class<T> type) throws IOException {
        JsonNode value = present(parser, node, name);
        try {
            return read(parser, context, value, type);
        } catch (JsonMappingException e) {
            throw at(e, name);
        }
    }

    /**
     * What {@link DeserializationContext#readTreeAsValue} does for a value that is not null, with
     * the type's reader found once.
     */
    private <T> T read(JsonParser parser, DeserializationContext context, JsonNode value, Class<T> type)
            throws IOException {
        JsonDeserializer<Object> reader = readers.get(type);
        if (reader == null) {
            reader = context.findRootValueDeserializer(context.constructType(type));
            readers.put(type, reader);
        }
        try (TreeTraversingParser tokens = new TreeTraversingParser(value, parser.getCodec())) {
            tokens.nextToken();
            return type.cast(reader.deserialize(tokens, context));
        }
    }

    private static JsonNode present(JsonParser parser, JsonNode node, String name) throws JsonMappingException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw at(JsonMappingException.from(parser, "missing required field '" + name + "'"), name);
        }
        return value;
    }

    private static JsonMappingException at(JsonMappingException e, String name) {
        e.prependPath(Event.class, name);
        return e;
    }
}
