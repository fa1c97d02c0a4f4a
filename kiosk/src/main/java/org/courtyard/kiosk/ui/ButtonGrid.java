package org.courtyard.kiosk.ui;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

/**
 * Big buttons filling a space, like the home screen's: two columns on a wide screen, one on a tall
 * one, more where the space is too short for the rows; icon beside the word where cells are wide, above it where they are tall; the word as large
 * as the cell allows for the longest word, never under {@link KioskView#MIN_TEXT_PX}. For the
 * cadre menu and the visit notes.
 */
final class ButtonGrid extends GridPane {

    private final List<Button> buttons;
    private int columns;

    ButtonGrid(List<Button> buttons) {
        this.buttons = List.copyOf(buttons);
        for (Button button : this.buttons) {
            button.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        }
    }

    void layOut(double width, double height, double base, double gap) {
        int wanted = width >= height ? Math.min(2, buttons.size()) : 1;
        // A short space: more columns, so that every row keeps a full touch target's height.
        while (wanted < buttons.size() && rowsFor(wanted) * KioskView.MIN_TARGET_PX + (rowsFor(wanted) - 1) * gap > height) {
            wanted++;
        }
        if (wanted != columns) {
            arrange(wanted);
        }
        int rows = (buttons.size() + columns - 1) / columns;
        setHgap(gap);
        setVgap(gap);
        setPrefSize(width, height);
        setMaxSize(width, height);
        double cellWidth = (width - (columns - 1) * gap) / columns;
        double cellHeight = (height - (rows - 1) * gap) / rows;
        int longest = buttons.stream().mapToInt(button -> button.getText().length()).max().orElse(1);
        fit(buttons, cellWidth, cellHeight, longest, base * 2, base, gap);
    }

    /**
     * Sizes {@code buttons} (each a word with an {@link Icon}) for cells of {@code cellWidth} x
     * {@code cellHeight}: the icon above the word where cells are tall, beside it where they are
     * wide; the word as large as the cell allows for {@code longest} characters, between
     * {@link KioskView#MIN_TEXT_PX} and {@code maxText}. In a cell too narrow for both, the icon
     * gives way, down to none: the word is what must be read.
     */
    static void fit(List<Button> buttons, double cellWidth, double cellHeight, int longest, double maxText,
            double base, double gap) {
        boolean tall = cellHeight >= cellWidth * 0.75;
        double padding = Math.round(gap / 2);
        double icon = Math.max(base * 0.8, Math.round(tall ? Math.min(cellHeight * 0.4, cellWidth * 0.45)
                : Math.min(cellHeight * 0.6, cellWidth * 0.25)));
        double textRoom = tall ? cellWidth - 2 * padding : cellWidth - 2 * padding - icon - gap;
        double text = Math.floor(Math.min(tall ? cellHeight * 0.26 : cellHeight * 0.42, textRoom / (longest + 0.5)));
        text = Math.max(KioskView.MIN_TEXT_PX, Math.min(text, maxText));
        boolean withIcon = true;
        if (!tall) {
            icon = Math.min(icon, cellWidth - 2 * padding - gap - text * (longest + 0.3));
            withIcon = icon >= base * 0.6;
        }
        for (Button button : buttons) {
            button.setContentDisplay(!withIcon ? ContentDisplay.TEXT_ONLY : tall ? ContentDisplay.TOP : ContentDisplay.LEFT);
            button.setMinSize(KioskView.MIN_TARGET_PX, KioskView.MIN_TARGET_PX);
            // Inline, because the stylesheet's padding and gap would win over setters.
            button.setStyle("-fx-font-size: " + text + "px; -fx-padding: " + padding + "px; -fx-graphic-text-gap: "
                    + (tall ? gap / 2 : gap) + "px;");
            ((Icon) button.getGraphic()).size(Math.max(1, icon));
        }
    }

    private int rowsFor(int columnCount) {
        return (buttons.size() + columnCount - 1) / columnCount;
    }

    private void arrange(int count) {
        columns = count;
        getChildren().clear();
        getColumnConstraints().clear();
        getRowConstraints().clear();
        for (int i = 0; i < buttons.size(); i++) {
            add(buttons.get(i), i % columns, i / columns);
        }
        int rows = (buttons.size() + columns - 1) / columns;
        for (int i = 0; i < columns; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / columns);
            column.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(column);
        }
        for (int i = 0; i < rows; i++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(100.0 / rows);
            row.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(row);
        }
    }
}
