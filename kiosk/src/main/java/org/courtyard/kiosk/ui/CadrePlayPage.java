package org.courtyard.kiosk.ui;

import static org.courtyard.protocol.Priority.EMERGENCY;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.courtyard.kiosk.core.CadreBroadcast;
import org.courtyard.kiosk.core.CadreView;
import org.courtyard.kiosk.core.ShownAnnouncement;

/**
 * The cadre's 立即播放: the current announcements newest first, one big button each (紧急 ones red,
 * ones whose audio has not arrived grey and marked so), a few to a page with 下一页 instead of
 * scrolling. A tap broadcasts it over the loudspeaker at once; while it plays the list gives way to
 * what is playing and a big 停止播放. What could not be done, or how the play ended, is the line on
 * top, in the words the kiosk also speaks.
 */
final class CadrePlayPage extends VBox {

    /** Most announcements on one page. */
    static final int MAX_ROWS = 4;

    private final KioskView view;
    private final KioskViewModel model;
    private final Label message = KioskView.label("");
    private final VBox rows = new VBox();
    private final Button stop;
    private final Button next;
    private final Button menu;
    private final HBox bottom = new HBox();
    private final List<Button> announcementButtons = new ArrayList<>();
    private List<ShownAnnouncement> announcements = List.of();
    private CadreView cadre = CadreView.NONE;
    private int page;
    private int perPage = 1;
    private double width = 800;
    private double base = KioskView.MIN_TEXT_PX;
    private double rowHeight = KioskView.MIN_TARGET_PX;
    private double gap = 12;

    CadrePlayPage(KioskView view, KioskViewModel model) {
        this.view = view;
        this.model = model;
        getStyleClass().addAll("announcements-screen", "cadre-play-page");
        message.getStyleClass().addAll("screen-text", "page-title");
        stop = view.button("cadre.play.stop", Icon.cancel(), "help-button", model::cadreStopPlay);
        next = view.button("checkin.next-page", Icon.forward(), "plain-button", this::nextPage);
        menu = view.button("cadre.menu", Icon.cadre(), "plain-button", model::cadreMenu);
        for (Button button : List.of(next, menu)) {
            button.setContentDisplay(ContentDisplay.TEXT_ONLY);
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bottom.getChildren().addAll(next, spacer, menu);
        bottom.setAlignment(Pos.CENTER);
        rows.setAlignment(Pos.CENTER);
        VBox.setVgrow(rows, Priority.ALWAYS);
        setAlignment(Pos.TOP_CENTER);
        getChildren().addAll(message, rows, bottom);
        model.announcementsProperty().addListener((obs, was, now) -> {
            announcements = now;
            render();
        });
        model.cadreProperty().addListener((obs, was, now) -> {
            cadre = now;
            render();
        });
        announcements = model.announcementsProperty().get();
        cadre = model.cadreProperty().get();
        render();
    }

    /** The screen was opened anew: the newest announcements again. */
    void opened() {
        page = 0;
        render();
    }

    private void nextPage() {
        int pages = pages();
        page = pages == 0 ? 0 : (page + 1) % pages;
        render();
    }

    private int pages() {
        return (announcements.size() + perPage - 1) / perPage;
    }

    private void render() {
        CadreBroadcast broadcast = cadre.broadcast();
        boolean playing = broadcast.phase() == CadreBroadcast.Phase.PLAYING;
        message.setText(messageText(broadcast));
        announcementButtons.clear();
        if (playing) {
            rows.getChildren().setAll(stop);
        } else {
            page = Math.min(page, Math.max(0, pages() - 1));
            int from = page * perPage;
            for (ShownAnnouncement announcement : announcements.subList(Math.min(from, announcements.size()),
                    Math.min(from + perPage, announcements.size()))) {
                announcementButtons.add(announcementButton(announcement));
            }
            rows.getChildren().setAll(announcementButtons);
        }
        int pages = pages();
        boolean paging = !playing && pages > 1;
        next.setText(view.text("checkin.next-page") + (paging ? " " + (page + 1) + "/" + pages : ""));
        next.setVisible(paging);
        size();
    }

    private String messageText(CadreBroadcast broadcast) {
        return switch (broadcast.phase()) {
            case PLAYING -> playingText(broadcast.title());
            case PLAYED -> view.text(broadcast.noticeKey());
            default -> broadcast.noticeKey() != null ? view.text(broadcast.noticeKey())
                    : announcements.isEmpty() ? view.text("cadre.play.none") : view.text("cadre.play.title");
        };
    }

    /** 正在用大喇叭播放：TITLE, the title cut with … to keep to two lines. */
    private String playingText(String title) {
        String text = view.text("cadre.play.playing", title);
        int room = 2 * (int) Math.floor(width / (base * 1.1)) - 1;
        if (text.length() <= room) {
            return text;
        }
        int cut = Math.max(1, title.length() - (text.length() - room) - 1);
        return view.text("cadre.play.playing", title.substring(0, cut) + "…");
    }

    private Button announcementButton(ShownAnnouncement announcement) {
        String style = !announcement.playable() ? "plain-button"
                : announcement.priority() == EMERGENCY ? "help-button"
                : "announcements-button";
        Button button = view.button("cadre.action.play-now", Icon.announcements(), style,
                () -> model.cadrePlayNow(announcement.id()));
        button.getStyleClass().add("cadre-announcement");
        button.setUserData(announcement.id());
        boolean emergency = announcement.priority() == EMERGENCY;
        String prefix = emergency ? view.text("announcements.emergency") + "：" : "";
        String suffix = announcement.playable() ? ""
                : view.text(announcement.recorded() ? "cadre.play.no-audio" : "cadre.play.text-only");
        button.setText(fit(prefix, announcement.title(), suffix));
        button.setContentDisplay(ContentDisplay.LEFT);
        button.setAlignment(Pos.CENTER_LEFT);
        button.setMaxWidth(Double.MAX_VALUE);
        return button;
    }

    /** The title cut with … so that the whole line fits the button on one line (nothing is cut by the screen). */
    private String fit(String prefix, String title, String suffix) {
        double icon = Math.round(rowHeight * 0.5);
        int room = (int) Math.floor((width - icon - 2.5 * gap) / (base * 1.05)) - prefix.length() - suffix.length();
        String shown = title.length() <= room ? title : title.substring(0, Math.max(1, room - 1)) + "…";
        return prefix + shown + suffix;
    }

    void layOut(double width, double height, double base, double gap) {
        this.width = width;
        this.base = base;
        this.gap = gap;
        setSpacing(gap / 2);
        rows.setSpacing(gap / 2);
        bottom.setSpacing(gap);
        message.setMaxWidth(width);
        message.setMinHeight(Region.USE_PREF_SIZE);
        double button = Math.max(KioskView.MIN_TARGET_PX, Math.round(base * 2));
        // Two lines for the message (what plays is cut to fit them), the bottom row and the gaps.
        double listHeight = height - base * 1.45 * 2 - button - gap * 1.5;
        rowHeight = Math.max(KioskView.MIN_TARGET_PX, Math.round(Math.min(base * 2.6, button * 1.3)));
        int fitting = (int) Math.floor((listHeight + gap / 2) / (rowHeight + gap / 2));
        perPage = Math.max(1, Math.min(MAX_ROWS, fitting));
        for (Button b : List.of(next, menu)) {
            b.setMinHeight(button);
            b.setPrefHeight(button);
        }
        // The stop button takes what the list would; the page's VBox gives it the room there is.
        stop.setMinHeight(Math.max(KioskView.MIN_TARGET_PX, base * 2.2));
        stop.setPrefHeight(Math.max(base * 2.2, Math.min(listHeight, base * 3)));
        stop.setMaxHeight(Math.max(base * 2.2, listHeight));
        stop.setPrefWidth(width * 0.7);
        stop.setMaxWidth(width);
        ((Icon) stop.getGraphic()).size(Math.round(Math.min(base * 1.5, KioskView.MIN_TARGET_PX * 0.6)));
        stop.setStyle("-fx-graphic-text-gap: " + gap + "px;");
        render();
    }

    private void size() {
        for (Button b : announcementButtons) {
            b.setMinHeight(rowHeight);
            b.setPrefHeight(rowHeight);
            b.setMinWidth(KioskView.MIN_TARGET_PX);
            ((Icon) b.getGraphic()).size(Math.round(rowHeight * 0.5));
            b.setStyle("-fx-graphic-text-gap: " + gap / 2 + "px; -fx-padding: 0 " + gap / 2 + "px;");
        }
    }
}
