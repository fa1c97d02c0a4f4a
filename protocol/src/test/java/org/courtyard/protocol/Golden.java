package org.courtyard.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * The golden JSON files under {@code src/test/resources/golden/}, each with the record type it
 * holds and the value it must read as. The files are the protocol's reference examples: fields in
 * declared order, nulls written out, instants in canonical UTC form.
 */
enum Golden {
    EVENT_HELP_REQUESTED("event-help-requested.json", Event.class, new Event(
            uuid("ee23b09c-62cb-494a-8806-063f10bd3117"), EventType.HELP_REQUESTED,
            at("2026-11-29T02:14:07.512Z"), true,
            new HelpRequested(HelpSource.VOICE, null, null, "救命"))),
    EVENT_HELP_CANCELLED("event-help-cancelled.json", Event.class, new Event(
            uuid("6fc47d28-1b99-4409-912d-7edcfd2c46ab"), EventType.HELP_CANCELLED,
            at("2026-11-29T03:05:41Z"), true,
            new HelpCancelled(uuid("93fc4890-0e0a-4a83-8807-a45a6192c6c7")))),
    EVENT_HELP_DETAILS("event-help-details.json", Event.class, new Event(
            uuid("0b5f2f8e-4c1d-4a7e-9d55-1f0f3c6a8e21"), EventType.HELP_DETAILS,
            at("2026-11-29T02:14:19Z"), true,
            new HelpDetails(uuid("ee23b09c-62cb-494a-8806-063f10bd3117"), HelpCategory.MEDICAL, "r-0042"))),
    EVENT_HELP_REPEATED("event-help-repeated.json", Event.class, new Event(
            uuid("4d8c2b71-5e3a-4f6b-8a19-7c0d2e4f6a83"), EventType.HELP_REPEATED,
            at("2026-11-29T02:21:40Z"), true,
            new HelpRepeated(uuid("ee23b09c-62cb-494a-8806-063f10bd3117")))),
    EVENT_CHECKED_IN("event-checked-in.json", Event.class, Values.checkedIn()),
    EVENT_CHECK_IN_UNDONE("event-check-in-undone.json", Event.class, new Event(
            uuid("2a7d6c1e-5b3f-4e8a-9c0d-6f1e2b3a4c5d"), EventType.CHECK_IN_UNDONE,
            at("2026-11-29T00:31:19Z"), true,
            new CheckInUndone(uuid("6fb2c35d-3c75-4126-9c05-e26be0c6055f")))),
    EVENT_VISIT_CHECKED_IN("event-visit-checked-in.json", Event.class, new Event(
            uuid("c86f415f-91b9-4f29-91f1-d2fe6bb8fd4c"), EventType.VISIT_CHECKED_IN,
            at("2026-11-29T06:20:00Z"), true,
            new VisitCheckedIn("李建华", "r-0042", "上门看望，血压正常，已帮忙买好过冬的煤"))),
    EVENT_ANNOUNCEMENT_PLAYED("event-announcement-played.json", Event.class, new Event(
            uuid("855fe8bd-3ec0-47c0-898d-63f528280e98"), EventType.ANNOUNCEMENT_PLAYED,
            at("2026-11-29T00:01:51Z"), true,
            new AnnouncementPlayed("ann-0007", at("2026-11-29T00:00:03Z"), at("2026-11-29T00:01:51Z"),
                    PlayOutcome.PLAYED, null))),
    EVENT_AUDIO_DOWNLOADED("event-audio-downloaded.json", Event.class, new Event(
            uuid("3f1c9a52-7d04-4e1b-9b8e-2c6a41d0e7b5"), EventType.AUDIO_DOWNLOADED,
            at("2026-11-29T00:00:41Z"), true,
            new AudioDownloaded("ann-0007", "cc4e54f4fe679e681b86b8c1e50ee7fa01d9c11e7a8e8426b0d436e5a4e00f8a"))),
    EVENT_HEARTBEAT("event-heartbeat.json", Event.class, new Event(
            uuid("611b62c4-393e-454a-99e2-a60813a77e82"), EventType.HEARTBEAT,
            at("2026-11-29T04:00:00Z"), false,
            new Heartbeat("0.1.0", 86400, 0, "off: no model at /opt/courtyard/vosk-model-small-cn-0.22", "ok",
                    12650L, 51.6, "battery 78%",
                    new SelfTest("ok", "ok", "ok", "ok", "missing: no audio input device found"), true))),
    SYNC_REQUEST("sync-request.json", SyncRequest.class, new SyncRequest(1, "kiosk-dazhai-01", "c-000183", List.of(
            new Event(uuid("fe93f83e-434a-45fb-ae74-3a729eda44c0"), EventType.HELP_REQUESTED,
                    at("2026-11-29T02:14:07Z"), false,
                    new HelpRequested(HelpSource.BUTTON, HelpCategory.MEDICAL, "r-0042", null)),
            Values.checkedIn()))),
    SYNC_REQUEST_FIRST_CONTACT("sync-request-first-contact.json", SyncRequest.class,
            new SyncRequest(1, "kiosk-xiaohe-02", null, List.of())),
    SYNC_RESPONSE("sync-response.json", SyncResponse.class, new SyncResponse(
            List.of(uuid("fe93f83e-434a-45fb-ae74-3a729eda44c0"), uuid("6fb2c35d-3c75-4126-9c05-e26be0c6055f")),
            List.of(Values.rejection()), "c-000191", List.of(Values.coldWave()), List.of(Values.helpUpdate()),
            at("2026-11-29T02:16:31Z"), null, null, List.of())),
    SYNC_RESPONSE_ROSTER("sync-response-roster.json", SyncResponse.class, new SyncResponse(List.of(), List.of(),
            "c-000192", List.of(), List.of(), at("2026-11-29T02:20:00Z"),
            List.of(Values.elder(), Values.child()), List.of(Values.cadre()), Values.village(), List.of())),
    VILLAGE_CARD("village-card.json", VillageCard.class, Values.village()),
    SYNC_RESPONSE_HOME("sync-response-home.json", SyncResponse.class, new SyncResponse(List.of(), List.of(),
            "help=0.announcements=0.home=12", List.of(), List.of(), at("2026-11-29T02:20:00Z"), null, null,
            Values.village(), List.of(), new ResidentCard("r-0042", "张桂英", ResidentType.ELDER, null))),
    SYNC_RESPONSE_MESSAGES("sync-response-messages.json", SyncResponse.class, new SyncResponse(List.of(), List.of(),
            "help=57.roster=3.announcements=12.messages=31", List.of(), List.of(), at("2026-11-29T10:02:00Z"), null,
            null, List.of(Values.message(), FamilyMessage.deleted("5d0e8a7c-1b2f-4c3d-9e8f-7a6b5c4d3e2f", "r-0042")))),
    FAMILY_MESSAGE("family-message.json", FamilyMessage.class, Values.message()),
    EVENT_MESSAGE_DELIVERED("event-message-delivered.json", Event.class, new Event(
            uuid("a4d3c2b1-0f9e-4d8c-b7a6-958473625140"), EventType.MESSAGE_DELIVERED,
            at("2026-11-29T10:02:09Z"), true, new MessageDelivered("0c2f7a51-8e3d-4b6a-9f1e-2d4c6b8a0e13"))),
    EVENT_MESSAGE_HEARD("event-message-heard.json", Event.class, new Event(
            uuid("b7e6d5c4-a3b2-4c1d-8e0f-1a2b3c4d5e6f"), EventType.MESSAGE_HEARD,
            at("2026-11-29T10:31:45Z"), true, new MessageHeard("0c2f7a51-8e3d-4b6a-9f1e-2d4c6b8a0e13"))),
    RESIDENT_CARD("resident-card.json", ResidentCard.class, Values.elder()),
    RESIDENT_CARD_NO_PHOTO("resident-card-no-photo.json", ResidentCard.class, Values.child()),
    CADRE_CARD("cadre-card.json", CadreCard.class, Values.cadre()),
    REJECTION("rejection.json", Rejection.class, Values.rejection()),
    ANNOUNCEMENT("announcement.json", Announcement.class, new Announcement("ann-0007",
            "关于开展冬季防火安全检查的通知",
            "各位村民：冬季天干物燥，请检查家中电线和火塘，不要在屋里堆放柴草。村委会本周六上门检查。",
            Priority.NORMAL, true, Targets.villages(List.of("大寨村", "小河村")),
            at("2026-11-29T00:00:00Z"), at("2026-12-06T14:00:00Z"),
            List.of(LocalTime.of(8, 0), LocalTime.of(18, 30)), Values.audio(), false, 2)),
    ANNOUNCEMENT_TEXT_ONLY("announcement-text-only.json", Announcement.class, Values.coldWave()),
    AUDIO_REF("audio-ref.json", AudioRef.class, Values.audio()),
    TARGETS_ALL("targets-all.json", Targets.class, Targets.everyone()),
    TARGETS_VILLAGES("targets-villages.json", Targets.class, Targets.villages(List.of("大寨村", "小河村"))),
    TARGETS_KIOSKS("targets-kiosks.json", Targets.class,
            Targets.kiosks(List.of("kiosk-dazhai-01", "kiosk-xiaohe-02"))),
    HELP_UPDATE("help-update.json", HelpUpdate.class, Values.helpUpdate()),
    HELP_HISTORY_ENTRY("help-history-entry.json", HelpHistoryEntry.class, Values.acknowledged()),
    HELP_REQUEST("help-request.json", HelpRequest.class, new HelpRequest(
            uuid("ee23b09c-62cb-494a-8806-063f10bd3117"), "kiosk-dazhai-01", "大寨村", HelpStatus.ASSIGNED,
            HelpSource.VOICE, null, null, "救命", false, at("2026-11-29T02:14:07.512Z"),
            at("2026-11-29T02:14:08.020Z"), true, "wangfang", "李建华", at("2026-11-29T02:16:30Z"), 1, List.of(
                    HelpHistoryEntry.status(HelpStatus.NEW, null, null, null, at("2026-11-29T02:14:08.020Z")),
                    Values.acknowledged(),
                    new HelpHistoryEntry(HelpHistoryEvent.REPEATED, HelpStatus.ACKNOWLEDGED, null, null, null,
                            at("2026-11-29T02:15:40Z")),
                    HelpHistoryEntry.status(HelpStatus.ASSIGNED, "wangfang", "李建华", "李建华十分钟内到",
                            at("2026-11-29T02:16:30Z"))))),
    HELP_REQUEST_LIST_ITEM("help-request-list-item.json", HelpRequest.class, new HelpRequest(
            uuid("a33b6a42-4797-40e9-a14d-043800c38815"), "kiosk-xiaohe-02", "小河村", HelpStatus.NEW,
            HelpSource.BUTTON, null, null, null, false, at("2026-11-29T03:40:12Z"),
            at("2026-11-29T03:40:12.480Z"), true, null, null, null, 0, List.of())),
    SELF_TEST("self-test.json", SelfTest.class, new SelfTest("failed: last play failed: line unavailable", "ok",
            "ok", null, "ok")),
    ERROR_BODY("error-body.json", ErrorBody.class, ErrorBody.of("invalid_field",
            "events[0].payload.source: field 'source' has invalid value 'FOOT': expected one of BUTTON, SCREEN, VOICE"));

    final String file;
    final Class<?> type;
    final Object value;

    Golden(String file, Class<?> type, Object value) {
        this.file = file;
        this.type = type;
        this.value = value;
    }

    /** The file's text exactly as stored. */
    String text() {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + file + " on the test classpath");
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return file;
    }

    static UUID uuid(String text) {
        return UUID.fromString(text);
    }

    static Instant at(String text) {
        return Instant.parse(text);
    }

    /** Values used by more than one golden file. */
    private static final class Values {

        static Event checkedIn() {
            return new Event(uuid("6fb2c35d-3c75-4126-9c05-e26be0c6055f"), EventType.CHECKED_IN,
                    at("2026-11-29T00:31:12Z"), true, new CheckedIn("r-0042"));
        }

        static Rejection rejection() {
            return new Rejection("d66d4702-8b90-477b-b3ba-b350a52f5b50", "unknown_resident",
                    "CHECKED_IN names resident r-9999, who is not registered in 大寨村");
        }

        static FamilyMessage message() {
            return new FamilyMessage("0c2f7a51-8e3d-4b6a-9f1e-2d4c6b8a0e13", "r-0042", "SON", at("2026-11-29T10:01:30Z"),
                    new AudioRef("9b1f0c3e5d7a2b4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d", 412844, 12900),
                    null, false);
        }

        static AudioRef audio() {
            return new AudioRef("cc4e54f4fe679e681b86b8c1e50ee7fa01d9c11e7a8e8426b0d436e5a4e00f8a", 3456044, 108000);
        }

        static Announcement coldWave() {
            return new Announcement("ann-0008", "寒潮蓝色预警",
                    "气象台发布寒潮蓝色预警：今晚到明天气温下降8到10度，请老人注意保暖，孩子上学多穿衣服。",
                    Priority.EMERGENCY, true, Targets.everyone(), at("2026-11-29T01:30:00Z"), null, List.of(),
                    null, false, 1);
        }

        static HelpUpdate helpUpdate() {
            return new HelpUpdate(uuid("ee23b09c-62cb-494a-8806-063f10bd3117"), HelpStatus.ASSIGNED, "wangfang",
                    "李建华", "李建华十分钟内到", at("2026-11-29T02:16:30Z"));
        }

        static ResidentCard elder() {
            return new ResidentCard("r-0042", "张桂英", ResidentType.ELDER,
                    "5c1e8d1f0ad3b8e2d8f6a7c9b4e3f2a1d0c9b8a7f6e5d4c3b2a1908f7e6d5c4b", "三组");
        }

        static ResidentCard child() {
            return new ResidentCard("r-0057", "李小军", ResidentType.CHILD, null, null);
        }

        static CadreCard cadre() {
            return new CadreCard("c-0007", "李建华", "大寨村",
                    "pbkdf2-sha256$20000$7pX1oKIBtsSLJ/TcdioIjA==$6EHa6mXvXZPlBDQFPlkWtV9QqQFGi3SKEndFV9v5Pgo=");
        }

        static HelpHistoryEntry acknowledged() {
            return HelpHistoryEntry.status(HelpStatus.ACKNOWLEDGED, "wangfang", null, null,
                    at("2026-11-29T02:15:02Z"));
        }

        static VillageCard village() {
            return new VillageCard("大寨村", "0871-6512 3456");
        }
    }
}
