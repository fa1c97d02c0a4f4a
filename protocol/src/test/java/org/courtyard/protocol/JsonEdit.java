package org.courtyard.protocol;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Edits a JSON document at a JSON pointer such as {@code /events/0/payload/source}, for malformed-input tests. */
final class JsonEdit {

    /** A plain mapper, so that the edits themselves never go through the protocol's checks. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private JsonEdit() {
    }

    static JsonNode tree(String json) {
        try {
            return PLAIN.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode tree) {
        try {
            return PLAIN.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code json} with the value at {@code pointer} replaced by (or, in an object, set to) {@code valueJson}. */
    static String set(String json, String pointer, String valueJson) {
        JsonNode root = tree(json);
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = root.at(at.head());
        JsonNode value = tree(valueJson);
        if (parent instanceof ObjectNode object) {
            object.set(at.last().getMatchingProperty(), value);
        } else if (parent instanceof ArrayNode array) {
            array.set(at.last().getMatchingIndex(), value);
        } else {
            throw new IllegalArgumentException("no object or array at " + at.head() + " in " + json);
        }
        return text(root);
    }

    /** {@code json} without the field at {@code pointer}, which must exist. */
    static String remove(String json, String pointer) {
        JsonNode root = tree(json);
        JsonPointer at = JsonPointer.compile(pointer);
        if (!(root.at(at.head()) instanceof ObjectNode parent) || !parent.has(at.last().getMatchingProperty())) {
            throw new IllegalArgumentException("no field at " + pointer + " in " + json);
        }
        parent.remove(at.last().getMatchingProperty());
        return text(root);
    }
}
