package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing, editing and withdrawing announcements over the staff API, and who may do what. */
class AnnouncementTest {

    @TempDir
    Path dir;

    TestHub hub;
    Announce api;
    TestHub.Kiosk big;
    TestHub.Kiosk small;
    String staff;
    String cadre;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        api = new Announce(hub);
        big = hub.kiosk("大村活动室", "大村");
        small = hub.kiosk("小河村活动室", "小河村");
        staff = hub.user("wang", "STAFF", null);
        cadre = hub.user("li", "CADRE", "大村");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void staff_create_an_announcement_that_starts_now_with_revision_one_and_no_audio() {
        ObjectNode draft = Announce.draft("冬季防火", "{\"all\":true}");
        draft.putArray("repeatDaily").add("18:30").add("08:00").add("08:00");

        TestHub.Answer answer = api.create(staff, draft);

        assertThat(answer.status()).isEqualTo(201);
        JsonNode created = answer.json();
        assertThat(created.get("id").asText()).startsWith("a-");
        assertThat(created.get("title").asText()).isEqualTo("冬季防火");
        assertThat(created.get("priority").asText()).isEqualTo("NORMAL");
        assertThat(created.get("outdoor").asBoolean()).isTrue();
        assertThat(created.get("targets")).isEqualTo(Announce.json("{\"all\":true}"));
        assertThat(created.get("startsAt").asText()).isEqualTo(TestHub.START.toString());
        assertThat(created.get("endsAt").isNull()).isTrue();
        assertThat(created.get("repeatDaily")).isEqualTo(Announce.json("[\"08:00\",\"18:30\"]"));
        assertThat(created.get("audio").isNull()).isTrue();
        assertThat(created.get("withdrawn").asBoolean()).isFalse();
        assertThat(created.get("revision").asInt()).isEqualTo(1);
        assertThat(created.get("createdBy").asText()).isEqualTo("wang");
        assertThat(hub.get("/api/v1/announcements/" + created.get("id").asText(), staff).json()).isEqualTo(created);
    }

    @Test
    void the_list_is_newest_first_and_can_leave_out_withdrawn_ones() {
        String first = api.created(staff, Announce.draft("一", "{\"all\":true}"));
        hub.clock.advance(TestHub.seconds(60));
        String second = api.created(staff, Announce.draft("二", "{\"all\":true}"));
        api.withdraw(staff, first);

        assertThat(ids(hub.get("/api/v1/announcements", staff).json())).containsExactly(second, first);
        assertThat(ids(hub.get("/api/v1/announcements?withdrawn=false", staff).json())).containsExactly(second);
        assertThat(ids(hub.get("/api/v1/announcements?withdrawn=true", staff).json())).containsExactly(first);
        assertThat(hub.get("/api/v1/announcements?withdrawn=maybe", staff).errorMessage()).contains("withdrawn");
    }

    @Test
    void invalid_drafts_are_refused_naming_the_field_and_store_nothing() {
        ObjectNode noTitle = Announce.draft("x", "{\"all\":true}");
        noTitle.remove("title");
        ObjectNode noTargets = Announce.draft("x", "{\"all\":true}");
        noTargets.remove("targets");
        ObjectNode twoTargets = Announce.draft("x", "{\"all\":true,\"villages\":[\"大村\"]}");
        ObjectNode unknownKiosk = Announce.draft("x", "{\"kiosks\":[\"k-nothere\"]}");
        ObjectNode ended = Announce.draft("x", "{\"all\":true}");
        ended.put("endsAt", TestHub.START.minusSeconds(60).toString());
        ObjectNode badTime = Announce.draft("x", "{\"all\":true}");
        badTime.putArray("repeatDaily").add("8:00");
        ObjectNode badPriority = Announce.draft("x", "{\"all\":true}");
        badPriority.put("priority", "URGENT");
        ObjectNode noOutdoor = Announce.draft("x", "{\"all\":true}");
        noOutdoor.remove("outdoor");

        assertRefused(noTitle, "title");
        assertRefused(noTargets, "targets");
        assertRefused(twoTargets, "targets");
        assertRefused(unknownKiosk, "targets.kiosks[0]");
        assertRefused(ended, "endsAt");
        assertRefused(badTime, "repeatDaily[0]");
        assertRefused(badPriority, "priority");
        assertRefused(noOutdoor, "outdoor");
        assertThat(hub.column("SELECT COUNT(*) FROM announcements")).containsExactly("0");
    }

    private void assertRefused(JsonNode draft, String field) {
        TestHub.Answer answer = api.create(staff, draft);
        assertThat(answer.status()).as("%s", draft).isEqualTo(400);
        assertThat(answer.errorMessage()).contains(field);
    }

    @Test
    void a_cadre_may_announce_to_their_own_village_or_its_kiosks_only() {
        assertThat(api.create(cadre, Announce.draft("村里", "{\"villages\":[\"大村\"]}")).status()).isEqualTo(201);
        assertThat(api.create(cadre, Announce.draft("本村一台", "{\"kiosks\":[\"" + big.id() + "\"]}")).status())
                .isEqualTo(201);

        TestHub.Answer township = api.create(cadre, Announce.draft("全乡", "{\"all\":true}"));
        TestHub.Answer otherVillage = api.create(cadre, Announce.draft("别村", "{\"villages\":[\"小河村\"]}"));
        TestHub.Answer otherKiosk = api.create(cadre, Announce.draft("别村一台", "{\"kiosks\":[\"" + small.id() + "\"]}"));

        assertThat(township.status()).isEqualTo(403);
        assertThat(township.errorMessage()).contains("大村", "whole township");
        assertThat(otherVillage.status()).isEqualTo(403);
        assertThat(otherVillage.errorMessage()).contains("小河村");
        assertThat(otherKiosk.status()).isEqualTo(403);
        assertThat(otherKiosk.json().path("error").path("code").asText()).isEqualTo("forbidden");
        assertThat(hub.column("SELECT COUNT(*) FROM announcements")).containsExactly("2");
    }

    @Test
    void a_cadre_sees_what_reaches_their_village_and_changes_only_what_reaches_nothing_else() {
        String township = api.created(staff, Announce.draft("全乡", "{\"all\":true}"));
        String other = api.created(staff, Announce.draft("小河村", "{\"villages\":[\"小河村\"]}"));
        String own = api.created(cadre, Announce.draft("大村", "{\"villages\":[\"大村\"]}"));

        assertThat(ids(hub.get("/api/v1/announcements", cadre).json())).containsExactlyInAnyOrder(township, own);
        assertThat(hub.get("/api/v1/announcements/" + other, cadre).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/announcements/" + township, cadre).status()).isEqualTo(200);
        assertThat(api.withdraw(cadre, township).status()).isEqualTo(403);
        assertThat(api.edit(cadre, township, Announce.draft("改", "{\"villages\":[\"大村\"]}")).status())
                .isEqualTo(403);
        assertThat(api.withdraw(cadre, own).status()).isEqualTo(200);
    }

    @Test
    void an_edit_raises_the_revision_and_keeps_the_start_when_it_is_left_out() {
        ObjectNode draft = Announce.draft("原标题", "{\"all\":true}");
        draft.put("startsAt", TestHub.START.plusSeconds(3600).toString());
        String id = api.created(staff, draft);
        hub.clock.advance(TestHub.seconds(120));

        TestHub.Answer edited = api.edit(staff, id, Announce.draft("新标题", "{\"villages\":[\"大村\"]}"));

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("title").asText()).isEqualTo("新标题");
        assertThat(edited.json().get("revision").asInt()).isEqualTo(2);
        assertThat(edited.json().get("startsAt").asText()).isEqualTo(TestHub.START.plusSeconds(3600).toString());
        assertThat(edited.json().get("updatedAt").asText()).isEqualTo(TestHub.START.plusSeconds(120).toString());
    }

    @Test
    void a_withdrawn_announcement_cannot_be_withdrawn_again_or_edited() {
        String id = api.created(staff, Announce.draft("通知", "{\"all\":true}"));

        TestHub.Answer withdrawn = api.withdraw(staff, id);

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("withdrawn").asBoolean()).isTrue();
        assertThat(withdrawn.json().get("withdrawnBy").asText()).isEqualTo("wang");
        assertThat(withdrawn.json().get("revision").asInt()).isEqualTo(2);
        assertThat(api.withdraw(staff, id).status()).isEqualTo(409);
        assertThat(api.edit(staff, id, Announce.draft("改", "{\"all\":true}")).status()).isEqualTo(409);
        assertThat(api.upload(staff, id, "audio/wav", Announce.wav(16_000f, 1, 200)).status()).isEqualTo(409);
    }

    @Test
    void unknown_ids_are_404_and_kiosk_tokens_cannot_use_the_staff_calls() {
        assertThat(hub.get("/api/v1/announcements/a-nothere", staff).status()).isEqualTo(404);
        assertThat(api.withdraw(staff, "a-nothere").status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/announcements/a-nothere/deliveries", staff).status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/announcements", big.token()).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/announcements", null).status()).isEqualTo(401);
        assertThat(api.create(big.token(), Announce.draft("x", "{\"all\":true}")).status()).isEqualTo(403);
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.get("id").asText()));
        return out;
    }
}
