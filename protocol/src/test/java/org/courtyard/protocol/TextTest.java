package org.courtyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.courtyard.protocol.Rejected.assertRejected;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The one rule for incoming text: no control characters, lone surrogates or direction overrides. */
class TextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bell                 | a\\u0007b | a control character (U+0007 at position 1)
            line break in a line | a\\nb     | a control character (U+000A at position 1)
            carriage return      | a\\rb     | a control character (U+000D at position 1)
            tab                  | a\\tb     | a control character (U+0009 at position 1)
            DEL                  | a\\u007Fb | a control character (U+007F at position 1)
            C1 control           | a\\u0085b | a control character (U+0085 at position 1)
            lone high surrogate  | a\\uD83Db | a lone surrogate (U+D83D at position 1): it is not a character
            lone low surrogate   | ab\\uDE00 | a lone surrogate (U+DE00 at position 2): it is not a character
            right-to-left override | 王\\u202E芳 | a character that changes the direction of the text (U+202E at position 1)
            left-to-right isolate | \\u2066x  | a character that changes the direction of the text (U+2066 at position 0)
            """)
    void a_line_refuses_what_would_show_something_else_than_is_stored(String what, String escaped, String problem) {
        String value = unescape(escaped);

        assertThatThrownBy(() -> Text.line(value, "name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'name' must not contain " + problem);
    }

    @Test
    void ordinary_text_passes_chinese_emoji_and_the_plain_direction_marks_included() {
        for (String value : new String[] {"王芳", "和平村 3 组", "😀 报平安", "abc\u200Edef", "", " "}) {
            assertThat(Text.line(value, "name")).isEqualTo(value);
        }
        assertThat(Text.line(null, "name")).isNull();
    }

    @Test
    void a_note_allows_line_breaks_and_nothing_else() {
        assertThat(Text.note("第一行\n第二行", "note")).isEqualTo("第一行\n第二行");
        assertThatThrownBy(() -> Text.note("a\r\nb", "note")).hasMessage(
                "field 'note' must not contain a control character (U+000D at position 1); only line breaks (\\n) are allowed");
    }

    @Test
    void cleaned_drops_what_a_line_refuses() {
        assertThat(Text.cleaned("battery\t78%\r\n")).isEqualTo("battery 78%  ");
        assertThat(Text.cleaned("a\u202Eb\uD83Dc\u0007😀")).isEqualTo("abc😀");
        assertThat(Text.cleaned("ok")).isSameAs("ok");
    }

    @Test
    void a_kiosk_event_with_such_a_field_is_refused_with_its_path() {
        String event = JsonEdit.set(Golden.EVENT_VISIT_CHECKED_IN.text(), "/payload/cadre", quoted("李\u202E华"));

        assertRejected(event, Event.class, "payload.cadre",
                "field 'cadre' must not contain a character that changes the direction of the text (U+202E at position 1)");
    }

    @Test
    void a_help_request_is_never_refused_for_its_transcript_it_is_cleaned() {
        String event = JsonEdit.set(Golden.EVENT_HELP_REQUESTED.text(), "/payload/transcript", quoted("救命\u0000\u202E"));

        Event read = ProtocolJson.read(event, Event.class);

        assertThat(((HelpRequested) read.payload()).transcript()).isEqualTo("救命");
    }

    @Test
    void a_heartbeat_keeps_a_ups_line_with_a_tab_cleaned() {
        Heartbeat heartbeat = new Heartbeat("1.0", 5, 0, "off", "ok", null, null, "battery\t78%", null);

        assertThat(heartbeat.power()).isEqualTo("battery 78%");
        assertThat(Event.of(heartbeat, Instant.parse("2026-11-29T08:00:00Z"), true).payload()).isEqualTo(heartbeat);
    }

    private static String quoted(String value) {
        return JsonEdit.text(JsonNodeFactory.instance.textNode(value));
    }

    private static String unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && escaped.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\') {
                char next = escaped.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
