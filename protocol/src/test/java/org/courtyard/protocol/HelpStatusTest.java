package org.courtyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.courtyard.protocol.HelpStatus.ACKNOWLEDGED;
import static org.courtyard.protocol.HelpStatus.ASSIGNED;
import static org.courtyard.protocol.HelpStatus.CANCELLED;
import static org.courtyard.protocol.HelpStatus.NEW;
import static org.courtyard.protocol.HelpStatus.RESOLVED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The help request's state machine, as documented in docs/protocol.md. */
class HelpStatusTest {

    private static final Map<HelpStatus, Set<HelpStatus>> ALLOWED = Map.of(
            NEW, EnumSet.of(ACKNOWLEDGED, CANCELLED),
            ACKNOWLEDGED, EnumSet.of(ASSIGNED, RESOLVED, CANCELLED),
            ASSIGNED, EnumSet.of(RESOLVED, CANCELLED),
            RESOLVED, EnumSet.noneOf(HelpStatus.class),
            CANCELLED, EnumSet.noneOf(HelpStatus.class));

    @ParameterizedTest
    @EnumSource(HelpStatus.class)
    void each_status_may_move_to_exactly_the_documented_statuses(HelpStatus from) {
        assertThat(from.next()).isEqualTo(ALLOWED.get(from));
        for (HelpStatus to : HelpStatus.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @ParameterizedTest
    @EnumSource(value = HelpStatus.class, names = {"NEW", "ACKNOWLEDGED", "ASSIGNED"})
    void open_request_can_be_cancelled(HelpStatus open) {
        assertThat(open.isOpen()).isTrue();
        assertThat(open.canMoveTo(CANCELLED)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = HelpStatus.class, names = {"RESOLVED", "CANCELLED"})
    void closed_request_is_final(HelpStatus closed) {
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.next()).isEmpty();
    }

    @Test
    void no_status_stays_where_it_is() {
        for (HelpStatus status : HelpStatus.values()) {
            assertThat(status.canMoveTo(status)).as("%s -> %s", status, status).isFalse();
        }
    }

    @Test
    void new_request_must_be_acknowledged_before_it_is_assigned_or_resolved() {
        assertThat(NEW.canMoveTo(ASSIGNED)).isFalse();
        assertThat(NEW.canMoveTo(RESOLVED)).isFalse();
        assertThat(ASSIGNED.canMoveTo(ACKNOWLEDGED)).isFalse();
    }

    @Test
    void next_cannot_be_changed_by_a_caller() {
        Set<HelpStatus> next = NEW.next();
        next.add(RESOLVED);

        assertThat(NEW.canMoveTo(RESOLVED)).isFalse();
    }
}
