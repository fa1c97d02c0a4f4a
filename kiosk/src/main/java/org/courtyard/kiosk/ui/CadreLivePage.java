package org.courtyard.kiosk.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.courtyard.kiosk.cadre.CadreBroadcast;
import org.courtyard.kiosk.cadre.CadreView;

/**
 * The cadre's 现场广播: one huge talk button. Pressing it starts the broadcast, letting go ends it
 * (a touch screen sends the same pressed and released events as a mouse). While it is on, the
 * button turns red and says 正在广播 in large letters; an emergency waiting for the cadre to let go
 * is a red line above it. 回到菜单 below; leaving the screen in any way ends a broadcast.
 */
final class CadreLivePage extends VBox {

    private final KioskView view;
    private final Label message = KioskView.label("");
    private final Label emergency = KioskView.label("");
    private final Button talk;
    private final Button menu;
    private final HBox bottom = new HBox();

    CadreLivePage(KioskView view, KioskViewModel model) {
        this.view = view;
        getStyleClass().add("cadre-live-page");
        message.getStyleClass().addAll("screen-text", "live-message");
        emergency.setText(view.text("cadre.live.emergency-waiting"));
        emergency.getStyleClass().addAll("screen-text", "live-emergency");
        talk = view.button("cadre.live.hold", Icon.talk(), "talk-button", () -> { });
        talk.getStyleClass().add("live-button");
        // Hold to talk: the press starts, the release ends. Not onAction, which fires on release only.
        talk.addEventHandler(MouseEvent.MOUSE_PRESSED, event -> model.pressTalk());
        talk.addEventHandler(MouseEvent.MOUSE_RELEASED, event -> model.releaseTalk());
        talk.setMaxWidth(Double.MAX_VALUE);
        VBox.setVgrow(talk, Priority.ALWAYS);
        menu = view.button("cadre.menu", Icon.cadre(), "plain-button", model::cadreMenu);
        menu.setContentDisplay(ContentDisplay.TEXT_ONLY);
        menu.setMinWidth(Region.USE_PREF_SIZE);
        bottom.getChildren().add(menu);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        setAlignment(Pos.TOP_CENTER);
        getChildren().addAll(message, emergency, talk, bottom);
        model.cadreProperty().addListener((obs, was, now) -> render(now));
        render(model.cadreProperty().get());
    }

    private void render(CadreView cadre) {
        CadreBroadcast broadcast = cadre.broadcast();
        boolean on = broadcast.phase() == CadreBroadcast.Phase.LIVE;
        message.setText(on ? view.text("cadre.live.on")
                : broadcast.noticeKey() != null ? view.text(broadcast.noticeKey()) : view.text("cadre.live.prompt"));
        message.getStyleClass().remove("live-on");
        if (on) {
            message.getStyleClass().add("live-on");
        }
        boolean waiting = on && broadcast.emergencyWaiting();
        emergency.setVisible(waiting);
        emergency.setManaged(waiting);
        talk.setText(view.text(on ? "cadre.live.release" : "cadre.live.hold"));
        talk.getStyleClass().removeAll("talk-button", "help-button");
        talk.getStyleClass().add(on ? "help-button" : "talk-button");
    }

    void layOut(double width, double height, double base, double gap) {
        setSpacing(gap / 2);
        message.setMaxWidth(width);
        message.setMinHeight(Region.USE_PREF_SIZE);
        emergency.setMaxWidth(width);
        emergency.setMinHeight(Region.USE_PREF_SIZE);
        double button = Math.max(KioskView.MIN_TARGET_PX, Math.round(base * 2));
        menu.setMinHeight(button);
        menu.setPrefHeight(button);
        // The message in 1.4 times the base (two lines on a narrow screen), the emergency line, 回到菜单.
        double lines = width < base * 1.4 * 16 ? 2 : 1;
        double talkHeight = height - base * 1.4 * 1.5 * lines - base * 1.5 * lines - button - gap * 2;
        talk.setMinHeight(KioskView.MIN_TARGET_PX);
        talk.setPrefHeight(Math.max(KioskView.MIN_TARGET_PX, talkHeight));
        talk.setMaxHeight(Math.max(KioskView.MIN_TARGET_PX, talkHeight));
        ((Icon) talk.getGraphic()).size(Math.max(base, Math.round(Math.min(talkHeight * 0.45, width * 0.2))));
        double text = Math.max(KioskView.MIN_TEXT_PX, Math.min(base * 1.6, Math.floor((width - gap * 2
                - Math.min(talkHeight * 0.45, width * 0.2) - gap) / 5.5)));
        talk.setStyle("-fx-font-size: " + text + "px; -fx-graphic-text-gap: " + gap + "px;");
        talk.setContentDisplay(width >= height ? ContentDisplay.LEFT : ContentDisplay.TOP);
    }
}
