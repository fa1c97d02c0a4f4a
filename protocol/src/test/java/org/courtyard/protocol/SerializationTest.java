package org.courtyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.courtyard.protocol.Golden.at;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the writer produces, beyond matching the golden files: stable, explicit, in canonical form. */
class SerializationTest {

    @Test
    void targets_writes_only_the_chosen_key() {
        assertThat(ProtocolJson.write(Targets.everyone())).isEqualTo("{\"all\":true}");
        assertThat(ProtocolJson.write(Targets.villages(List.of("大寨村")))).isEqualTo("{\"villages\":[\"大寨村\"]}");
        assertThat(ProtocolJson.write(Targets.kiosks(List.of("kiosk-xiaohe-02"))))
                .isEqualTo("{\"kiosks\":[\"kiosk-xiaohe-02\"]}");
    }

    @Test
    void targets_read_with_an_explicit_false_or_empty_list_writes_only_the_chosen_key() {
        Targets targets = ProtocolJson.read("{\"all\":false,\"villages\":[\"大寨村\"],\"kiosks\":[]}", Targets.class);

        assertThat(targets).isEqualTo(Targets.villages(List.of("大寨村")));
        assertThat(targets.isEveryone()).isFalse();
        assertThat(ProtocolJson.write(targets)).isEqualTo("{\"villages\":[\"大寨村\"]}");
    }

    @Test
    void repeat_daily_is_written_as_hh_mm_and_read_back() {
        Announcement announcement = withRepeatDaily(List.of(LocalTime.of(8, 0), LocalTime.of(18, 30)));

        String json = ProtocolJson.write(announcement);

        assertThat(json).contains("\"repeatDaily\":[\"08:00\",\"18:30\"]");
        assertThat(ProtocolJson.read(json, Announcement.class)).isEqualTo(announcement);
    }

    @Test
    void repeat_daily_08_00_reads_as_eight_o_clock() {
        String json = JsonEdit.set(Golden.ANNOUNCEMENT.text(), "/repeatDaily", "[\"08:00\"]");

        assertThat(ProtocolJson.read(json, Announcement.class).repeatDaily()).containsExactly(LocalTime.of(8, 0));
    }

    @Test
    void nullable_fields_are_written_as_null_not_left_out() {
        JsonNode help = JsonEdit.tree(ProtocolJson.write(new HelpRequested(HelpSource.BUTTON, null, null, null)));
        JsonNode sync = JsonEdit.tree(ProtocolJson.write(new SyncRequest(1, "kiosk-dazhai-01", null, null)));
        JsonNode announcement = JsonEdit.tree(ProtocolJson.write(Golden.ANNOUNCEMENT_TEXT_ONLY.value));

        assertThat(help.get("category").isNull()).isTrue();
        assertThat(help.get("residentId").isNull()).isTrue();
        assertThat(help.get("transcript").isNull()).isTrue();
        assertThat(sync.get("cursor").isNull()).isTrue();
        assertThat(announcement.get("endsAt").isNull()).isTrue();
        assertThat(announcement.get("audio").isNull()).isTrue();
    }

    @Test
    void absent_lists_read_as_empty_and_are_written_as_empty_arrays() {
        SyncResponse response = ProtocolJson.read("{\"cursor\":\"c-1\",\"serverTime\":\"2026-11-29T02:16:31Z\"}",
                SyncResponse.class);

        assertThat(response.accepted()).isEmpty();
        assertThat(ProtocolJson.write(response)).isEqualTo("{\"accepted\":[],\"rejected\":[],\"cursor\":\"c-1\","
                + "\"announcements\":[],\"helpUpdates\":[],\"serverTime\":\"2026-11-29T02:16:31Z\","
                + "\"residents\":null,\"cadres\":null,\"village\":null,\"messages\":[]}");
    }

    @Test
    void absent_roster_reads_as_unchanged_and_an_empty_one_as_no_residents() {
        SyncResponse unchanged = ProtocolJson.read("{\"cursor\":\"c-1\",\"serverTime\":\"2026-11-29T02:16:31Z\"}",
                SyncResponse.class);
        SyncResponse empty = ProtocolJson.read("{\"cursor\":\"c-1\",\"serverTime\":\"2026-11-29T02:16:31Z\","
                + "\"residents\":[],\"cadres\":null}", SyncResponse.class);

        assertThat(unchanged.residents()).isNull();
        assertThat(unchanged.cadres()).isNull();
        assertThat(unchanged.hasRoster()).isFalse();
        assertThat(empty.residents()).isEmpty();
        assertThat(empty.cadres()).isNull();
        assertThat(empty.hasRoster()).isTrue();
    }

    @Test
    void instant_with_an_offset_is_read_and_written_back_in_utc() {
        String json = JsonEdit.set(Golden.EVENT_CHECKED_IN.text(), "/occurredAt", "\"2026-11-29T08:31:12+08:00\"");

        Event event = ProtocolJson.read(json, Event.class);

        assertThat(event).isEqualTo(Golden.EVENT_CHECKED_IN.value);
        assertThat(ProtocolJson.write(event)).contains("\"occurredAt\":\"2026-11-29T00:31:12Z\"");
    }

    @Test
    void instant_keeps_its_fraction_of_a_second() {
        Instant precise = Instant.parse("2026-11-29T02:14:07.123456789Z");
        HelpHistoryEntry entry = HelpHistoryEntry.status(HelpStatus.NEW, null, null, null, precise);

        String json = ProtocolJson.write(entry);

        assertThat(json).contains("\"at\":\"2026-11-29T02:14:07.123456789Z\"");
        assertThat(ProtocolJson.read(json, HelpHistoryEntry.class).at()).isEqualTo(precise);
    }

    @ParameterizedTest
    @EnumSource(Golden.class)
    void writing_the_same_value_twice_gives_the_same_bytes(Golden golden) {
        Object read = ProtocolJson.read(golden.text(), golden.type);

        assertThat(ProtocolJson.writeBytes(read)).isEqualTo(ProtocolJson.writeBytes(golden.value));
        assertThat(ProtocolJson.write(read)).isEqualTo(ProtocolJson.write(read));
    }

    @Test
    void error_body_is_the_documented_shape() {
        assertThat(ProtocolJson.write(ErrorBody.of("conflict", "RESOLVED cannot move to ACKNOWLEDGED")))
                .isEqualTo("{\"error\":{\"code\":\"conflict\",\"message\":\"RESOLVED cannot move to ACKNOWLEDGED\"}}");
    }

    @Test
    void one_bad_event_can_be_refused_without_refusing_the_batch() {
        String json = JsonEdit.set(Golden.SYNC_REQUEST.text(), "/events/0/payload/source", "\"FOOT\"");
        JsonNode body = ProtocolJson.read(json, JsonNode.class);

        ProtocolException bad = Rejected.failure(() -> ProtocolJson.read(body.get("events").get(0), Event.class));
        Event good = ProtocolJson.read(body.get("events").get(1), Event.class);

        assertThat(bad).satisfies(Rejected.hasPathAndMessage("payload.source",
                "field 'source' has invalid value 'FOOT': expected one of BUTTON, SCREEN, VOICE"));
        assertThat(good).isEqualTo(Golden.EVENT_CHECKED_IN.value);
    }

    @Test
    void json_node_body_is_still_held_to_the_document_limits() {
        String json = "[".repeat(Protocol.MAX_NESTING_DEPTH + 1) + "]".repeat(Protocol.MAX_NESTING_DEPTH + 1);

        assertThat(Rejected.failure(() -> ProtocolJson.read(json, JsonNode.class)))
                .satisfies(Rejected.hasPathAndMessage("", "document is nested deeper than the limit of 64 levels"));
    }

    private static Announcement withRepeatDaily(List<LocalTime> times) {
        return new Announcement("ann-0009", "村民大会通知", "周日上午九点在村委会开会。", Priority.NORMAL, false,
                Targets.everyone(), at("2026-11-29T00:00:00Z"), at("2026-12-01T00:00:00Z"), times, null, false, 1);
    }
}
