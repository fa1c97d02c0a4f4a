package org.courtyard.hub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeysetTest {

    @Test
    void the_first_page_is_only_ordered_and_limited_one_row_past_the_page() {
        StringBuilder sql = new StringBuilder("SELECT * FROM visits v WHERE v.village = ?");
        List<Object> parameters = new ArrayList<>(List.of("和平村"));

        Optional<Cursor> after = Keyset.ascending("v.visited_at", "v.id").page(sql, parameters, PageRequest.first(100),
                cursor -> List.of(cursor.number(0), cursor.text(1)));

        assertThat(after).isEmpty();
        assertThat(sql.toString()).isEqualTo("SELECT * FROM visits v WHERE v.village = ? ORDER BY v.visited_at, v.id LIMIT ?");
        assertThat(parameters).containsExactly("和平村", 101);
    }

    @Test
    void a_later_page_starts_after_the_cursor_in_the_lists_direction() {
        StringBuilder sql = new StringBuilder("SELECT * FROM check_in_alerts a WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        PageRequest page = new PageRequest(50, Optional.of(Cursor.of(1764410400000L, 7).token()));

        Keyset.descending("a.raised_at", "a.id").page(sql, parameters, page,
                cursor -> List.of(cursor.number(0), cursor.number(1)));

        assertThat(sql.toString()).isEqualTo("SELECT * FROM check_in_alerts a WHERE 1 = 1 AND (a.raised_at, a.id) < (?, ?)"
                + " ORDER BY a.raised_at DESC, a.id DESC LIMIT ?");
        assertThat(parameters).containsExactly(1764410400000L, 7L, 51);
    }

    @Test
    void a_cursor_made_for_another_list_is_refused_naming_cursor() {
        PageRequest page = new PageRequest(50, Optional.of(Cursor.of("和平村", "张桂英", "r-1").token()));

        assertThatThrownBy(() -> Keyset.ascending("v.visited_at", "v.id").page(new StringBuilder(), new ArrayList<>(),
                page, cursor -> List.of(cursor.number(0), cursor.text(1))))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.field()).contains("cursor"));
        PageRequest wrongDate = new PageRequest(50, Optional.of(Cursor.of("1764410400000", "t-1").token()));
        assertThatThrownBy(() -> Keyset.ascending("t.due_on", "t.id").page(new StringBuilder(), new ArrayList<>(),
                wrongDate, cursor -> List.of(cursor.date(0).toString(), cursor.text(1))))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.field()).contains("cursor"));
    }
}
