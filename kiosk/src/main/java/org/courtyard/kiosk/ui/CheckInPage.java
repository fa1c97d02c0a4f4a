package org.courtyard.kiosk.ui;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import org.courtyard.kiosk.core.CheckInView;

/**
 * 报平安: the residents' tiles; after a tap, "谢谢，已报平安" with the name and a 下一位 button for the
 * next person; without residents (the roster has not arrived), a sentence saying whom to ask.
 */
final class CheckInPage extends StackPane {

    private final TileGrid tiles;
    private final VBox empty;
    private final VBox thanks;
    private final Label thanksText;
    private final Label thanksName;
    private final Icon emptyIcon = Icon.checkIn();
    private final ButtonGrid nextPerson;

    CheckInPage(KioskView view, KioskViewModel model) {
        getStyleClass().addAll("checkin-screen", "checkin-page");
        tiles = new TileGrid(view, "checkin.prompt", model::checkIn);
        Label emptyText = KioskView.label(model.text("checkin.empty"));
        emptyText.getStyleClass().add("screen-text");
        empty = new VBox(emptyIcon, emptyText);
        thanksText = KioskView.label(model.text("checkin.thanks"));
        thanksText.getStyleClass().addAll("screen-text", "thanks-text");
        thanksName = KioskView.label("");
        thanksName.getStyleClass().addAll("screen-text", "thanks-name");
        nextPerson = new ButtonGrid(List.of(view.button("checkin.next-person", Icon.checkIn(), "checkin-button",
                model::nextCheckIn)));
        thanks = new VBox(thanksText, thanksName, nextPerson);
        for (VBox box : List.of(empty, thanks)) {
            box.setAlignment(Pos.CENTER);
        }
        thanksText.setTextAlignment(TextAlignment.CENTER);
        getChildren().setAll(tiles);
        model.checkInProperty().addListener((obs, was, now) -> show(now));
        show(model.checkInProperty().get());
    }

    /** The screen was opened anew: the first page again. */
    void opened() {
        tiles.firstPage();
    }

    TileGrid tiles() {
        return tiles;
    }

    private void show(CheckInView view) {
        if (view.thanked() != null) {
            thanksName.setText(view.thanked().name());
            getChildren().setAll(thanks);
        } else if (view.residents().isEmpty()) {
            getChildren().setAll(empty);
        } else {
            getChildren().setAll(tiles);
        }
        tiles.setResidents(view.residents());
    }

    void layOut(double width, double height, double base, double gap) {
        tiles.layOut(width, height, base, gap);
        empty.setSpacing(gap);
        thanks.setSpacing(gap / 2);
        emptyIcon.size(Math.max(KioskView.MIN_TARGET_PX, Math.round(height * 0.3)));
        thanksText.setMaxWidth(width);
        thanksName.setMaxWidth(width);
        // The button takes what the words (1.6 and 1.2 times the base, with line spacing) leave.
        nextPerson.layOut(width, Math.max(KioskView.MIN_TARGET_PX, height - base * 2.8 * 1.5 - gap), base, gap);
    }
}
