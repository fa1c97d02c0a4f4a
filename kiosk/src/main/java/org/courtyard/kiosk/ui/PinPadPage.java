package org.courtyard.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

/**
 * The cadre's PIN pad: what to do (or what went wrong, or how long it is locked), one dot per
 * typed digit, and twelve big keys: 0 to 9, 删除 and 确定. Six keys by two rows on a wide screen,
 * three by four (like a telephone) on a tall one.
 */
final class PinPadPage extends VBox {

    private final Label message = KioskView.label("");
    private final Label dots = new Label();
    private final HBox top = new HBox();
    private final GridPane keys = new GridPane();
    private final List<Button> digitKeys = new ArrayList<>();
    private final Button erase;
    private final Button confirm;
    private boolean wide = true;

    PinPadPage(KioskView view, KioskViewModel model) {
        getStyleClass().add("pin-page");
        message.getStyleClass().addAll("screen-text", "pin-message");
        message.textProperty().bind(model.pinTextProperty());
        dots.getStyleClass().addAll("screen-text", "pin-dots");
        dots.textProperty().bind(model.pinDotsProperty());
        // While locked no digit can be typed: the dots give their line to the lock message.
        model.cadreProperty().addListener((obs, was, now) -> showDots(now));
        showDots(model.cadreProperty().get());
        for (int digit = 0; digit <= 9; digit++) {
            int value = digit;
            Button key = new Button(Integer.toString(digit));
            key.getStyleClass().addAll("kiosk-button", "plain-button", "pin-key");
            key.setFocusTraversable(false);
            key.setOnAction(event -> model.pinDigit(value));
            key.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            digitKeys.add(key);
        }
        erase = view.button("cadre.pin.erase", Icon.erase(), "plain-button", model::pinErase);
        confirm = view.button("cadre.pin.confirm", Icon.ok(), "checkin-button", model::pinConfirm);
        // Words only: a key is as narrow as a sixth of the screen.
        erase.setContentDisplay(javafx.scene.control.ContentDisplay.TEXT_ONLY);
        confirm.setContentDisplay(javafx.scene.control.ContentDisplay.TEXT_ONLY);
        for (Button key : List.of(erase, confirm)) {
            key.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        }
        top.setAlignment(Pos.CENTER);
        setAlignment(Pos.CENTER);
        arrange(true);
    }

    private void showDots(org.courtyard.kiosk.core.CadreView cadre) {
        boolean show = cadre.answer() != org.courtyard.kiosk.core.CadreView.PinAnswer.LOCKED;
        dots.setVisible(show);
        dots.setManaged(show);
    }

    /** Keys 1 2 3 4 5 删除 / 6 7 8 9 0 确定 when wide; 1 2 3 / 4 5 6 / 7 8 9 / 删除 0 确定 when tall. */
    private void arrange(boolean wideLayout) {
        wide = wideLayout;
        // Message and dots side by side when wide, one above the other when tall.
        if (wide) {
            top.getChildren().setAll(message, dots);
            getChildren().setAll(top, keys);
        } else {
            getChildren().setAll(message, dots, keys);
        }
        keys.getChildren().clear();
        keys.getColumnConstraints().clear();
        keys.getRowConstraints().clear();
        int columns = wide ? 6 : 3;
        int rows = wide ? 2 : 4;
        List<Button> order = new ArrayList<>();
        if (wide) {
            order.addAll(List.of(digitKeys.get(1), digitKeys.get(2), digitKeys.get(3), digitKeys.get(4),
                    digitKeys.get(5), erase, digitKeys.get(6), digitKeys.get(7), digitKeys.get(8), digitKeys.get(9),
                    digitKeys.get(0), confirm));
        } else {
            for (int digit = 1; digit <= 9; digit++) {
                order.add(digitKeys.get(digit));
            }
            order.addAll(List.of(erase, digitKeys.get(0), confirm));
        }
        for (int i = 0; i < order.size(); i++) {
            keys.add(order.get(i), i % columns, i / columns);
        }
        for (int i = 0; i < columns; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / columns);
            column.setHgrow(Priority.ALWAYS);
            keys.getColumnConstraints().add(column);
        }
        for (int i = 0; i < rows; i++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(100.0 / rows);
            row.setVgrow(Priority.ALWAYS);
            keys.getRowConstraints().add(row);
        }
    }

    void layOut(double width, double height, double base, double gap) {
        boolean wideLayout = width >= height * 1.2;
        if (wideLayout != wide) {
            arrange(wideLayout);
        }
        setSpacing(gap / 2);
        top.setSpacing(gap * 2);
        message.setMaxWidth(width);
        keys.setHgap(gap / 2);
        keys.setVgap(gap / 2);
        // Tall: the message may wrap to two lines; it keeps the height it needs, the keys take the rest.
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        double topHeight = base * 1.6 * (wideLayout ? 1 : 3);
        int rows = wideLayout ? 2 : 4;
        double keysHeight = Math.max(KioskView.MIN_TARGET_PX * rows + (rows - 1) * gap / 2, height - topHeight - gap);
        keys.setPrefSize(width, keysHeight);
        keys.setMaxSize(width, keysHeight);
        double keyHeight = (keysHeight - (rows - 1) * gap / 2) / rows;
        double keyFont = Math.max(KioskView.MIN_TEXT_PX, Math.round(Math.min(base * 1.3, keyHeight * 0.55)));
        for (Button key : digitKeys) {
            key.setMinSize(KioskView.MIN_TARGET_PX, KioskView.MIN_TARGET_PX);
            key.setStyle("-fx-font-size: " + keyFont + "px; -fx-padding: " + gap / 4 + "px;");
        }
        for (Button key : List.of(erase, confirm)) {
            key.setMinSize(KioskView.MIN_TARGET_PX, KioskView.MIN_TARGET_PX);
            key.setStyle("-fx-padding: " + gap / 4 + "px;");
        }
    }
}
