package org.courtyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.courtyard.protocol.Rejected.assertRejected;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The event's {@code type} chooses its payload record; a type the reader does not know is refused. */
class EventTypeTest {

    private static final String KNOWN = "HELP_REQUESTED, HELP_CANCELLED, HELP_DETAILS, HELP_REPEATED, CHECKED_IN, "
            + "CHECK_IN_UNDONE, VISIT_CHECKED_IN, ANNOUNCEMENT_PLAYED, HEARTBEAT, AUDIO_DOWNLOADED, MESSAGE_DELIVERED, "
            + "MESSAGE_HEARD";

    @ParameterizedTest
    @ValueSource(strings = {"DOOR_OPENED", "help_requested", "HELP REQUESTED", ""})
    void unknown_event_type_is_rejected_naming_the_type(String type) {
        String json = JsonEdit.set(Golden.EVENT_HELP_REQUESTED.text(), "/type", '"' + type + '"');

        assertRejected(json, Event.class, "type",
                "field 'type' has unknown event type '" + type + "': expected one of " + KNOWN);
    }

    @Test
    void events_of_every_type_read_in_turn_from_one_fresh_mapper_each_get_their_own_payload() throws Exception {
        // A fresh mapper finds each field's reader on its first event and reuses it after:
        // every type in turn, twice, and a bad id between them, must read as on its own.
        com.fasterxml.jackson.databind.ObjectMapper mapper = ProtocolJson.newMapper();
        List<Golden> events = java.util.Arrays.stream(Golden.values()).filter(golden -> golden.type == Event.class)
                .toList();
        for (int round = 0; round < 2; round++) {
            for (Golden golden : events) {
                assertThat(mapper.readValue(golden.text(), Event.class)).as(golden.name()).isEqualTo(golden.value);
                String badId = JsonEdit.set(golden.text(), "/id", "\"nope\"");
                assertThatThrownBy(() -> mapper.readValue(badId, Event.class)).hasMessageContaining("expected a UUID");
            }
        }
    }

    @Test
    void unknown_event_type_inside_a_sync_is_rejected_with_the_event_index() {
        String json = JsonEdit.set(Golden.SYNC_REQUEST.text(), "/events/1/type", "\"DOOR_OPENED\"");

        assertRejected(json, SyncRequest.class, "events[1].type",
                "field 'type' has unknown event type 'DOOR_OPENED': expected one of " + KNOWN);
    }

    @Test
    void payload_of_another_type_is_rejected_naming_the_expected_type() {
        // A HELP_REQUESTED payload sent as CHECKED_IN: its fields are unknown there, residentId is missing.
        String json = JsonEdit.set(Golden.EVENT_HELP_REQUESTED.text(), "/type", "\"CHECKED_IN\"");

        assertRejected(json, Event.class, "payload.residentId",
                "missing required field 'residentId' in a payload of type CHECKED_IN");
    }

    @Test
    void payload_of_another_type_inside_a_sync_is_rejected_with_the_full_path() {
        String json = JsonEdit.set(Golden.SYNC_REQUEST.text(), "/events/1/type", "\"HEARTBEAT\"");

        // Jackson checks required numbers before the record checks its strings, so not 'version'.
        assertRejected(json, SyncRequest.class, "events[1].payload.uptimeSeconds",
                "missing required field 'uptimeSeconds' in a payload of type HEARTBEAT");
    }

    @Test
    void empty_payload_is_rejected_naming_the_first_missing_field() {
        String json = JsonEdit.set(Golden.EVENT_ANNOUNCEMENT_PLAYED.text(), "/payload", "{}");

        assertRejected(json, Event.class, "payload.announcementId",
                "missing required field 'announcementId' in a payload of type ANNOUNCEMENT_PLAYED");
    }

    @Test
    void type_may_come_after_the_payload() {
        String json = """
                {"payload":{"residentId":"r-0042"},"clockTrusted":true,"occurredAt":"2026-11-29T00:31:12Z",
                 "type":"CHECKED_IN","id":"6fb2c35d-3c75-4126-9c05-e26be0c6055f"}""";

        assertThat(ProtocolJson.read(json, Event.class)).isEqualTo(Golden.EVENT_CHECKED_IN.value);
    }

    @Test
    void event_id_is_read_in_either_case_and_written_in_lowercase() {
        String json = JsonEdit.set(Golden.EVENT_CHECKED_IN.text(), "/id", "\"6FB2C35D-3C75-4126-9C05-E26BE0C6055F\"");

        Event event = ProtocolJson.read(json, Event.class);

        assertThat(event).isEqualTo(Golden.EVENT_CHECKED_IN.value);
        assertThat(ProtocolJson.write(event)).contains("\"id\":\"6fb2c35d-3c75-4126-9c05-e26be0c6055f\"");
    }

    @Test
    void every_payload_record_belongs_to_exactly_one_event_type() {
        for (EventType type : EventType.values()) {
            assertThat(List.of(EventType.values()).stream().filter(t -> t.payloadType() == type.payloadType()))
                    .containsExactly(type);
        }
    }

    @Test
    void event_of_picks_the_type_of_the_payload_and_a_fresh_id() {
        Instant now = Instant.parse("2026-11-29T02:14:07Z");

        Event first = Event.of(new HelpRequested(HelpSource.SCREEN, null, null, null), now, true);
        Event second = Event.of(new HelpRequested(HelpSource.SCREEN, null, null, null), now, true);

        assertThat(first.type()).isEqualTo(EventType.HELP_REQUESTED);
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.id().version()).isEqualTo(7);
    }

    @Test
    void event_built_with_a_payload_of_another_type_is_refused() {
        assertThatThrownBy(() -> new Event(Golden.uuid("6fb2c35d-3c75-4126-9c05-e26be0c6055f"), EventType.CHECKED_IN,
                Instant.parse("2026-11-29T00:31:12Z"), true, new HelpCancelled(
                        Golden.uuid("93fc4890-0e0a-4a83-8807-a45a6192c6c7"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'payload' is not a CHECKED_IN payload");
    }
}
