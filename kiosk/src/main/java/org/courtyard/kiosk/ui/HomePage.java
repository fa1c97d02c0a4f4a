package org.courtyard.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;

/**
 * The home screen, for elders: 求助 takes at least {@link #HELP_SHARE} of the whole window (while
 * a request is open, 求助中 and the help band above the page together: the band is help's state)
 * and stands apart (a wider gap and a rule between it and the rest); 报平安, 听通知 and, only while the
 * voice works, 说话 share the other side. Landscape: 求助 on the left, the others stacked on the
 * right; portrait: 求助 on top, the others side by side below. Help is always first, where the eye
 * starts, so an elder who learnt "the big red one" finds it on any kiosk.
 */
final class HomePage extends GridPane {

    /** The least share of the window's area that 求助 takes. */
    static final double HELP_SHARE = 0.40;
    /** The share it is laid out for: a margin over {@link #HELP_SHARE} for the estimated chrome. */
    private static final double HELP_TARGET = 0.45;

    private final Button help;
    private final List<Button> others;
    private final Button talk;
    private final Region divider = new Region();
    private double width;
    private double height;
    private double windowArea;
    private double bandArea;
    private double base;
    private double gap;

    HomePage(KioskView view, KioskViewModel model) {
        getStyleClass().add("home");
        help = view.button("home.help", Icon.help(), "help-button", model::help);
        help.getStyleClass().add("home-help");
        // 求助中 while a request is open; a press then opens its status (and counts as a press again).
        help.textProperty().bind(Bindings.when(model.helpOpenProperty())
                .then(model.text("home.help.open")).otherwise(model.text("home.help")));
        Button checkIn = view.button("home.checkin", Icon.checkIn(), "checkin-button", model::checkIn);
        Button announcements = view.button("home.announcements", Icon.announcements(), "announcements-button",
                model::announcements);
        talk = view.button("home.talk", Icon.talk(), "talk-button", model::talk);
        others = List.of(checkIn, announcements, talk);
        for (Button button : allButtons()) {
            button.getStyleClass().add("home-button");
            button.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        }
        divider.getStyleClass().add("home-divider");
        divider.setMouseTransparent(true);
        talk.visibleProperty().bind(model.talkVisibleProperty());
        talk.managedProperty().bind(model.talkVisibleProperty());
        model.talkVisibleProperty().addListener((obs, was, now) -> arrange());
        // Its word's size follows the word: 求助中 is longer than 求助.
        help.textProperty().addListener((obs, was, now) -> arrange());
    }

    /** The red 求助 button. */
    Button help() {
        return help;
    }

    private List<Button> allButtons() {
        List<Button> all = new ArrayList<>();
        all.add(help);
        all.addAll(others);
        return all;
    }

    /**
     * Lays the page out in {@code width} x {@code height} of a window of {@code windowArea} px², below
     * the help band of {@code bandArea} px² (0 while no request is open), which counts towards
     * help's share. Text sizes follow each cell so the longest word fits on one line, never under
     * {@link KioskView#MIN_TEXT_PX}.
     */
    void layOut(double width, double height, double windowArea, double bandArea, double base, double gap) {
        this.width = width;
        this.height = height;
        this.windowArea = windowArea;
        this.bandArea = bandArea;
        this.base = base;
        this.gap = gap;
        arrange();
    }

    private void arrange() {
        if (width <= 0 || height <= 0) {
            return;
        }
        List<Button> shown = others.stream().filter(button -> button != talk || talk.isVisible()).toList();
        int n = shown.size();
        boolean wide = width >= height;
        // Apart: the gap beside 求助 is wider than between the others, with a rule in its middle.
        double apart = Math.round(gap * 2.5);
        double along = wide ? width : height;
        double across = wide ? height : width;
        // The others need room for their word (three characters at the smallest size) with a small
        // icon beside it.
        double othersMin = Math.max(KioskView.MIN_TARGET_PX,
                wide ? KioskView.MIN_TEXT_PX * 3.5 + base * 0.9 + 2.5 * gap : base * 2.6);
        double helpSide = Math.ceil((HELP_TARGET * windowArea - bandArea) / across);
        helpSide = Math.max(along * 0.5, Math.min(helpSide, along - apart - othersMin));

        getChildren().clear();
        getColumnConstraints().clear();
        getRowConstraints().clear();
        setHgap(wide ? 0 : gap);
        setVgap(wide ? gap : 0);
        // Shares rather than sizes: the height is an estimate, and the grid must fit the real one.
        List<Double> mainTrack = List.of(helpSide, apart, along - helpSide - apart);
        for (double size : mainTrack) {
            if (wide) {
                ColumnConstraints column = new ColumnConstraints();
                column.setPercentWidth(100 * size / along);
                getColumnConstraints().add(column);
            } else {
                RowConstraints row = new RowConstraints();
                row.setPercentHeight(100 * size / along);
                getRowConstraints().add(row);
            }
        }
        for (int i = 0; i < n; i++) {
            if (wide) {
                RowConstraints row = new RowConstraints();
                row.setPercentHeight(100.0 / n);
                row.setVgrow(Priority.ALWAYS);
                getRowConstraints().add(row);
            } else {
                ColumnConstraints column = new ColumnConstraints();
                column.setPercentWidth(100.0 / n);
                column.setHgrow(Priority.ALWAYS);
                getColumnConstraints().add(column);
            }
        }
        if (wide) {
            add(help, 0, 0, 1, n);
            add(divider, 1, 0, 1, n);
            for (int i = 0; i < n; i++) {
                add(shown.get(i), 2, i);
            }
        } else {
            add(help, 0, 0, n, 1);
            add(divider, 0, 1, n, 1);
            for (int i = 0; i < n; i++) {
                add(shown.get(i), i, 2);
            }
        }
        double ruleThickness = Math.max(2, Math.round(gap / 5));
        double ruleLength = across * 0.8;
        divider.setMaxSize(wide ? ruleThickness : ruleLength, wide ? ruleLength : ruleThickness);
        GridPane.setHalignment(divider, javafx.geometry.HPos.CENTER);
        GridPane.setValignment(divider, javafx.geometry.VPos.CENTER);

        double otherAlong = along - helpSide - apart;
        double cellWidth = wide ? otherAlong : (across - (n - 1) * gap) / n;
        double cellHeight = wide ? (across - (n - 1) * gap) / n : otherAlong;
        int longest = others.stream().mapToInt(button -> button.getText().length()).max().orElse(1);
        ButtonGrid.fit(shown, cellWidth, cellHeight, longest, base * 2.2, base, gap);
        ButtonGrid.fit(List.of(help), wide ? helpSide : across, wide ? across : helpSide, help.getText().length(),
                base * 3.2, base, gap);
    }
}
