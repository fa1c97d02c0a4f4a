package org.courtyard.protocol;

import static org.courtyard.protocol.Rejected.assertRejected;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A value of the right JSON type that is still not valid: the message quotes it and says what is expected. */
class InvalidValueTest {

    private static final String UUID = "expected a UUID";
    private static final String INSTANT = "expected an ISO-8601 instant such as 2026-11-29T08:00:00Z";
    private static final String TIME = "expected a time of day HH:mm such as 08:00";

    static Stream<Arguments> invalidEnumValues() {
        return Stream.of(
                arguments(Golden.EVENT_HELP_REQUESTED, "/payload/source", "FOOT", "payload.source",
                        "one of BUTTON, SCREEN, VOICE"),
                arguments(Golden.EVENT_HELP_REQUESTED, "/payload/source", "voice", "payload.source",
                        "one of BUTTON, SCREEN, VOICE"),
                arguments(Golden.EVENT_HELP_REQUESTED, "/payload/source", "", "payload.source",
                        "one of BUTTON, SCREEN, VOICE"),
                arguments(Golden.EVENT_HELP_REQUESTED, "/payload/category", "URGENT", "payload.category",
                        "one of EMERGENCY, MEDICAL, DAILY, OTHER"),
                arguments(Golden.EVENT_ANNOUNCEMENT_PLAYED, "/payload/outcome", "SKIPPED", "payload.outcome",
                        "one of PLAYED, FAILED, PREEMPTED"),
                arguments(Golden.ANNOUNCEMENT, "/priority", "URGENT", "priority", "one of NORMAL, EMERGENCY"),
                arguments(Golden.ANNOUNCEMENT, "/priority", "1", "priority", "one of NORMAL, EMERGENCY"),
                arguments(Golden.HELP_UPDATE, "/status", "DONE", "status",
                        "one of NEW, ACKNOWLEDGED, ASSIGNED, RESOLVED, CANCELLED"),
                arguments(Golden.HELP_REQUEST, "/history/2/status", "DELIVERED", "history[2].status",
                        "one of NEW, ACKNOWLEDGED, ASSIGNED, RESOLVED, CANCELLED"));
    }

    static Stream<Arguments> invalidStrings() {
        return Stream.of(
                arguments(Golden.EVENT_HELP_REQUESTED, "/id", "nope", "id", UUID),
                arguments(Golden.EVENT_HELP_REQUESTED, "/id", "1-2-3-4-5", "id", UUID),
                arguments(Golden.EVENT_HELP_REQUESTED, "/id", "", "id", UUID),
                arguments(Golden.EVENT_HELP_REQUESTED, "/id", "AAAAAAAAAAAAAAAAAAAAAA==", "id", UUID),
                arguments(Golden.EVENT_HELP_REQUESTED, "/id", "ee23b09c62cb494a8806063f10bd3117", "id", UUID),
                arguments(Golden.EVENT_HELP_REQUESTED, "/id", "{ee23b09c-62cb-494a-8806-063f10bd3117}", "id", UUID),
                arguments(Golden.EVENT_HELP_REQUESTED, "/id", "ee23b09c-62cb-494a-8806-063f10bd311g", "id", UUID),
                arguments(Golden.EVENT_HELP_CANCELLED, "/payload/requestId", "req-1", "payload.requestId", UUID),
                arguments(Golden.SYNC_RESPONSE, "/accepted/1", "x", "accepted[1]", UUID),
                arguments(Golden.HELP_UPDATE, "/requestId", "ee23b09c-62cb-494a-8806-063f10bd311", "requestId", UUID),
                arguments(Golden.EVENT_HELP_REQUESTED, "/occurredAt", "2026-11-29 02:14:07", "occurredAt", INSTANT),
                arguments(Golden.EVENT_HELP_REQUESTED, "/occurredAt", "2026-11-29T02:14:07", "occurredAt", INSTANT),
                arguments(Golden.EVENT_HELP_REQUESTED, "/occurredAt", "2026-11-29", "occurredAt", INSTANT),
                arguments(Golden.EVENT_HELP_REQUESTED, "/occurredAt", "2026-02-30T00:00:00Z", "occurredAt", INSTANT),
                arguments(Golden.EVENT_HELP_REQUESTED, "/occurredAt", "yesterday", "occurredAt", INSTANT),
                arguments(Golden.EVENT_HELP_REQUESTED, "/occurredAt", "", "occurredAt", INSTANT),
                arguments(Golden.EVENT_ANNOUNCEMENT_PLAYED, "/payload/endedAt", "2026-11-29T25:00:00Z",
                        "payload.endedAt", INSTANT),
                arguments(Golden.SYNC_RESPONSE, "/serverTime", "now", "serverTime", INSTANT),
                arguments(Golden.ANNOUNCEMENT, "/repeatDaily/0", "8:00", "repeatDaily[0]", TIME),
                arguments(Golden.ANNOUNCEMENT, "/repeatDaily/0", "08:00:30", "repeatDaily[0]", TIME),
                arguments(Golden.ANNOUNCEMENT, "/repeatDaily/0", "24:00", "repeatDaily[0]", TIME),
                arguments(Golden.ANNOUNCEMENT, "/repeatDaily/1", "6:30 pm", "repeatDaily[1]", TIME));
    }

    /** Values every JSON reader would take but the records' own checks refuse. */
    static Stream<Arguments> refusedByTheRecord() {
        return Stream.of(
                arguments(Golden.AUDIO_REF, "/sha256", "\"CC4E54F4FE679E681B86B8C1E50EE7FA01D9C11E7A8E8426B0D436E5A4E00F8A\"",
                        "sha256", "field 'sha256' must be 64 lowercase hex digits"),
                arguments(Golden.AUDIO_REF, "/sha256", "\"cc4e54f4\"", "sha256",
                        "field 'sha256' must be 64 lowercase hex digits"),
                arguments(Golden.EVENT_AUDIO_DOWNLOADED, "/payload/sha256", "\"cc4e54f4\"", "payload.sha256",
                        "field 'sha256' must be 64 lowercase hex digits"),
                arguments(Golden.AUDIO_REF, "/bytes", "0", "bytes", "field 'bytes' must be positive"),
                arguments(Golden.AUDIO_REF, "/durationMs", "-1", "durationMs", "field 'durationMs' must not be negative"),
                arguments(Golden.EVENT_HEARTBEAT, "/payload/outbox", "-1", "payload.outbox",
                        "field 'outbox' must not be negative"),
                arguments(Golden.EVENT_HEARTBEAT, "/payload/diskFreeMb", "-1", "payload.diskFreeMb",
                        "field 'diskFreeMb' must not be negative"),
                arguments(Golden.EVENT_HEARTBEAT, "/payload/temperatureC", "851.5", "payload.temperatureC",
                        "field 'temperatureC' must be from -60 to 150, was 851.5"),
                arguments(Golden.EVENT_HEARTBEAT, "/payload/uptimeSeconds", "-5", "payload.uptimeSeconds",
                        "field 'uptimeSeconds' must not be negative"),
                arguments(Golden.EVENT_HEARTBEAT, "/payload/outbox", "99999999999", "payload.outbox",
                        "field 'outbox' is out of range: Numeric value (99999999999) out of range of int "
                                + "(-2147483648 - 2147483647)"),
                arguments(Golden.ANNOUNCEMENT, "/endsAt", "\"2026-11-28T23:59:59Z\"", "endsAt",
                        "field 'endsAt' is before 'startsAt'"),
                arguments(Golden.EVENT_ANNOUNCEMENT_PLAYED, "/payload/endedAt", "\"2026-11-29T00:00:02Z\"",
                        "payload.endedAt", "field 'endedAt' is before 'startedAt'"),
                arguments(Golden.SYNC_REQUEST, "/protocol", "2", "protocol", "field 'protocol' must be 1, was 2"),
                arguments(Golden.SYNC_REQUEST, "/kioskId", "\"  \"", "kioskId", "field 'kioskId' must not be blank"),
                arguments(Golden.SYNC_REQUEST, "/events/1", "null", "events[1]", "field 'events[1]' must not be null"),
                arguments(Golden.ANNOUNCEMENT, "/title", "\"\"", "title", "field 'title' must not be blank"),
                arguments(Golden.ANNOUNCEMENT, "/repeatDaily/1", "null", "repeatDaily[1]",
                        "field 'repeatDaily[1]' must not be null"),
                arguments(Golden.ANNOUNCEMENT, "/targets", "{\"all\":false}", "targets",
                        "field 'targets' must name exactly one of all:true, villages or kiosks"),
                arguments(Golden.ANNOUNCEMENT, "/targets", "{}", "targets",
                        "field 'targets' must name exactly one of all:true, villages or kiosks"),
                arguments(Golden.ANNOUNCEMENT, "/targets", "{\"all\":true,\"villages\":[\"大寨村\"]}", "targets",
                        "field 'targets' must name exactly one of all:true, villages or kiosks"),
                arguments(Golden.ANNOUNCEMENT, "/targets", "{\"villages\":[\"大寨村\"],\"kiosks\":[\"k-1\"]}", "targets",
                        "field 'targets' must name exactly one of all:true, villages or kiosks"),
                arguments(Golden.TARGETS_VILLAGES, "/villages/1", "\" \"", "villages[1]",
                        "field 'villages[1]' must not be blank"),
                arguments(Golden.SYNC_RESPONSE, "/announcements/0/targets/all", "false", "announcements[0].targets",
                        "field 'targets' must name exactly one of all:true, villages or kiosks"),
                arguments(Golden.HELP_REQUEST, "/history/0", "null", "history[0]", "field 'history[0]' must not be null"),
                arguments(Golden.ERROR_BODY, "/error/message", "\"\"", "error.message",
                        "field 'message' must not be blank"));
    }

    @ParameterizedTest(name = "{0} with {1} = \"{2}\"")
    @MethodSource("invalidEnumValues")
    void invalid_enum_value_is_rejected_listing_the_allowed_values(Golden golden, String pointer, String value,
            String path, String allowed) {
        String name = path.substring(path.lastIndexOf('.') + 1);

        assertRejected(JsonEdit.set(golden.text(), pointer, quoted(value)), golden.type, path,
                "field '" + name + "' has invalid value '" + value + "': expected " + allowed);
    }

    @ParameterizedTest(name = "{0} with {1} = \"{2}\"")
    @MethodSource("invalidStrings")
    void invalid_uuid_instant_or_time_is_rejected_quoting_the_value(Golden golden, String pointer, String value,
            String path, String expected) {
        String name = path.substring(path.lastIndexOf('.') + 1);

        assertRejected(JsonEdit.set(golden.text(), pointer, quoted(value)), golden.type, path,
                "field '" + name + "' has invalid value '" + value + "': " + expected);
    }

    @ParameterizedTest(name = "{0} with {1} = {2}")
    @MethodSource("refusedByTheRecord")
    void value_the_record_refuses_is_rejected_naming_the_field(Golden golden, String pointer, String value,
            String path, String message) {
        assertRejected(JsonEdit.set(golden.text(), pointer, value), golden.type, path, message);
    }

    @ParameterizedTest
    @ValueSource(ints = {81, 5000})
    void long_invalid_value_is_quoted_only_in_part(int length) {
        String value = "x".repeat(length);

        assertRejected(JsonEdit.set(Golden.EVENT_HELP_REQUESTED.text(), "/id", quoted(value)), Event.class, "id",
                "field 'id' has invalid value '" + "x".repeat(80) + "...': " + UUID);
    }

    private static String quoted(String value) {
        return JsonEdit.text(JsonNodeFactory.instance.textNode(value));
    }
}
