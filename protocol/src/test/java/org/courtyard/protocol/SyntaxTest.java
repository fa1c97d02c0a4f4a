package org.courtyard.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.courtyard.protocol.Rejected.assertRejected;
import static org.courtyard.protocol.Rejected.failure;
import static org.courtyard.protocol.Rejected.hasPathAndMessage;

import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies that are not one well-formed JSON document. */
class SyntaxTest {

    /** The sync-request golden on one line. */
    private static final String SYNC = JsonEdit.text(JsonEdit.tree(Golden.SYNC_REQUEST.text()));

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n", " \t\r\n "})
    void empty_body_is_rejected_as_empty(String body) {
        assertRejected(body, SyncRequest.class, "", "empty body");
        assertThat(failure(() -> ProtocolJson.read(new ByteArrayInputStream(body.getBytes(UTF_8)), SyncRequest.class)))
                .satisfies(hasPathAndMessage("", "empty body"));
    }

    @Test
    void absent_body_is_rejected_as_empty() {
        assertThat(failure(() -> ProtocolJson.read((String) null, SyncRequest.class)))
                .satisfies(hasPathAndMessage("", "empty body"));
        assertThat(failure(() -> ProtocolJson.read((byte[]) null, SyncRequest.class)))
                .satisfies(hasPathAndMessage("", "empty body"));
        assertThat(failure(() -> ProtocolJson.read(new byte[0], SyncRequest.class)))
                .satisfies(hasPathAndMessage("", "empty body"));
        assertThat(failure(() -> ProtocolJson.read(MissingNode.getInstance(), SyncRequest.class)))
                .satisfies(hasPathAndMessage("", "empty body"));
    }

    @Test
    void json_null_is_rejected_as_the_wrong_type_from_every_source() {
        String message = "the document has the wrong type: expected a JSON object but got null";

        assertRejected("null", SyncRequest.class, "", message);
        assertThat(failure(() -> ProtocolJson.read(new ByteArrayInputStream("null".getBytes(UTF_8)), Event.class)))
                .satisfies(hasPathAndMessage("", message));
        assertThat(failure(() -> ProtocolJson.read(JsonEdit.tree("null"), Event.class)))
                .satisfies(hasPathAndMessage("", message));
    }

    @Test
    void trailing_garbage_after_the_document_is_rejected() {
        assertRejected(SYNC + " x", SyncRequest.class, "", "malformed JSON at line 1, column " + (SYNC.length() + 2)
                + ": Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', "
                + "'true' or 'false')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " {}", "[]", "null", "\"more\"", "1"})
    void second_value_after_the_document_is_rejected(String second) {
        assertRejected(SYNC + second, SyncRequest.class, "", "unexpected content after the end of the JSON document");
    }

    @ParameterizedTest
    @ValueSource(strings = {"]", "}", ","})
    void stray_punctuation_after_the_document_is_rejected(String stray) {
        assertThat(failure(() -> ProtocolJson.read(SYNC + stray, SyncRequest.class)).getMessage())
                .startsWith("malformed JSON at line 1, column " + (SYNC.length() + 1) + ": Unexpected ")
                .contains("'" + stray + "'");
    }

    @Test
    void trailing_whitespace_is_allowed() {
        assertThat(ProtocolJson.read(Golden.SYNC_REQUEST.text() + "\n\n", SyncRequest.class))
                .isEqualTo(Golden.SYNC_REQUEST.value);
    }

    @Test
    void truncated_document_is_rejected_with_the_position() {
        String truncated = SYNC.substring(0, SYNC.length() - 1);

        assertRejected(truncated, SyncRequest.class, "", "malformed JSON at line 1, column " + SYNC.length()
                + ": Unexpected end-of-input: expected close marker for Object (start marker at [line: 1, column: 1])");
    }

    @Test
    void error_position_counts_lines_of_a_pretty_printed_document() {
        String broken = Golden.SYNC_REQUEST.text().replace("\"cursor\": \"c-000183\",", "\"cursor\": \"c-000183\"");

        assertThat(failure(() -> ProtocolJson.read(broken, SyncRequest.class)).getMessage())
                .startsWith("malformed JSON at line 5, column 3: Unexpected character ('\"' (code 34)): "
                        + "was expecting comma to separate Object entries");
    }

    @Test
    void duplicate_key_is_rejected_naming_the_key() {
        String json = "{\"protocol\":1,\"kioskId\":\"kiosk-dazhai-01\",\"kioskId\":\"kiosk-xiaohe-02\",\"events\":[]}";

        assertRejected(json, SyncRequest.class, "", "malformed JSON at line 1, column 52: Duplicate field 'kioskId'");
    }

    @Test
    void duplicate_key_inside_an_event_payload_is_rejected() {
        String json = SYNC.replace("{\"residentId\":\"r-0042\"}", "{\"residentId\":\"r-0042\",\"residentId\":\"r-9999\"}");

        assertThat(failure(() -> ProtocolJson.read(json, SyncRequest.class)).getMessage())
                .startsWith("malformed JSON at line 1, column ").endsWith(": Duplicate field 'residentId'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "protocol=1&kioskId=kiosk-dazhai-01",
        "{'protocol':1,'kioskId':'kiosk-dazhai-01','events':[]}",
        "{\"protocol\":1,/* kiosk */\"kioskId\":\"kiosk-dazhai-01\",\"events\":[]}",
        "{\"protocol\":NaN,\"kioskId\":\"kiosk-dazhai-01\",\"events\":[]}",
        "{\"protocol\":1,\"kioskId\":\"kiosk-dazhai-01\",\"events\":[],}",
        "{\"protocol\":1,\"kioskId\":\"kiosk\ndazhai\",\"events\":[]}",
        "<html><body>502 Bad Gateway</body></html>"
    })
    void non_json_is_rejected_as_malformed_with_the_position(String body) {
        assertThat(failure(() -> ProtocolJson.read(body, SyncRequest.class)))
                .satisfies(e -> assertThat(e.path()).isEmpty())
                .hasMessageStartingWith("malformed JSON at line ");
    }

    @Test
    void jackson_feature_hints_are_left_out_of_the_message() {
        assertRejected("{\"protocol\":NaN}", SyncRequest.class, "",
                "malformed JSON at line 1, column 16: Non-standard token 'NaN'");
        assertRejected("{/* kiosk */}", SyncRequest.class, "", "malformed JSON at line 1, column 2: "
                + "Unexpected character ('/' (code 47)): maybe a (non-standard) comment?");
    }

    @Test
    void invalid_utf8_is_rejected_as_malformed() {
        byte[] json = "{\"protocol\":1,\"kioskId\":\"k?\",\"events\":[]}".getBytes(UTF_8);
        json[26] = (byte) 0xff;

        assertThat(failure(() -> ProtocolJson.read(json, SyncRequest.class)).getMessage())
                .startsWith("malformed JSON at line 1, column ").contains("Invalid UTF-8 start byte 0xff");
    }

    @Test
    void stream_is_closed_after_reading() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream body = new ByteArrayInputStream(SYNC.getBytes(UTF_8)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        assertThat(ProtocolJson.read(body, SyncRequest.class)).isEqualTo(Golden.SYNC_REQUEST.value);
        assertThat(closed).isTrue();
    }
}
