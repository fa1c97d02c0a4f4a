package org.courtyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.courtyard.protocol.Rejected.assertRejected;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which fields a document must carry. Every top-level field of every golden file (and every payload
 * field of the events) is tried: a required one, removed, is reported by name; an optional one may
 * be left out and then reads exactly as if it were null.
 */
class MissingFieldTest {

    private static final List<String> EVENT_FIELDS = List.of("/id", "/type", "/occurredAt", "/clockTrusted",
            "/payload");

    private static final Map<EventType, List<String>> REQUIRED_PAYLOAD_FIELDS = new EnumMap<>(Map.ofEntries(
            Map.entry(EventType.HELP_REQUESTED, List.of("source")),
            Map.entry(EventType.HELP_CANCELLED, List.of("requestId")),
            Map.entry(EventType.HELP_DETAILS, List.of("requestId")),
            Map.entry(EventType.HELP_REPEATED, List.of("requestId")),
            Map.entry(EventType.CHECKED_IN, List.of("residentId")),
            Map.entry(EventType.CHECK_IN_UNDONE, List.of("checkInId")),
            Map.entry(EventType.VISIT_CHECKED_IN, List.of("cadre", "residentId")),
            Map.entry(EventType.ANNOUNCEMENT_PLAYED, List.of("announcementId", "startedAt", "endedAt", "outcome")),
            Map.entry(EventType.HEARTBEAT, List.of("version", "uptimeSeconds", "outbox", "voice", "speaker")),
            Map.entry(EventType.AUDIO_DOWNLOADED, List.of("announcementId", "sha256")),
            Map.entry(EventType.MESSAGE_DELIVERED, List.of("messageId")),
            Map.entry(EventType.MESSAGE_HEARD, List.of("messageId"))));

    private static final List<String> ANNOUNCEMENT = List.of("/id", "/title", "/priority", "/outdoor", "/targets",
            "/startsAt", "/withdrawn", "/revision");

    private static final List<String> HELP_REQUEST = List.of("/id", "/kioskId", "/status", "/source",
            "/hasVoiceMemo", "/occurredAt", "/receivedAt", "/clockTrusted", "/repeatCount");

    /** Required top-level fields; Targets, whose rule is "exactly one key", is tested on its own. */
    private static final Map<Golden, List<String>> REQUIRED = new EnumMap<>(Golden.class);

    static {
        REQUIRED.put(Golden.SYNC_REQUEST, List.of("/protocol", "/kioskId"));
        REQUIRED.put(Golden.SYNC_REQUEST_FIRST_CONTACT, List.of("/protocol", "/kioskId"));
        REQUIRED.put(Golden.SYNC_RESPONSE, List.of("/cursor", "/serverTime"));
        REQUIRED.put(Golden.REJECTION, List.of("/id", "/code", "/message"));
        REQUIRED.put(Golden.ANNOUNCEMENT, ANNOUNCEMENT);
        REQUIRED.put(Golden.ANNOUNCEMENT_TEXT_ONLY, ANNOUNCEMENT);
        REQUIRED.put(Golden.AUDIO_REF, List.of("/sha256", "/bytes", "/durationMs"));
        REQUIRED.put(Golden.HELP_UPDATE, List.of("/requestId", "/status", "/at"));
        REQUIRED.put(Golden.HELP_HISTORY_ENTRY, List.of("/status", "/at"));
        REQUIRED.put(Golden.HELP_REQUEST, HELP_REQUEST);
        REQUIRED.put(Golden.HELP_REQUEST_LIST_ITEM, HELP_REQUEST);
        REQUIRED.put(Golden.ERROR_BODY, List.of("/error"));
        REQUIRED.put(Golden.SELF_TEST, List.of());
        REQUIRED.put(Golden.VILLAGE_CARD, List.of("/name"));
        REQUIRED.put(Golden.FAMILY_MESSAGE, List.of("/id", "/residentId", "/relation", "/sentAt", "/audio", "/deleted"));
        for (Golden golden : Golden.values()) {
            if (golden.value instanceof Event event) {
                List<String> fields = new ArrayList<>(EVENT_FIELDS);
                REQUIRED_PAYLOAD_FIELDS.get(event.type()).forEach(f -> fields.add("/payload/" + f));
                REQUIRED.put(golden, fields);
            }
        }
    }

    static Stream<Arguments> requiredFields() {
        return REQUIRED.entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(pointer -> Arguments.of(entry.getKey(), pointer)));
    }

    static Stream<Arguments> optionalFields() {
        List<Arguments> optional = new ArrayList<>();
        REQUIRED.forEach((golden, required) -> {
            for (String pointer : fieldsOf(golden)) {
                if (!required.contains(pointer)) {
                    optional.add(Arguments.of(golden, pointer));
                }
            }
        });
        return optional.stream();
    }

    /** Fields nested deeper than the top level, one per type that only appears nested. */
    static Stream<Arguments> nestedRequiredFields() {
        return Stream.of(
                Arguments.of(Golden.SYNC_REQUEST, "/events/1/id", "events[1].id", "missing required field 'id'"),
                Arguments.of(Golden.SYNC_REQUEST, "/events/0/payload/source", "events[0].payload.source",
                        "missing required field 'source' in a payload of type HELP_REQUESTED"),
                Arguments.of(Golden.SYNC_RESPONSE, "/rejected/0/code", "rejected[0].code",
                        "missing required field 'code'"),
                Arguments.of(Golden.SYNC_RESPONSE, "/announcements/0/revision", "announcements[0].revision",
                        "missing required field 'revision'"),
                Arguments.of(Golden.SYNC_RESPONSE, "/helpUpdates/0/at", "helpUpdates[0].at",
                        "missing required field 'at'"),
                Arguments.of(Golden.ANNOUNCEMENT, "/audio/sha256", "audio.sha256", "missing required field 'sha256'"),
                Arguments.of(Golden.HELP_REQUEST, "/history/1/status", "history[1].status",
                        "missing required field 'status'"),
                Arguments.of(Golden.ERROR_BODY, "/error/code", "error.code", "missing required field 'code'"),
                Arguments.of(Golden.ERROR_BODY, "/error/message", "error.message",
                        "missing required field 'message'"));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void missing_required_field_is_rejected_naming_the_field(Golden golden, String pointer) {
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        String path = pointer.substring(1).replace('/', '.');
        String message = "missing required field '" + name + "'"
                + (golden.value instanceof Event event && pointer.startsWith("/payload/")
                        ? " in a payload of type " + event.type() : "");

        assertRejected(JsonEdit.remove(golden.text(), pointer), golden.type, path, message);
    }

    @ParameterizedTest(name = "{0} with {1} = null")
    @MethodSource("requiredFields")
    void required_field_set_to_null_is_rejected_naming_the_field(Golden golden, String pointer) {
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        String path = pointer.substring(1).replace('/', '.');

        Throwable thrown = Rejected.failure(() -> ProtocolJson.read(JsonEdit.set(golden.text(), pointer, "null"),
                golden.type));

        // A reference is "missing", a primitive "null where a number/boolean was expected".
        assertThat(thrown).satisfiesAnyOf(
                e -> assertThat(e).hasMessageStartingWith(path + ": missing required field '" + name + "'"),
                e -> assertThat(e).hasMessageStartingWith(path + ": field '" + name + "' has the wrong type: ")
                        .hasMessageEndingWith(" but got null"));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("nestedRequiredFields")
    void missing_nested_required_field_is_rejected_with_its_full_path(Golden golden, String pointer, String path,
            String message) {
        assertRejected(JsonEdit.remove(golden.text(), pointer), golden.type, path, message);
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("optionalFields")
    void optional_field_may_be_left_out_and_then_reads_as_null(Golden golden, String pointer) {
        Object withoutIt = ProtocolJson.read(JsonEdit.remove(golden.text(), pointer), golden.type);
        Object withNull = ProtocolJson.read(JsonEdit.set(golden.text(), pointer, "null"), golden.type);

        assertThat(withoutIt).isEqualTo(withNull);
    }

    /** Pointers to the top-level fields of the golden file, and to the payload fields of an event. */
    private static List<String> fieldsOf(Golden golden) {
        List<String> pointers = new ArrayList<>();
        JsonNode root = JsonEdit.tree(golden.text());
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            pointers.add("/" + names.next());
        }
        if (golden.value instanceof Event) {
            for (Iterator<String> names = root.get("payload").fieldNames(); names.hasNext(); ) {
                pointers.add("/payload/" + names.next());
            }
        }
        return pointers;
    }
}
