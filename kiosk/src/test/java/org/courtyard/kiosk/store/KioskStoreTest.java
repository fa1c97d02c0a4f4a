package org.courtyard.kiosk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");

    @TempDir
    Path data;

    @Test
    void help_request_survives_reopening_the_database_with_its_original_time() {
        Event help = Event.of(new HelpRequested(HelpSource.BUTTON, null, null, null), T0, false);
        try (KioskStore store = KioskStore.open(data)) {
            store.appendHelpRequest(help);
        }
        try (KioskStore reopened = KioskStore.open(data)) {
            assertThat(reopened.pending(10)).containsExactly(help);
            assertThat(reopened.latestHelpRequest()).get()
                    .satisfies(request -> {
                        assertThat(request.id()).isEqualTo(help.id());
                        assertThat(request.status()).isEqualTo(LocalHelpStatus.SAVED);
                        assertThat(request.occurredAt()).isEqualTo(T0);
                    });
        }
    }

    @Test
    void help_requests_leave_the_outbox_before_older_routine_events() {
        try (KioskStore store = KioskStore.open(data)) {
            Event checkIn = Event.of(new CheckedIn("r-1"), T0, true);
            Event help = Event.of(new HelpRequested(HelpSource.SCREEN, null, null, null), T0.plusSeconds(5), true);
            store.append(checkIn);
            store.appendHelpRequest(help);

            assertThat(store.pending(10)).extracting(Event::type)
                    .containsExactly(EventType.HELP_REQUESTED, EventType.CHECKED_IN);
        }
    }

    @Test
    void accepted_events_leave_the_outbox_and_help_becomes_delivered() {
        try (KioskStore store = KioskStore.open(data)) {
            Event help = Event.of(new HelpRequested(HelpSource.BUTTON, null, null, null), T0, true);
            store.appendHelpRequest(help);

            List<java.util.UUID> delivered = store.markAccepted(List.of(help.id()), T0.plusSeconds(1));

            assertThat(delivered).containsExactly(help.id());
            assertThat(store.outboxSize()).isZero();
            assertThat(store.helpRequest(help.id())).get().extracting(LocalHelpRequest::status)
                    .isEqualTo(LocalHelpStatus.DELIVERED);
            assertThat(store.markAccepted(List.of(help.id()), T0.plusSeconds(2))).isEmpty();
        }
    }

    @Test
    void help_status_never_moves_backwards() {
        try (KioskStore store = KioskStore.open(data)) {
            Event help = Event.of(new HelpRequested(HelpSource.BUTTON, null, null, null), T0, true);
            store.appendHelpRequest(help);
            store.markAccepted(List.of(help.id()), T0);

            assertThat(store.applyHelpStatus(help.id(), LocalHelpStatus.ASSIGNED, "王书记", "李医生", null, T0))
                    .isTrue();
            assertThat(store.applyHelpStatus(help.id(), LocalHelpStatus.ACKNOWLEDGED, "王书记", null, null, T0))
                    .isFalse();
            assertThat(store.applyHelpStatus(help.id(), LocalHelpStatus.ASSIGNED, "王书记", "李医生", null, T0))
                    .isFalse();

            LocalHelpRequest request = store.helpRequest(help.id()).orElseThrow();
            assertThat(request.status()).isEqualTo(LocalHelpStatus.ASSIGNED);
            assertThat(request.assignee()).isEqualTo("李医生");
        }
    }

    @Test
    void resolved_is_final() {
        try (KioskStore store = KioskStore.open(data)) {
            Event help = Event.of(new HelpRequested(HelpSource.BUTTON, null, null, null), T0, true);
            store.appendHelpRequest(help);
            store.applyHelpStatus(help.id(), LocalHelpStatus.RESOLVED, "王书记", null, "已送医", T0);

            assertThat(store.applyHelpStatus(help.id(), LocalHelpStatus.CANCELLED, null, null, null, T0)).isFalse();
        }
    }

    @Test
    void settings_are_kept_and_replaced() {
        try (KioskStore store = KioskStore.open(data)) {
            store.putSetting("sync.cursor", "41");
            store.putSetting("sync.cursor", "42");
        }
        try (KioskStore store = KioskStore.open(data)) {
            assertThat(store.setting("sync.cursor")).contains("42");
            assertThat(store.setting("missing")).isEmpty();
        }
    }

    @Test
    void a_closed_store_says_so_and_closing_twice_is_safe() {
        KioskStore store = KioskStore.open(data);
        store.close();
        store.close();
        assertThatThrownBy(store::outboxSize).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void a_roster_part_sent_as_null_is_kept_and_a_list_replaces_it() {
        try (KioskStore store = KioskStore.open(data)) {
            store.replaceRoster(org.courtyard.kiosk.TestRoster.residents(), org.courtyard.kiosk.TestRoster.cadres());

            store.replaceRoster(null, List.of());

            assertThat(store.residents()).isEqualTo(org.courtyard.kiosk.TestRoster.residents());
            assertThat(store.cadres()).isEmpty();
        }
    }

    @Test
    void a_check_in_goes_to_the_outbox_and_counts_for_its_resident() {
        try (KioskStore store = KioskStore.open(data)) {
            store.appendCheckIn(Event.of(new CheckedIn("r-1"), T0, true));
            store.appendCheckIn(Event.of(new CheckedIn("r-1"), T0.plusSeconds(60), true));
            store.appendCheckIn(Event.of(new CheckedIn("r-2"), T0.plusSeconds(90), true));

            assertThat(store.pending(10)).hasSize(3);
            assertThat(store.checkInCounts()).containsEntry("r-1", 2).containsEntry("r-2", 1);
            assertThatThrownBy(() -> store.appendCheckIn(Event.of(new HelpRequested(HelpSource.BUTTON, null, null,
                    null), T0, true))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
