package org.courtyard.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.courtyard.kiosk.cadre.CadreController;
import org.courtyard.kiosk.core.CadreView;

/**
 * The cadre's visit record, in three steps on one screen: whom (the residents' tiles), which note
 * (three preset notes and 不写备注, since typing on a kiosk is hard), and "saved" with 再记一次 and
 * 回到菜单.
 */
final class VisitPage extends StackPane {

    private final TileGrid tiles;
    private final VBox note;
    private final Label noteTitle = KioskView.label("");
    private final ButtonGrid notes;
    private final List<Button> noteButtons = new ArrayList<>();
    private final VBox done;
    private final Label doneText = KioskView.label("");
    private final ButtonGrid doneButtons;

    VisitPage(KioskView view, KioskViewModel model) {
        getStyleClass().addAll("checkin-screen", "visit-page");
        tiles = new TileGrid(view, "cadre.visit.title", model::visitResident);
        noteTitle.getStyleClass().addAll("screen-text", "visit-title");
        for (String key : CadreController.NOTES) {
            noteButtons.add(view.button(key, Icon.ok(), "checkin-button", () -> model.visitNote(key)));
        }
        noteButtons.add(view.button("cadre.note.none", Icon.cancel(), "plain-button", () -> model.visitNote(null)));
        notes = new ButtonGrid(noteButtons);
        note = new VBox(noteTitle, notes);
        note.setAlignment(Pos.CENTER);
        doneText.getStyleClass().addAll("screen-text", "thanks-name");
        doneButtons = new ButtonGrid(List.of(
                view.button("cadre.visit.again", Icon.visit(), "checkin-button", model::anotherVisit),
                view.button("cadre.menu", Icon.cadre(), "plain-button", model::cadreMenu)));
        done = new VBox(doneText, doneButtons);
        done.setAlignment(Pos.CENTER);
        model.cadreProperty().addListener((obs, was, now) -> show(now, model));
        model.checkInProperty().addListener((obs, was, now) -> tiles.setResidents(now.residents()));
        tiles.setResidents(model.checkInProperty().get().residents());
        show(model.cadreProperty().get(), model);
    }

    /** The screen was opened anew: the first page of tiles again. */
    void opened() {
        tiles.firstPage();
    }

    TileGrid tiles() {
        return tiles;
    }

    private void show(CadreView cadre, KioskViewModel model) {
        switch (cadre.visitStep()) {
            case PICK -> getChildren().setAll(tiles);
            case NOTE -> {
                noteTitle.setText(model.text("cadre.visit.note.title", cadre.visitResident() == null ? ""
                        : cadre.visitResident().name()));
                getChildren().setAll(note);
            }
            case DONE -> {
                doneText.setText(model.text("cadre.visit.done", cadre.cadreName() == null ? "" : cadre.cadreName(),
                        cadre.visitResident() == null ? "" : cadre.visitResident().name()));
                getChildren().setAll(done);
            }
        }
    }

    void layOut(double width, double height, double base, double gap) {
        tiles.layOut(width, height, base, gap);
        note.setSpacing(gap / 2);
        noteTitle.setMaxWidth(width);
        notes.layOut(width, Math.max(2 * KioskView.MIN_TARGET_PX + gap, height - base * 1.6 - gap / 2), base, gap);
        done.setSpacing(gap / 2);
        doneText.setMaxWidth(width);
        // The done sentence (1.2 times the base) may take two lines on a narrow screen; the buttons the rest.
        double lines = width < base * 1.2 * 16 ? 2 : 1;
        doneButtons.layOut(width, Math.max(2 * KioskView.MIN_TARGET_PX + gap, height - base * 1.2 * 1.5 * lines
                - gap), base, gap);
    }
}
