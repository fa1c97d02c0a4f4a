package org.courtyard.kiosk.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.core.CadreBroadcast;
import org.courtyard.kiosk.checkin.CheckInSections;
import org.courtyard.kiosk.core.CadreView;
import org.courtyard.kiosk.core.CheckInView;
import org.courtyard.kiosk.core.FamilyView;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.KioskState;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.core.ShownAnnouncement;
import org.courtyard.kiosk.core.VoiceActivity;
import org.courtyard.kiosk.help.HelpController;
import org.courtyard.protocol.Priority;

/**
 * Every page the kiosk can show, each as a state of the real model rendered by the real view, at
 * any window size, without a window: for layout, contrast and screenshot checks. The states are
 * the worst cases for space: the longest link text, a device problem line, a request that can
 * still be taken back.
 */
final class Pages {

    /** One page: a name for messages and file names, the state that shows it, and the announcements it lists. */
    record Page(String name, KioskState state, List<ShownAnnouncement> announcements) {

        Page(String name, KioskState state) {
            this(name, state, List.of());
        }
    }

    private Pages() {
    }

    static List<Page> all(Kiosk kiosk) {
        Instant now = Instant.now();
        KioskState base = new KioskState(Screen.HOME, LinkState.OFFLINE, "connection refused", null, null,
                "off: no voice model given (--voice-model)", List.of("microphone: no input device"), VoiceActivity.IDLE);
        HelpView saved = new HelpView(UUID.randomUUID(), LocalHelpStatus.SAVED, null, now, null, null,
                now.plusSeconds(3600));
        HelpView acknowledged = new HelpView(UUID.randomUUID(), LocalHelpStatus.ACKNOWLEDGED, null, now,
                "王书记", null, null);
        HelpView cancelled = new HelpView(UUID.randomUUID(), LocalHelpStatus.CANCELLED, null, now, null, null, null);
        List<Page> pages = new ArrayList<>();
        pages.add(new Page("home", base));
        pages.add(new Page("help-saved", base.withScreen(Screen.HELP).withHelp(saved)));
        pages.add(new Page("help-acknowledged", base.withScreen(Screen.HELP).withHelp(acknowledged)));
        pages.add(new Page("help-cancelled", base.withScreen(Screen.HELP).withHelp(cancelled)));
        pages.add(new Page("help-none", base.withScreen(Screen.HELP)));
        pages.add(new Page("help-not-saved", base.withScreen(Screen.HELP).withLastPrompt(HelpController.NOT_SAVED)));
        List<ResidentTile> residents = TestRoster.residents().stream()
                .map(card -> new ResidentTile(card.id(), card.name(), card.type(), null)).toList();
        CheckInView tiles = new CheckInView(residents, null);
        KioskState withTiles = base.withCheckIn(tiles);
        pages.add(new Page("check-in", withTiles.withScreen(Screen.CHECK_IN)));
        // Issue 14: who asked, the band, the cancel question, what the offline kiosk knows, the duty phone.
        KioskState online = withTiles.withLink(LinkState.ONLINE, "");
        UUID id = UUID.randomUUID();
        HelpView delivered = new HelpView(id, LocalHelpStatus.DELIVERED, null, now.minusSeconds(20), null, null,
                now.plusSeconds(3600), null, now.minusSeconds(19), false, false, null);
        pages.add(new Page("help-who", online.withScreen(Screen.HELP).withHelp(delivered)));
        pages.add(new Page("help-who-answered", online.withScreen(Screen.HELP).withHelp(new HelpView(id,
                LocalHelpStatus.DELIVERED, org.courtyard.protocol.HelpCategory.MEDICAL, now.minusSeconds(20), null,
                null, now.plusSeconds(3600), residents.get(0).id(), now.minusSeconds(19), false, false, null))));
        pages.add(new Page("help-cancel-confirm", online.withScreen(Screen.HELP)
                .withHelp(delivered.withConfirmingCancel(true))));
        HelpView knownAcknowledged = new HelpView(id, LocalHelpStatus.ACKNOWLEDGED, null, now.minusSeconds(600),
                "李建华", null, null, residents.get(0).id(), now.minusSeconds(540), true, false, null);
        pages.add(new Page("help-offline", withTiles.withScreen(Screen.HELP).withHelp(knownAcknowledged)));
        pages.add(new Page("help-duty-phone", withTiles.withScreen(Screen.HELP).withHelp(new HelpView(id,
                LocalHelpStatus.SAVED, null, now.minusSeconds(180), null, null, null, null, now.minusSeconds(180),
                true, false, "0871-6512 3456"))));
        pages.add(new Page("home-band", online.withHelp(new HelpView(id, LocalHelpStatus.ACKNOWLEDGED, null,
                now.minusSeconds(240), "李建华", null, null, residents.get(0).id(), now.minusSeconds(60), false, false,
                null))));
        pages.add(new Page("home-band-offline", withTiles.withHelp(knownAcknowledged)));
        pages.add(new Page("check-in-one-page", base.withCheckIn(new CheckInView(residents.subList(0, 2), null))
                .withScreen(Screen.CHECK_IN)));
        pages.add(new Page("check-in-empty", base.withScreen(Screen.CHECK_IN)));
        // A village of 200 in eleven 村民小组: the groups first, then a group's tiles (or its parts by
        // name when it is big), some with photos, some checked in today.
        Path face = TestPhotos.face(kiosk.config().dataDir());
        List<ResidentTile> village = TestRoster.village().stream()
                .map(card -> new ResidentTile(card.id(), card.name(), card.type(),
                        card.id().endsWith("1") || card.id().endsWith("3") ? face : null, card.group(),
                        card.id().endsWith("3") || card.id().endsWith("7")))
                // As CheckInStore orders them (nobody here checked in often): pinyin, today's last.
                .sorted(java.util.Comparator.comparing(ResidentTile::checkedInToday)
                        .thenComparing(ResidentTile::name, org.courtyard.protocol.NameOrder.NAMES))
                .toList();
        CheckInView big = new CheckInView(village, CheckInSections.of(village), null, -1, null, null);
        KioskState checkingIn = base.withCheckIn(big).withScreen(Screen.CHECK_IN);
        pages.add(new Page("check-in-groups", checkingIn));
        pages.add(new Page("check-in-group-tiles", checkingIn.withCheckIn(big.withSection("二组"))));
        pages.add(new Page("check-in-group-parts", checkingIn.withCheckIn(big.withSection("五组"))));
        pages.add(new Page("check-in-part-tiles", checkingIn.withCheckIn(big.withSection("五组").withPart(0))));
        pages.add(new Page("check-in-thanks-undo", checkingIn.withCheckIn(big.withSection("二组")
                .withThanked(village.get(0), now.plusSeconds(3600)))));
        pages.add(new Page("check-in-thanks", withTiles.withScreen(Screen.CHECK_IN)
                .withCheckIn(tiles.withThanked(residents.get(5)))));
        // 空中陪护: envelopes on the tiles (one with more than fits in a badge), and the messages screen's steps.
        FamilyView envelopes = FamilyView.NONE.withUnheard(Map.of(residents.get(0).id(), 1, residents.get(1).id(), 12));
        pages.add(new Page("check-in-envelopes", withTiles.withScreen(Screen.CHECK_IN).withFamily(envelopes)));
        FamilyView.Shown offered = new FamilyView.Shown(residents.get(5).id(), residents.get(5).name(), "m-1",
                "DAUGHTER_IN_LAW", FamilyView.Phase.OFFER, 2);
        for (FamilyView.Phase phase : FamilyView.Phase.values()) {
            pages.add(new Page("messages-" + phase.name().toLowerCase(Locale.ROOT), withTiles
                    .withScreen(Screen.MESSAGES).withFamily(envelopes.withShown(offered.withPhase(phase)))));
        }
        pages.add(new Page("cadre-pin", base.withScreen(Screen.CADRE_PIN).withCadre(CadreView.NONE.withDigits(3))));
        pages.add(new Page("cadre-pin-locked", base.withScreen(Screen.CADRE_PIN).withCadre(CadreView.NONE
                .withAnswer(CadreView.PinAnswer.LOCKED, now.plusSeconds(300)))));
        CadreView signedIn = CadreView.NONE.signedIn("c-lijianhua", "李建华");
        pages.add(new Page("cadre-menu", withTiles.withScreen(Screen.CADRE).withCadre(signedIn)));
        pages.add(new Page("cadre-visit", withTiles.withScreen(Screen.CADRE_VISIT).withCadre(signedIn)));
        pages.add(new Page("cadre-visit-note", withTiles.withScreen(Screen.CADRE_VISIT)
                .withCadre(signedIn.withVisit(CadreView.VisitStep.NOTE, residents.get(5)))));
        pages.add(new Page("cadre-visit-done", withTiles.withScreen(Screen.CADRE_VISIT)
                .withCadre(signedIn.withVisit(CadreView.VisitStep.DONE, residents.get(5)))));
        List<ShownAnnouncement> forCadre = List.of(
                new ShownAnnouncement("a-flood", "山洪预警：今晚有大到暴雨，住在河边的老人请搬到村委会", "今晚有大到暴雨。",
                        Priority.EMERGENCY, now, true, true),
                new ShownAnnouncement("a-fire", "冬季防火", null, Priority.NORMAL, now.minusSeconds(60), false, true),
                new ShownAnnouncement("a-long", "关于做好二〇二六年冬春季节森林草原防灭火工作和农村用电用气安全检查的通知",
                        null, Priority.NORMAL, now.minusSeconds(120), true, true),
                new ShownAnnouncement("a-water", "停水通知", null, Priority.NORMAL, now.minusSeconds(180), true, true),
                new ShownAnnouncement("a-vote", "村民大会", null, Priority.NORMAL, now.minusSeconds(240), true, true),
                new ShownAnnouncement("a-text", "明天上午打疫苗", null, Priority.NORMAL, now.minusSeconds(300), false,
                        false));
        pages.add(new Page("cadre-play", base.withScreen(Screen.CADRE_PLAY).withCadre(signedIn), forCadre));
        pages.add(new Page("cadre-play-empty", base.withScreen(Screen.CADRE_PLAY).withCadre(signedIn
                .withBroadcast(CadreBroadcast.notice("cadre.play.none")))));
        pages.add(new Page("cadre-play-not-ready", base.withScreen(Screen.CADRE_PLAY).withCadre(signedIn
                .withBroadcast(CadreBroadcast.notice("cadre.play.not-ready"))), forCadre));
        pages.add(new Page("cadre-play-playing", base.withScreen(Screen.CADRE_PLAY).withCadre(signedIn
                .withBroadcast(CadreBroadcast.playing("a-flood", forCadre.get(0).title()))), forCadre));
        pages.add(new Page("cadre-live", base.withScreen(Screen.CADRE_LIVE).withCadre(signedIn)));
        pages.add(new Page("cadre-live-on", base.withScreen(Screen.CADRE_LIVE).withCadre(signedIn
                .withBroadcast(CadreBroadcast.live(false)))));
        pages.add(new Page("cadre-live-emergency-waiting", base.withScreen(Screen.CADRE_LIVE).withCadre(signedIn
                .withBroadcast(CadreBroadcast.live(true)))));
        pages.add(new Page("cadre-live-refused", base.withScreen(Screen.CADRE_LIVE).withCadre(signedIn
                .withBroadcast(CadreBroadcast.notice("cadre.live.emergency")))));
        pages.add(new Page("announcements", base.withScreen(Screen.ANNOUNCEMENTS)));
        pages.add(new Page("announcements-list", base.withScreen(Screen.ANNOUNCEMENTS), List.of(
                new ShownAnnouncement("a-flood", "山洪预警：今晚有大到暴雨", "气象台发布山洪预警：今晚到明天有大到暴雨，"
                        + "住在河边和山脚的老人请今晚搬到村委会活动室过夜，村干部会上门帮忙。孩子们放学后不要去河边玩水。"
                        + "有困难请按红色求助按钮，或者给村委会打电话。请大家相互转告，特别是告诉家里只有老人的邻居。",
                        Priority.EMERGENCY, now, true, true),
                new ShownAnnouncement("a-fire", "冬季防火", null, Priority.NORMAL, now.minusSeconds(60), false, true))));
        pages.add(new Page("announcements-long-title", base.withScreen(Screen.ANNOUNCEMENTS), List.of(
                new ShownAnnouncement("a-long", "关于做好二〇二六年冬春季节森林草原防灭火工作和农村用电用气安全检查的通知"
                        .repeat(2), "请各位村民：" + "冬季天干物燥，请检查家中电线和火塘，不要在屋里堆放柴草。".repeat(6),
                        Priority.NORMAL, now, true, true))));
        pages.add(new Page("listening", base.withScreen(Screen.LISTENING)));
        pages.add(new Page("home-online", new KioskState(Screen.HOME, LinkState.ONLINE, "", null, null, "off",
                List.of(), VoiceActivity.IDLE)));
        pages.add(new Page("home-voice-on", new KioskState(Screen.HOME, LinkState.ONLINE, "", null, null,
                "ok: vosk-model-small-cn-0.22", List.of(), VoiceActivity.IDLE)));
        KioskState voiceOn = base.withVoiceStatus("ok").withScreen(Screen.LISTENING);
        pages.add(new Page("listening-open", voiceOn.withVoiceActivity(
                new VoiceActivity(VoiceActivity.Phase.LISTENING, "我不舒服"))));
        pages.add(new Page("listening-heard", voiceOn.withVoiceActivity(
                new VoiceActivity(VoiceActivity.Phase.HEARD, "报平安"))));
        pages.add(new Page("listening-not-understood", voiceOn.withVoiceActivity(
                new VoiceActivity(VoiceActivity.Phase.NOT_UNDERSTOOD, ""))));
        return pages;
    }

    /**
     * A scene of {@code width} x {@code height} showing {@code page}, laid out and styled; on the
     * JavaFX thread. The view-model is not attached, so the kiosk's own state does not interfere.
     */
    static Scene render(Kiosk kiosk, Page page, double width, double height) {
        KioskViewModel model = new KioskViewModel(kiosk, Clock.systemUTC());
        KioskView view = new KioskView(model);
        Scene scene = view.createScene(width, height);
        model.render(page.state());
        model.renderAnnouncements(page.announcements());
        layOut(scene);
        return scene;
    }

    static void layOut(Scene scene) {
        Parent root = scene.getRoot();
        root.applyCss();
        root.resize(scene.getWidth(), scene.getHeight());
        root.layout();
        // A second pass: wrapped text changes heights once widths are known.
        root.applyCss();
        root.layout();
    }

    /** Visible nodes of the scene of type {@code type}, whose ancestors are all visible too. */
    static <T extends Node> List<T> visible(Scene scene, Class<T> type) {
        List<T> out = new ArrayList<>();
        collect(scene.getRoot(), type, out);
        return out;
    }

    private static <T extends Node> void collect(Node node, Class<T> type, List<T> out) {
        if (!node.isVisible()) {
            return;
        }
        if (type.isInstance(node)) {
            out.add(type.cast(node));
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, type, out);
            }
        }
    }

    static boolean inSimStrip(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getStyleClass().contains("sim-strip")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Labeled labeled) {
        return labeled.getClass().getSimpleName() + " '" + labeled.getText() + "'";
    }
}
