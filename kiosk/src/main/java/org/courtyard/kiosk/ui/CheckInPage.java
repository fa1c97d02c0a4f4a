package org.courtyard.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import org.courtyard.kiosk.checkin.CheckInSections;
import org.courtyard.kiosk.checkin.CheckInSections.NameRange;
import org.courtyard.kiosk.core.CheckInSection;
import org.courtyard.kiosk.core.CheckInView;
import org.courtyard.kiosk.core.ResidentTile;

/**
 * 报平安, so that anyone of a village of 200 is at most three taps away. In a village of several
 * 村民小组 the groups come first; a group's residents are tiles at once when they take at most three
 * pages (the page buttons go round, so any page is one tap away), else they come in parts by name
 * (陈—李), one page each: group, part, tile. In a village without groups, a list longer than three
 * pages comes in parts of three pages: part, page button, tile. After a tap, "谢谢，已报平安" with the
 * name, 「不是我」 for a few seconds, and 下一位 for the next person; without residents (the roster has
 * not arrived), a sentence saying whom to ask.
 */
final class CheckInPage extends StackPane {

    /** Pages a list may take before it comes in parts: the first, and one tap either way. */
    static final int PAGES_IN_REACH = 3;

    private final KioskView view;
    private final KioskViewModel model;
    private final SectionGrid groups;
    private final SectionGrid parts;
    private final TileGrid tiles;
    private final VBox empty;
    private final VBox thanks;
    private final Label thanksText;
    private final Label thanksName;
    private final Icon emptyIcon = Icon.checkIn();
    private final ButtonGrid withUndo;
    private final ButtonGrid nextOnly;
    private String shownList;

    CheckInPage(KioskView view, KioskViewModel model) {
        this.view = view;
        this.model = model;
        getStyleClass().addAll("checkin-screen", "checkin-page");
        groups = new SectionGrid(view, view.text("checkin.groups.title"),
                index -> model.checkInSection(model.checkInProperty().get().sections().get(index).key()));
        parts = new SectionGrid(view, "", model::checkInPart);
        tiles = new TileGrid(view, "checkin.tiles.title", model::checkIn);
        Label emptyText = KioskView.label(model.text("checkin.empty"));
        emptyText.getStyleClass().add("screen-text");
        empty = new VBox(emptyIcon, emptyText);
        thanksText = KioskView.label(model.text("checkin.thanks"));
        thanksText.getStyleClass().addAll("screen-text", "thanks-text");
        thanksName = KioskView.label("");
        thanksName.getStyleClass().addAll("screen-text", "thanks-name");
        withUndo = new ButtonGrid(List.of(
                view.button("checkin.not-me", Icon.cancel(), "cancel-button", model::undoCheckIn),
                view.button("checkin.next-person", Icon.checkIn(), "checkin-button", model::nextCheckIn)));
        nextOnly = new ButtonGrid(List.of(view.button("checkin.next-person", Icon.checkIn(), "checkin-button",
                model::nextCheckIn)));
        thanks = new VBox(thanksText, thanksName, nextOnly);
        for (VBox box : List.of(empty, thanks)) {
            box.setAlignment(Pos.CENTER);
        }
        thanksText.setTextAlignment(TextAlignment.CENTER);
        getChildren().setAll(tiles);
        model.checkInProperty().addListener((obs, was, now) -> show());
        model.undoVisibleProperty().addListener((obs, was, now) -> show());
        model.familyProperty().addListener((obs, was, now) -> tiles.setUnheard(now.unheard()));
        tiles.setUnheard(model.familyProperty().get().unheard());
        show();
    }

    /** The screen was opened anew: the first page again. */
    void opened() {
        tiles.firstPage();
    }

    TileGrid tiles() {
        return tiles;
    }

    private void show() {
        CheckInView state = model.checkInProperty().get();
        if (state.thanked() != null) {
            thanksName.setText(state.thanked().name());
            ButtonGrid buttons = model.undoVisibleProperty().get() ? withUndo : nextOnly;
            if (thanks.getChildren().get(2) != buttons) {
                thanks.getChildren().set(2, buttons);
            }
            getChildren().setAll(thanks);
            return;
        }
        if (state.residents().isEmpty()) {
            getChildren().setAll(empty);
            return;
        }
        if (!state.sections().isEmpty() && state.chosen() == null) {
            groups.setChoices(state.sections().stream().map(this::label).toList());
            getChildren().setAll(groups);
            return;
        }
        CheckInSection chosen = state.chosen();
        List<ResidentTile> list = state.shownTiles();
        String group = chosen == null ? null : label(chosen);
        int capacity = tiles.pageCapacity();
        List<ResidentTile> shown = list;
        String listKey = (chosen == null ? "" : chosen.key()) + "#";
        // 二组：请点照片, or only the group and the names (五组 蔡—冯) where that is long enough.
        String title = group == null ? view.text("checkin.tiles.title") : view.text("checkin.section.title", group);
        if (list.size() > PAGES_IN_REACH * capacity) {
            // Under a group the part is the second tap, so it must be one page; without groups,
            // three pages are still within reach.
            List<NameRange> ranges = CheckInSections.ranges(list, chosen == null ? PAGES_IN_REACH * capacity : capacity);
            if (state.part() < 0 || state.part() >= ranges.size()) {
                parts.setTitle(group == null ? view.text("checkin.names.title")
                        : view.text("checkin.group.names.title", group));
                parts.setChoices(ranges.stream().map(this::label).toList());
                getChildren().setAll(parts);
                return;
            }
            NameRange range = ranges.get(state.part());
            shown = range.residents();
            title = group == null ? label(range) : view.text("checkin.part.title", group, label(range));
            listKey += state.part();
        }
        tiles.setTitle(title);
        if (!listKey.equals(shownList)) {
            shownList = listKey;
            tiles.setResidents(shown);
            tiles.firstPage();
        } else {
            tiles.setResidents(shown);
        }
        getChildren().setAll(tiles);
    }

    /** 三组; 其他人 for those in no group. */
    private String label(CheckInSection section) {
        return section.group() == null ? view.text("checkin.group.none") : section.group();
    }

    /** 陈—李, or 李 when the part has one surname only. */
    private String label(NameRange range) {
        return range.from().equals(range.to()) ? range.from() : view.text("checkin.names.range", range.from(), range.to());
    }

    void layOut(double width, double height, double base, double gap) {
        groups.layOut(width, height, base, gap);
        parts.layOut(width, height, base, gap);
        tiles.layOut(width, height, base, gap);
        empty.setSpacing(gap);
        thanks.setSpacing(gap / 2);
        emptyIcon.size(Math.max(KioskView.MIN_TARGET_PX, Math.round(height * 0.3)));
        thanksText.setMaxWidth(width);
        thanksName.setMaxWidth(width);
        // The buttons take what the words (1.6 and 1.2 times the base, with line spacing) leave.
        double buttons = Math.max(KioskView.MIN_TARGET_PX, height - base * 2.8 * 1.5 - gap);
        withUndo.layOut(width, buttons, base, gap);
        nextOnly.layOut(width, buttons, base, gap);
        // How many tiles a page holds decides the parts.
        show();
    }

    /** The words on the choices shown now (groups or parts), for tests; empty when tiles show. */
    List<String> choices() {
        if (getChildren().contains(groups)) {
            return new ArrayList<>(groups.labels());
        }
        return getChildren().contains(parts) ? new ArrayList<>(parts.labels()) : List.of();
    }
}
