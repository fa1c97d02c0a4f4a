package org.courtyard.hub.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a robot's minute is shared: help first and alone, the rest alone while there is room, then one digest. */
class BudgetTest {

    @Test
    void help_goes_first_and_alone_the_rest_fills_the_room_left_for_them_and_the_remainder_is_folded() {
        List<Budget.Due> due = new ArrayList<>();
        for (long id = 1; id <= 36; id++) {
            due.add(new Budget.Due(id, Budget.FOLDABLE));
        }
        List<Budget.Due> help = List.of(new Budget.Due(37, 0), new Budget.Due(38, 0), new Budget.Due(39, 0),
                new Budget.Due(40, 2));
        List<Budget.Due> ordered = new ArrayList<>(help);
        ordered.addAll(due);

        Budget.Plan plan = Budget.plan(ordered, 0, 20);

        // 4 help alone, then 11 alone and 1 digest: 16 of 20, 4 kept free for help a moment later.
        assertThat(plan.alone()).hasSize(15).startsWith(help.toArray(Budget.Due[]::new));
        assertThat(plan.fold()).hasSize(25).extracting(Budget.Due::priority).containsOnly(Budget.FOLDABLE);
        assertThat(plan.alone().subList(4, 15)).extracting(Budget.Due::id)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void help_beyond_the_budget_waits_and_is_never_folded() {
        List<Budget.Due> due = new ArrayList<>();
        for (long id = 1; id <= 24; id++) {
            due.add(new Budget.Due(id, 0));
        }
        due.add(new Budget.Due(25, Budget.FOLDABLE));
        due.add(new Budget.Due(26, Budget.FOLDABLE));

        Budget.Plan plan = Budget.plan(due, 3, 20);

        assertThat(plan.alone()).extracting(Budget.Due::id).hasSize(17).containsOnly(
                1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L);
        assertThat(plan.fold()).isEmpty();
    }

    @Test
    void what_fits_goes_alone_and_a_single_free_slot_carries_them_all_as_one_digest() {
        List<Budget.Due> two = List.of(new Budget.Due(1, Budget.FOLDABLE), new Budget.Due(2, Budget.FOLDABLE));

        assertThat(Budget.plan(two, 0, 20).alone()).hasSize(2);
        assertThat(Budget.plan(two, 0, 20).fold()).isEmpty();

        Budget.Plan last = Budget.plan(two, 15, 20);
        assertThat(last.alone()).isEmpty();
        assertThat(last.fold()).hasSize(2);

        assertThat(Budget.plan(two, 16, 20).alone()).as("the reserve is for help").isEmpty();
        assertThat(Budget.plan(two, 16, 20).fold()).isEmpty();
    }
}
