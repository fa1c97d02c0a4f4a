package org.courtyard.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * A choice among up to a screenful of big green buttons under a title: the check-in screen's
 * 村民小组, or the parts by name (陈—李) of a long list. The grid takes the rows and columns that
 * give the largest buttons holding the longest word at a readable size; between buttons it leaves
 * half the usual gap, so a village's dozen groups fit the 800x480 screen.
 */
final class SectionGrid extends VBox {

    private final IntConsumer onTap;
    private final Label title;
    private final GridPane grid = new GridPane();
    private final List<Button> buttons = new ArrayList<>();
    private double width;
    private double height;
    private double base = KioskView.MIN_TEXT_PX;
    private double gap = 12;

    /** {@code onTap} is called with the index of the choice tapped. */
    SectionGrid(KioskView view, String title, IntConsumer onTap) {
        this.onTap = onTap;
        getStyleClass().add("section-grid");
        this.title = KioskView.label(title);
        this.title.getStyleClass().addAll("screen-text", "page-title");
        grid.setAlignment(Pos.CENTER);
        setAlignment(Pos.CENTER);
        getChildren().setAll(this.title, grid);
    }

    void setTitle(String value) {
        title.setText(value);
    }

    /** Shows one button per label, in order. */
    void setChoices(List<String> labels) {
        if (labels().equals(labels)) {
            return;
        }
        buttons.clear();
        for (int i = 0; i < labels.size(); i++) {
            int index = i;
            Button button = new Button(labels.get(i));
            button.getStyleClass().addAll("kiosk-button", "checkin-button", "choice-button");
            button.setFocusTraversable(false);
            button.setOnAction(event -> onTap.accept(index));
            buttons.add(button);
        }
        render();
    }

    List<String> labels() {
        return buttons.stream().map(Button::getText).toList();
    }

    void layOut(double width, double height, double base, double gap) {
        this.width = width;
        this.height = height;
        this.base = base;
        this.gap = gap;
        render();
    }

    private void render() {
        if (width <= 0 || height <= 0 || buttons.isEmpty()) {
            return;
        }
        double spacing = Math.round(gap / 2);
        setSpacing(spacing);
        title.setMaxWidth(width);
        double gridHeight = height - Math.ceil(base * 1.4) - spacing;
        int n = buttons.size();
        int longest = buttons.stream().mapToInt(b -> b.getText().codePointCount(0, b.getText().length()))
                .max().orElse(1);
        double padding = Math.round(spacing / 2);
        // Each layout's text size: what its cells allow for the longest word; the largest wins.
        int columns = 1;
        double font = 0;
        for (int c = 1; c <= n; c++) {
            int rows = (n + c - 1) / c;
            double cellWidth = (width - (c - 1) * spacing) / c;
            double cellHeight = (gridHeight - (rows - 1) * spacing) / rows;
            if (cellHeight < KioskView.MIN_TARGET_PX || cellWidth < KioskView.MIN_TARGET_PX) {
                continue;
            }
            double fits = Math.min((cellWidth - 2 * padding) / (longest + 0.4), cellHeight / 1.5);
            if (fits > font) {
                font = fits;
                columns = c;
            }
        }
        int rows = (n + columns - 1) / columns;
        double cellWidth = Math.floor((width - (columns - 1) * spacing) / columns);
        double cellHeight = Math.floor(Math.max(KioskView.MIN_TARGET_PX, (gridHeight - (rows - 1) * spacing) / rows));
        font = Math.max(KioskView.MIN_TEXT_PX, Math.min(Math.floor(font), base * 1.6));
        grid.getChildren().clear();
        grid.setHgap(spacing);
        grid.setVgap(spacing);
        for (int i = 0; i < n; i++) {
            Button button = buttons.get(i);
            button.setMinSize(cellWidth, cellHeight);
            button.setPrefSize(cellWidth, cellHeight);
            button.setMaxSize(cellWidth, cellHeight);
            button.setStyle("-fx-font-size: " + font + "px; -fx-padding: " + padding + "px;");
            grid.add(button, i % columns, i / columns);
        }
    }
}
