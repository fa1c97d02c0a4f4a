package org.courtyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.courtyard.protocol.Golden.at;
import static org.courtyard.protocol.Golden.uuid;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The records check themselves when built in Java too, naming the field, so no invalid value is ever sent. */
class RecordValidationTest {

    @Test
    void text_of_the_maximum_length_is_accepted_and_one_more_is_refused() {
        String longest = "报".repeat(Protocol.MAX_TEXT_CHARS);

        assertThat(new VisitCheckedIn("李建华", "r-0042", longest).note()).hasSize(4000);
        assertThatThrownBy(() -> new VisitCheckedIn("李建华", "r-0042", longest + "平"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'note' is longer than 4000 characters");
    }

    @Test
    void blank_required_text_is_refused_naming_the_field() {
        assertThatThrownBy(() -> new CheckedIn(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'residentId' must not be blank");
    }

    @Test
    void missing_required_value_is_refused_naming_the_field() {
        assertThatThrownBy(() -> new HelpRequested(null, HelpCategory.MEDICAL, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing required field 'source'");
    }

    @Test
    void repeat_daily_time_with_seconds_is_refused_rather_than_truncated() {
        assertThatThrownBy(() -> new Announcement("ann-0009", "村民大会通知", null, Priority.NORMAL, false,
                Targets.everyone(), at("2026-11-29T00:00:00Z"), null,
                List.of(LocalTime.of(8, 0), LocalTime.of(18, 30, 15)), null, false, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'repeatDaily[1]' must be a whole minute (HH:mm), was 18:30:15");
    }

    @Test
    void targets_naming_none_or_two_choices_is_refused() {
        assertThatThrownBy(() -> new Targets(false, List.of(), List.of()))
                .hasMessage("field 'targets' must name exactly one of all:true, villages or kiosks");
        assertThatThrownBy(() -> new Targets(null, List.of("大寨村"), List.of("kiosk-dazhai-01")))
                .hasMessage("field 'targets' must name exactly one of all:true, villages or kiosks");
    }

    @Test
    void targets_answers_whether_it_means_everyone() {
        assertThat(Targets.everyone().isEveryone()).isTrue();
        assertThat(Targets.villages(List.of("大寨村")).isEveryone()).isFalse();
    }

    @Test
    void lists_are_copied_so_later_changes_do_not_leak_in() {
        List<Event> events = new ArrayList<>(List.of((Event) Golden.EVENT_CHECKED_IN.value));
        SyncRequest sync = new SyncRequest(1, "kiosk-dazhai-01", null, events);

        events.clear();

        assertThat(sync.events()).hasSize(1);
        assertThatThrownBy(() -> sync.events().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void resident_card_refuses_a_photo_checksum_that_is_not_a_sha256() {
        assertThatThrownBy(() -> new ResidentCard("r-0042", "张桂英", ResidentType.ELDER, "ABC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'photoSha256' must be 64 lowercase hex digits");
    }

    @Test
    void cadre_card_refuses_a_pin_hash_of_another_form_so_no_pin_can_travel_in_clear() {
        assertThatThrownBy(() -> new CadreCard("c-0007", "李建华", "大寨村", "1234"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'pinHash' must have the form pbkdf2-sha256$ITERATIONS$SALT$HASH");
    }

    @Test
    void a_roster_with_a_null_resident_is_refused_but_a_null_roster_is_kept_as_unchanged() {
        List<ResidentCard> residents = new ArrayList<>();
        residents.add(null);

        assertThatThrownBy(() -> new SyncResponse(List.of(), List.of(), "c-1", List.of(), List.of(),
                at("2026-11-29T02:16:31Z"), residents, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'residents[0]' must not be null");
        assertThat(new SyncResponse(List.of(), List.of(), "c-1", List.of(), List.of(), at("2026-11-29T02:16:31Z"),
                null, null, null).residents()).isNull();
    }

    @Test
    void help_details_from_a_kiosk_before_residentId_read_as_the_category_alone() {
        String old = """
                {"id":"0b5f2f8e-4c1d-4a7e-9d55-1f0f3c6a8e21","type":"HELP_DETAILS","occurredAt":"2026-11-29T02:14:19Z",
                 "clockTrusted":true,"payload":{"requestId":"ee23b09c-62cb-494a-8806-063f10bd3117","category":"MEDICAL"}}""";

        HelpDetails details = (HelpDetails) ProtocolJson.read(old, Event.class).payload();

        assertThat(details).isEqualTo(HelpDetails.category(details.requestId(), HelpCategory.MEDICAL));
        assertThat(details.residentId()).isNull();
    }

    @Test
    void help_details_carry_who_asked_without_a_category_but_never_nothing() {
        UUID request = UUID.fromString("ee23b09c-62cb-494a-8806-063f10bd3117");

        assertThat(HelpDetails.resident(request, "r-0042").category()).isNull();
        assertThatThrownBy(() -> new HelpDetails(request, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing required field 'category' (or 'residentId')");
        assertThatThrownBy(() -> HelpDetails.resident(request, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'residentId' must not be blank");
    }

    @Test
    void a_village_card_takes_a_public_phone_number_and_refuses_anything_else() {
        assertThat(new VillageCard("大寨村", "+86 871-6512 3456").dutyPhone()).isEqualTo("+86 871-6512 3456");
        assertThat(new VillageCard("大寨村", null).dutyPhone()).isNull();
        assertThatThrownBy(() -> new VillageCard("大寨村", "138****2222"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("field 'dutyPhone' must be digits");
    }

    @Test
    void a_help_request_never_counts_negative_repeats() {
        assertThatThrownBy(() -> new HelpRequest(UUID.randomUUID(), "k-1", null, HelpStatus.NEW, HelpSource.BUTTON,
                null, null, null, false, at("2026-11-29T02:14:07Z"), at("2026-11-29T02:14:08Z"), true, null, null,
                null, -1, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'repeatCount' must not be negative");
    }

    @Test
    void sync_request_refuses_another_protocol_version() {
        assertThatThrownBy(() -> new SyncRequest(2, "kiosk-dazhai-01", null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'protocol' must be 1, was 2");
    }

    @Test
    void rejection_echoes_an_id_as_sent_even_when_it_is_not_a_uuid() {
        assertThat(new Rejection("not-a-uuid", "invalid_event", "field 'id' has invalid value").id())
                .isEqualTo("not-a-uuid");
    }

    @Test
    void help_update_needs_the_request_it_is_about() {
        assertThatThrownBy(() -> new HelpUpdate(null, HelpStatus.ACKNOWLEDGED, "wangfang", null, null,
                at("2026-11-29T02:15:02Z")))
                .hasMessage("missing required field 'requestId'");
        assertThat(new HelpUpdate(uuid("ee23b09c-62cb-494a-8806-063f10bd3117"), HelpStatus.ACKNOWLEDGED, null, null,
                null, at("2026-11-29T02:15:02Z")).by()).isNull();
    }
}
