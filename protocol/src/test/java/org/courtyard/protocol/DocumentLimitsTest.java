package org.courtyard.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.courtyard.protocol.Rejected.assertRejected;
import static org.courtyard.protocol.Rejected.failure;
import static org.courtyard.protocol.Rejected.hasPathAndMessage;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The protocol's limits: document size, nesting depth, events per sync, text length. */
class DocumentLimitsTest {

    private static final int MAX = Protocol.MAX_DOCUMENT_BYTES;

    @Test
    void limits_are_those_the_documentation_states() {
        assertThat(Protocol.MAX_DOCUMENT_BYTES).isEqualTo(1_048_576);
        assertThat(Protocol.MAX_EVENTS_PER_SYNC).isEqualTo(500);
        assertThat(Protocol.MAX_TEXT_CHARS).isEqualTo(4000);
        assertThat(Protocol.MAX_NESTING_DEPTH).isEqualTo(64);
    }

    @Test
    void document_of_exactly_the_size_limit_is_read() {
        byte[] json = syncOfBytes(MAX);

        assertThat(ProtocolJson.read(json, SyncRequest.class).kioskId()).isEqualTo("kiosk-dazhai-01");
        assertThat(ProtocolJson.read(new ByteArrayInputStream(json), SyncRequest.class).kioskId())
                .isEqualTo("kiosk-dazhai-01");
    }

    @Test
    void oversize_document_is_rejected_before_it_is_parsed() {
        byte[] json = syncOfBytes(MAX + 1);

        assertThat(failure(() -> ProtocolJson.read(json, SyncRequest.class)))
                .satisfies(hasPathAndMessage("", "document of 1048577 bytes is larger than the limit of 1048576 bytes"));
    }

    @Test
    void oversize_document_is_rejected_even_when_it_is_not_json() {
        byte[] junk = new byte[MAX + 1];

        assertThat(failure(() -> ProtocolJson.read(junk, SyncRequest.class)))
                .satisfies(hasPathAndMessage("", "document of 1048577 bytes is larger than the limit of 1048576 bytes"));
    }

    @Test
    void size_limit_counts_utf8_bytes_not_characters() {
        // About 350,000 Chinese characters: a third of the limit in characters, just over it in bytes.
        String padding = "救".repeat(MAX / 3 + 1);
        String json = "{\"protocol\":1,\"kioskId\":\"kiosk-dazhai-01\",\"events\":[],\"note\":\"" + padding + "\"}";
        int bytes = json.getBytes(UTF_8).length;

        assertThat(json.length()).isLessThan(MAX);
        assertRejected(json, SyncRequest.class, "",
                "document of " + bytes + " bytes is larger than the limit of 1048576 bytes");
    }

    @Test
    void oversize_stream_is_rejected_while_it_is_read() {
        byte[] json = syncOfBytes(MAX + 1);

        assertThat(failure(() -> ProtocolJson.read(new ByteArrayInputStream(json), SyncRequest.class)))
                .satisfies(hasPathAndMessage("", "document is larger than the limit of 1048576 bytes"));
    }

    @Test
    void sync_with_the_maximum_number_of_events_is_read() {
        SyncRequest sync = ProtocolJson.read(syncWithEvents(Protocol.MAX_EVENTS_PER_SYNC), SyncRequest.class);

        assertThat(sync.events()).hasSize(500);
    }

    @Test
    void sync_with_too_many_events_is_rejected_saying_how_many() {
        assertRejected(syncWithEvents(Protocol.MAX_EVENTS_PER_SYNC + 1), SyncRequest.class, "events",
                "field 'events' holds 501 events; at most 500 per sync");
    }

    @Test
    void text_of_the_maximum_length_is_read() {
        String transcript = "救命".repeat(Protocol.MAX_TEXT_CHARS / 2);
        String json = JsonEdit.set(Golden.EVENT_HELP_REQUESTED.text(), "/payload/transcript", '"' + transcript + '"');

        Event event = ProtocolJson.read(json, Event.class);

        assertThat(((HelpRequested) event.payload()).transcript()).hasSize(4000);
    }

    @Test
    void text_over_the_maximum_length_is_rejected_naming_the_field() {
        String json = JsonEdit.set(Golden.EVENT_HELP_REQUESTED.text(), "/payload/transcript",
                '"' + "救".repeat(Protocol.MAX_TEXT_CHARS + 1) + '"');

        assertRejected(json, Event.class, "payload.transcript", "field 'transcript' is longer than 4000 characters");
    }

    @Test
    void identifier_over_the_maximum_length_is_rejected_naming_the_field() {
        String json = JsonEdit.set(Golden.SYNC_REQUEST.text(), "/kioskId", '"' + "k".repeat(4001) + '"');

        assertRejected(json, SyncRequest.class, "kioskId", "field 'kioskId' is longer than 4000 characters");
    }

    @Test
    void nesting_up_to_the_limit_is_read() {
        // The root object is level 1, so 63 more levels reach the limit of 64.
        String json = syncWithUnknownField(nested(Protocol.MAX_NESTING_DEPTH - 1));

        assertThat(ProtocolJson.read(json, SyncRequest.class)).isEqualTo(Golden.SYNC_REQUEST.value);
    }

    @Test
    void deeply_nested_junk_in_an_unknown_field_is_rejected() {
        String json = syncWithUnknownField(nested(Protocol.MAX_NESTING_DEPTH));

        assertRejected(json, SyncRequest.class, "", "document is nested deeper than the limit of 64 levels");
    }

    @Test
    void deeply_nested_junk_inside_an_event_payload_is_rejected() {
        String json = JsonEdit.set(Golden.SYNC_REQUEST.text(), "/events/1/payload/residentId", nested(500));

        assertRejected(json, SyncRequest.class, "", "document is nested deeper than the limit of 64 levels");
        assertThat(failure(() -> ProtocolJson.read(new ByteArrayInputStream(json.getBytes(UTF_8)), SyncRequest.class)))
                .satisfies(hasPathAndMessage("", "document is nested deeper than the limit of 64 levels"));
    }

    @Test
    void deeply_nested_junk_as_the_whole_document_is_rejected() {
        String json = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);

        assertRejected(json, SyncRequest.class, "", "document is nested deeper than the limit of 64 levels");
    }

    /** A valid sync request padded with an unknown string field to exactly {@code size} bytes. */
    private static byte[] syncOfBytes(int size) {
        String head = "{\"protocol\":1,\"kioskId\":\"kiosk-dazhai-01\",\"events\":[],\"padding\":\"";
        String tail = "\"}";
        byte[] json = (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(UTF_8);
        assertThat(json).hasSize(size);
        return json;
    }

    private static String syncWithEvents(int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(JsonEdit.set(Golden.EVENT_CHECKED_IN.text(), "/id", '"' + UUID.randomUUID().toString() + '"'));
        }
        return "{\"protocol\":1,\"kioskId\":\"kiosk-dazhai-01\",\"cursor\":null,\"events\":["
                + String.join(",", events) + "]}";
    }

    private static String syncWithUnknownField(String value) {
        String golden = JsonEdit.text(JsonEdit.tree(Golden.SYNC_REQUEST.text()));
        return golden.substring(0, golden.length() - 1) + ",\"junk\":" + value + "}";
    }

    /** {@code levels} nested arrays and objects, alternating, around a number. */
    private static String nested(int levels) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            open.append(i % 2 == 0 ? "[" : "{\"k\":");
            close.insert(0, i % 2 == 0 ? "]" : "}");
        }
        return open + "1" + close;
    }
}
