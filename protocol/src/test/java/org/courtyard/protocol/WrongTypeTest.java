package org.courtyard.protocol;

import static org.courtyard.protocol.Rejected.assertRejected;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value of the wrong JSON type is refused, never converted, and the message says what was
 * expected and what came. Each row: golden file, where, what is put there, path, message.
 */
class WrongTypeTest {

    private static final String WHOLE_NUMBER = "has the wrong type: expected a whole number but got ";
    private static final String STRING = "has the wrong type: expected a string but got ";
    private static final String BOOLEAN = "has the wrong type: expected true or false but got ";
    private static final String ARRAY = "has the wrong type: expected an array but got ";
    private static final String OBJECT = "has the wrong type: expected a JSON object but got ";
    private static final String INSTANT =
            "has the wrong type: expected an ISO-8601 instant such as 2026-11-29T08:00:00Z but got ";

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                // string where a number belongs, and every other shape
                arguments(Golden.AUDIO_REF, "/bytes", "\"3456044\"", "bytes", "field 'bytes' " + WHOLE_NUMBER + "a string"),
                arguments(Golden.AUDIO_REF, "/bytes", "3456044.5", "bytes",
                        "field 'bytes' " + WHOLE_NUMBER + "the number 3456044.5"),
                arguments(Golden.AUDIO_REF, "/bytes", "true", "bytes", "field 'bytes' " + WHOLE_NUMBER + "true"),
                arguments(Golden.AUDIO_REF, "/bytes", "{}", "bytes", "field 'bytes' " + WHOLE_NUMBER + "an object"),
                arguments(Golden.AUDIO_REF, "/bytes", "[3456044]", "bytes", "field 'bytes' " + WHOLE_NUMBER + "an array"),
                arguments(Golden.AUDIO_REF, "/durationMs", "\"\"", "durationMs",
                        "field 'durationMs' " + WHOLE_NUMBER + "a string"),
                arguments(Golden.SYNC_REQUEST, "/protocol", "\"1\"", "protocol",
                        "field 'protocol' " + WHOLE_NUMBER + "a string"),
                arguments(Golden.EVENT_HEARTBEAT, "/payload/uptimeSeconds", "\"86400\"", "payload.uptimeSeconds",
                        "field 'uptimeSeconds' " + WHOLE_NUMBER + "a string"),
                arguments(Golden.EVENT_HEARTBEAT, "/payload/outbox", "1.0", "payload.outbox",
                        "field 'outbox' " + WHOLE_NUMBER + "the number 1.0"),
                arguments(Golden.EVENT_HEARTBEAT, "/payload/diskFreeMb", "\"12650\"", "payload.diskFreeMb",
                        "field 'diskFreeMb' " + WHOLE_NUMBER + "a string"),
                arguments(Golden.EVENT_HEARTBEAT, "/payload/temperatureC", "\"51.6\"", "payload.temperatureC",
                        "field 'temperatureC' has the wrong type: expected a number but got a string"),
                arguments(Golden.EVENT_HEARTBEAT, "/payload/selfTest", "\"ok\"", "payload.selfTest",
                        "field 'selfTest' " + OBJECT + "a string"),
                // number, boolean, array or object where a string belongs
                arguments(Golden.SYNC_REQUEST, "/kioskId", "5", "kioskId", "field 'kioskId' " + STRING + "the number 5"),
                arguments(Golden.SYNC_REQUEST, "/kioskId", "false", "kioskId", "field 'kioskId' " + STRING + "false"),
                arguments(Golden.SYNC_REQUEST, "/kioskId", "[\"kiosk-dazhai-01\"]", "kioskId",
                        "field 'kioskId' " + STRING + "an array"),
                arguments(Golden.SYNC_REQUEST, "/kioskId", "{}", "kioskId", "field 'kioskId' " + STRING + "an object"),
                arguments(Golden.EVENT_HEARTBEAT, "/payload/version", "0.1", "payload.version",
                        "field 'version' " + STRING + "the number 0.1"),
                arguments(Golden.ERROR_BODY, "/error/code", "400", "error.code", "field 'code' " + STRING + "the number 400"),
                // string or number where a boolean belongs
                arguments(Golden.EVENT_HELP_REQUESTED, "/clockTrusted", "\"true\"", "clockTrusted",
                        "field 'clockTrusted' " + BOOLEAN + "a string"),
                arguments(Golden.EVENT_HELP_REQUESTED, "/clockTrusted", "1", "clockTrusted",
                        "field 'clockTrusted' " + BOOLEAN + "the number 1"),
                arguments(Golden.ANNOUNCEMENT, "/outdoor", "\"yes\"", "outdoor", "field 'outdoor' " + BOOLEAN + "a string"),
                arguments(Golden.ANNOUNCEMENT, "/outdoor", "0", "outdoor", "field 'outdoor' " + BOOLEAN + "the number 0"),
                arguments(Golden.TARGETS_ALL, "/all", "\"true\"", "all", "field 'all' " + BOOLEAN + "a string"),
                // object or scalar where an array belongs
                arguments(Golden.SYNC_REQUEST, "/events", "{}", "events", "field 'events' " + ARRAY + "an object"),
                arguments(Golden.SYNC_REQUEST, "/events", "\"none\"", "events", "field 'events' " + ARRAY + "a string"),
                arguments(Golden.SYNC_REQUEST, "/events", "2", "events", "field 'events' " + ARRAY + "a number"),
                arguments(Golden.SYNC_RESPONSE, "/accepted", "\"fe93f83e-434a-45fb-ae74-3a729eda44c0\"", "accepted",
                        "field 'accepted' " + ARRAY + "a string"),
                arguments(Golden.ANNOUNCEMENT, "/repeatDaily", "\"08:00\"", "repeatDaily",
                        "field 'repeatDaily' " + ARRAY + "a string"),
                arguments(Golden.HELP_REQUEST, "/history", "{}", "history", "field 'history' " + ARRAY + "an object"),
                arguments(Golden.TARGETS_VILLAGES, "/villages", "\"大寨村\"", "villages",
                        "field 'villages' " + ARRAY + "a string"),
                arguments(Golden.TARGETS_VILLAGES, "/villages", "true", "villages", "field 'villages' " + ARRAY + "true"),
                // array or scalar where an object belongs
                arguments(Golden.SYNC_REQUEST, "/events/0", "\"HELP_REQUESTED\"", "events[0]",
                        "field 'events[0]' " + OBJECT + "a string"),
                arguments(Golden.SYNC_REQUEST, "/events/0", "[]", "events[0]", "field 'events[0]' " + OBJECT + "an array"),
                arguments(Golden.EVENT_HELP_REQUESTED, "/payload", "[]", "payload", "field 'payload' " + OBJECT + "an array"),
                arguments(Golden.EVENT_HELP_REQUESTED, "/payload", "\"救命\"", "payload",
                        "field 'payload' " + OBJECT + "a string"),
                arguments(Golden.ANNOUNCEMENT, "/targets", "[\"大寨村\"]", "targets", "field 'targets' " + OBJECT + "an array"),
                arguments(Golden.ANNOUNCEMENT, "/targets", "true", "targets", "field 'targets' " + OBJECT + "true"),
                arguments(Golden.ANNOUNCEMENT, "/audio", "3456044", "audio", "field 'audio' " + OBJECT + "a number"),
                arguments(Golden.ERROR_BODY, "/error", "\"boom\"", "error", "field 'error' " + OBJECT + "a string"),
                arguments(Golden.SYNC_RESPONSE, "/rejected/0", "false", "rejected[0]",
                        "field 'rejected[0]' " + OBJECT + "false"),
                // number where an enum, a UUID, an instant or a time belongs
                arguments(Golden.EVENT_HELP_REQUESTED, "/payload/source", "1", "payload.source",
                        "field 'source' has the wrong type: expected one of BUTTON, SCREEN, VOICE but got the number 1"),
                arguments(Golden.ANNOUNCEMENT, "/priority", "0", "priority",
                        "field 'priority' has the wrong type: expected one of NORMAL, EMERGENCY but got the number 0"),
                arguments(Golden.ANNOUNCEMENT, "/priority", "true", "priority",
                        "field 'priority' has the wrong type: expected one of NORMAL, EMERGENCY but got true"),
                arguments(Golden.HELP_UPDATE, "/status", "{}", "status", "field 'status' has the wrong type: "
                        + "expected one of NEW, ACKNOWLEDGED, ASSIGNED, RESOLVED, CANCELLED but got an object"),
                arguments(Golden.EVENT_HELP_REQUESTED, "/type", "3", "type", "field 'type' has the wrong type: expected "
                        + "one of HELP_REQUESTED, HELP_CANCELLED, HELP_DETAILS, HELP_REPEATED, CHECKED_IN, CHECK_IN_UNDONE, "
                        + "VISIT_CHECKED_IN, ANNOUNCEMENT_PLAYED, HEARTBEAT, AUDIO_DOWNLOADED, MESSAGE_DELIVERED, MESSAGE_HEARD "
                        + "but got the number 3"),
                arguments(Golden.EVENT_HELP_REQUESTED, "/id", "42", "id",
                        "field 'id' has the wrong type: expected a UUID but got a number"),
                arguments(Golden.SYNC_RESPONSE, "/accepted/0", "{}", "accepted[0]",
                        "field 'accepted[0]' has the wrong type: expected a UUID but got an object"),
                arguments(Golden.EVENT_HELP_REQUESTED, "/occurredAt", "1764382447", "occurredAt",
                        "field 'occurredAt' " + INSTANT + "a number"),
                arguments(Golden.SYNC_RESPONSE, "/serverTime", "1764382591.5", "serverTime",
                        "field 'serverTime' " + INSTANT + "a number"),
                arguments(Golden.EVENT_ANNOUNCEMENT_PLAYED, "/payload/startedAt", "[2026, 11, 29]", "payload.startedAt",
                        "field 'startedAt' " + INSTANT + "an array"),
                arguments(Golden.ANNOUNCEMENT, "/repeatDaily/0", "[8, 0]", "repeatDaily[0]",
                        "field 'repeatDaily[0]' has the wrong type: expected a time of day HH:mm such as 08:00 "
                                + "but got an array"),
                arguments(Golden.ANNOUNCEMENT, "/repeatDaily/1", "1110", "repeatDaily[1]",
                        "field 'repeatDaily[1]' has the wrong type: expected a time of day HH:mm such as 08:00 "
                                + "but got a number"));
    }

    @ParameterizedTest(name = "{0} with {1} = {2}")
    @MethodSource("wrongTypes")
    void value_of_the_wrong_type_is_rejected_naming_expected_and_given_type(Golden golden, String pointer,
            String value, String path, String message) {
        assertRejected(JsonEdit.set(golden.text(), pointer, value), golden.type, path, message);
    }

    @ParameterizedTest(name = "document {0}")
    @MethodSource("wrongDocuments")
    void document_that_is_not_an_object_is_rejected_saying_what_it_is(String json, String got) {
        assertRejected(json, SyncRequest.class, "", "the document has the wrong type: expected a JSON object but got "
                + got);
    }

    static Stream<Arguments> wrongDocuments() {
        return Stream.of(
                arguments("[]", "an array"),
                arguments("[{\"protocol\":1}]", "an array"),
                arguments("\"sync\"", "a string"),
                arguments("42", "a number"),
                arguments("true", "true"),
                arguments("null", "null"));
    }

    @Test
    void event_that_is_not_an_object_is_rejected_as_a_whole_document() {
        assertRejected("[]", Event.class, "", "the document has the wrong type: expected a JSON object but got an array");
        assertRejected("7", Event.class, "", "the document has the wrong type: expected a JSON object but got a number");
    }
}
