package org.courtyard.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncCursorTest {

    @Test
    void a_cursor_names_its_slices_and_reads_back_the_same() {
        SyncCursor cursor = new SyncCursor(Map.of("help", 41L)).with("roster", -1).with("announcements", 7);

        assertThat(cursor.toString()).isEqualTo("help=41.roster=-1.announcements=7");
        assertThat(SyncCursor.parse(cursor.toString())).isEqualTo(cursor);
    }

    @Test
    void the_cursors_of_kiosks_deployed_before_named_slices_still_read() {
        assertThat(SyncCursor.parse("12.5.3")).isEqualTo(new SyncCursor(Map.of("help", 12L, "announcements", 5L,
                "roster", 3L)));
        assertThat(SyncCursor.parse("12.5.-1").slice("roster", 0)).isEqualTo(-1);
        assertThat(SyncCursor.parse("12").slices()).isEqualTo(Map.of("help", 12L));
    }

    @Test
    void a_slice_the_cursor_lacks_is_the_parts_start_and_a_slice_nobody_claims_is_ignored() {
        SyncCursor cursor = SyncCursor.parse("help=3.messages=9");

        assertThat(cursor.slice("roster", -1)).isEqualTo(-1);
        assertThat(cursor.slice("help", 0)).isEqualTo(3);
    }

    @Test
    void no_cursor_is_the_start() {
        assertThat(SyncCursor.parse(null)).isEqualTo(SyncCursor.START);
        assertThat(SyncCursor.parse("")).isEqualTo(SyncCursor.START);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "1.2", "1.2.3.4", "-1.2.3", "1.+2.3", "1.2.-2", "help=", "help=x", "help=-2",
        "Help=1", "help=1.help=2", "help=1.2", "help=01", "help=99999999999999999999"})
    void anything_else_is_not_a_cursor(String text) {
        assertThatThrownBy(() -> SyncCursor.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a cursor");
    }
}
