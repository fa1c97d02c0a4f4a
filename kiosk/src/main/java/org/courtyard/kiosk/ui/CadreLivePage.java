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
import org.courtyard.kiosk.core.CadreBroadcast;
import org.courtyard.kiosk.core.CadreView;

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
    private final HBox row = new HBox();
    private boolean wide = true;

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
        talk.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        HBox.setHgrow(talk, Priority.ALWAYS);
        menu = view.button("cadre.menu", Icon.cadre(), "plain-button", model::cadreMenu);
        menu.setContentDisplay(ContentDisplay.TEXT_ONLY);
        menu.setMinWidth(Region.USE_PREF_SIZE);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        row.setAlignment(Pos.BOTTOM_RIGHT);
        VBox.setVgrow(row, Priority.ALWAYS);
        setAlignment(Pos.TOP_CENTER);
        arrange(true);
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

    /** 回到菜单 beside the talk button on a wide screen, below it on a tall one. */
    private void arrange(boolean wideLayout) {
        wide = wideLayout;
        if (wide) {
            row.getChildren().setAll(talk, menu);
            bottom.getChildren().clear();
            getChildren().setAll(message, emergency, row);
        } else {
            row.getChildren().setAll(talk);
            bottom.getChildren().setAll(menu);
            getChildren().setAll(message, emergency, row, bottom);
        }
    }

    /**
     * The words keep the lines they need; the talk button takes all the room left (the page's
     * VBox shrinks it, never under {@link KioskView#MIN_TARGET_PX}, when the emergency line appears).
     */
    void layOut(double width, double height, double base, double gap) {
        boolean wideLayout = width >= height;
        if (wideLayout != wide) {
            arrange(wideLayout);
        }
        setSpacing(gap / 2);
        row.setSpacing(gap);
        for (Label label : java.util.List.of(message, emergency)) {
            label.setMaxWidth(width);
            label.setMinHeight(Region.USE_PREF_SIZE);
        }
        double button = Math.max(KioskView.MIN_TARGET_PX, Math.round(base * 2));
        menu.setMinHeight(button);
        menu.setPrefHeight(button);
        menu.setMaxHeight(button);
        // What the button gets at least: the window less two lines of the message, one of the
        // emergency and (tall) the menu row.
        double left = height - base * 1.4 * 1.45 * 2 - base * 1.45 * 2 - (wideLayout ? 0 : button + gap) - gap * 1.5;
        double talkHeight = Math.max(KioskView.MIN_TARGET_PX, left);
        double room = wideLayout ? width - gap - menu.prefWidth(-1) : width;
        double icon = Math.max(base, Math.round(Math.min(talkHeight * 0.5, room * 0.2)));
        double text = Math.max(KioskView.MIN_TEXT_PX, Math.floor(Math.min(base * 1.6,
                Math.min((room - icon - 2 * gap) / 5, (talkHeight - gap) / 1.5))));
        talk.setContentDisplay(ContentDisplay.LEFT);
        talk.setMinHeight(Math.max(KioskView.MIN_TARGET_PX, text * 1.5 + gap / 2));
        talk.setPrefHeight(talkHeight);
        ((Icon) talk.getGraphic()).size(Math.min(icon, Math.max(base, talkHeight - gap)));
        talk.setStyle("-fx-font-size: " + text + "px; -fx-graphic-text-gap: " + gap + "px; -fx-padding: "
                + gap / 4 + "px;");
    }
}
