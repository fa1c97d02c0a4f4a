package org.courtyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A newer peer may add fields anywhere; an older reader ignores them. */
class ForwardCompatibilityTest {

    private static final String FUTURE_VALUE = "{\"nested\":[1,\"二\",null,{\"three\":true}],\"at\":\"2027-01-01T00:00:00Z\"}";

    @ParameterizedTest
    @EnumSource(Golden.class)
    void unknown_fields_in_every_object_are_ignored(Golden golden) {
        JsonNode tree = JsonEdit.tree(golden.text());
        int objects = addUnknownFields(tree);

        assertThat(objects).isPositive();
        assertThat(ProtocolJson.read(JsonEdit.text(tree), golden.type)).isEqualTo(golden.value);
    }

    @Test
    void unknown_fields_do_not_survive_a_round_trip() {
        JsonNode tree = JsonEdit.tree(Golden.EVENT_HEARTBEAT.text());
        addUnknownFields(tree);

        Event event = ProtocolJson.read(JsonEdit.text(tree), Event.class);

        assertThat(JsonEdit.tree(ProtocolJson.write(event))).isEqualTo(JsonEdit.tree(Golden.EVENT_HEARTBEAT.text()));
    }

    @Test
    void unknown_field_named_like_a_known_one_in_another_case_is_ignored() {
        String json = JsonEdit.set(Golden.EVENT_CHECKED_IN.text(), "/Type", "\"HEARTBEAT\"");

        assertThat(ProtocolJson.read(json, Event.class)).isEqualTo(Golden.EVENT_CHECKED_IN.value);
    }

    /** Adds two unknown fields to every object in {@code node}; returns how many objects it changed. */
    private static int addUnknownFields(JsonNode node) {
        int changed = 0;
        for (JsonNode child : node) {
            changed += addUnknownFields(child);
        }
        if (node instanceof ObjectNode object) {
            object.set("futureField", JsonEdit.tree(FUTURE_VALUE));
            object.put("未来字段", "新版本才有");
            changed++;
        }
        return changed;
    }
}
