package org.courtyard.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/**
 * The first-run screen: where a technician tells a fresh kiosk its hub and enrolment code. Two
 * pages, each with its own keys: the address with a keyboard of the characters a web address
 * needs (a USB keyboard works too), then the code as eight big digits on a phone-style pad.
 * Every key is at least {@link #MIN_KEY_PX} square so it can be hit on a small touch screen.
 * Node ids ({@code enrol-address}, {@code key-a}, {@code digit-4}, {@code enrol-submit},
 * {@code enrol-message}) let tests and screenshots find them.
 */
final class FirstRunScreen {

    /** Smallest key: 12 mm at 96 dpi. This screen is for a technician, not an elder. */
    static final double MIN_KEY_PX = 46;

    private static final List<String> KEY_ROWS = List.of("1234567890", "qwertyuiop", "asdfghjkl:", "zxcvbnm./-");

    private final FirstRunViewModel model;
    private final BorderPane root = new BorderPane();
    private final TextField address = new TextField();
    private final Label code = new Label();
    private final Label message = new Label();
    private final Label title = new Label();
    private final Label intro = new Label();
    private final VBox addressPage = new VBox();
    private final VBox codePage = new VBox();
    private final List<Button> keys = new ArrayList<>();
    private final List<Button> commands = new ArrayList<>();
    private final String fontFamily;

    FirstRunScreen(FirstRunViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.fontFamily = KioskView.chooseFontFamily();
        title.setText(model.text("enrol.title"));
        title.getStyleClass().addAll("screen-text", "enrol-title");
        intro.setText(model.text("enrol.intro"));
        intro.getStyleClass().add("screen-text");
        intro.setWrapText(true);
        VBox top = new VBox(title, intro);
        top.setAlignment(Pos.CENTER_LEFT);
        root.setTop(top);

        buildAddressPage();
        buildCodePage();
        StackPane pages = new StackPane(addressPage, codePage);
        root.setCenter(pages);

        message.setId("enrol-message");
        message.getStyleClass().addAll("screen-text", "enrol-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        root.setBottom(message);

        model.stepProperty().addListener((obs, was, now) -> show(now));
        show(model.stepProperty().get());
    }

    Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(KioskView.class.getResource("kiosk.css"),
                "kiosk.css is missing from the jar").toExternalForm());
        scene.widthProperty().addListener((obs, was, now) -> resize(scene.getWidth(), scene.getHeight()));
        scene.heightProperty().addListener((obs, was, now) -> resize(scene.getWidth(), scene.getHeight()));
        resize(width, height);
        return scene;
    }

    private void buildAddressPage() {
        Label label = new Label(model.text("enrol.address"));
        label.getStyleClass().add("screen-text");
        address.setId("enrol-address");
        address.setText(model.addressProperty().get());
        model.addressProperty().addListener((obs, was, now) -> {
            if (!now.equals(address.getText())) {
                address.setText(now);
                address.positionCaret(now.length());
            }
        });
        address.textProperty().addListener((obs, was, now) -> model.editAddress(now));
        address.setOnAction(event -> model.next());

        GridPane keyboard = new GridPane();
        keyboard.getStyleClass().add("enrol-keyboard");
        keyboard.setAlignment(Pos.CENTER);
        for (int row = 0; row < KEY_ROWS.size(); row++) {
            String characters = KEY_ROWS.get(row);
            for (int column = 0; column < characters.length(); column++) {
                String character = String.valueOf(characters.charAt(column));
                Button key = key(character, "key-" + keyName(character), () -> model.type(character));
                keyboard.add(key, column, row);
            }
        }
        HBox actions = new HBox(
                command("enrol.delete", "enrol-delete", model::delete),
                command("enrol.clear", "enrol-clear", model::clearAddress),
                command("enrol.next", "enrol-next", model::next));
        actions.setAlignment(Pos.CENTER);
        addressPage.getChildren().addAll(label, address, keyboard, actions);
        addressPage.setAlignment(Pos.TOP_CENTER);
    }

    private void buildCodePage() {
        Label label = new Label(model.text("enrol.code"));
        label.getStyleClass().add("screen-text");
        code.setId("enrol-code");
        code.getStyleClass().addAll("screen-text", "enrol-code");
        code.textProperty().bind(model.codeTextProperty());

        GridPane pad = new GridPane();
        pad.setAlignment(Pos.CENTER);
        for (int digit = 1; digit <= 9; digit++) {
            int value = digit;
            pad.add(key(String.valueOf(digit), "digit-" + digit, () -> model.digit(value)), (digit - 1) % 3,
                    (digit - 1) / 3);
        }
        pad.add(command("enrol.delete", "digit-delete", model::delete), 0, 3);
        pad.add(key("0", "digit-0", () -> model.digit(0)), 1, 3);
        Button submit = command("enrol.submit", "enrol-submit", model::submit);
        submit.getStyleClass().add("checkin-button");
        pad.add(submit, 2, 3);
        HBox actions = new HBox(command("enrol.back", "enrol-back", model::back));
        actions.setAlignment(Pos.CENTER);
        codePage.getChildren().addAll(label, code, pad, actions);
        codePage.setAlignment(Pos.TOP_CENTER);
    }

    private void show(FirstRunViewModel.Step step) {
        boolean addressing = step == FirstRunViewModel.Step.ADDRESS;
        addressPage.setVisible(addressing);
        codePage.setVisible(!addressing);
        boolean busy = step == FirstRunViewModel.Step.BUSY || step == FirstRunViewModel.Step.DONE;
        codePage.setDisable(busy);
    }

    /** Keys and text from the window: ten keys must fit across, and six rows of them down. */
    private void resize(double width, double height) {
        if (width <= 0 || height <= 0) {
            return;
        }
        double key = Math.max(MIN_KEY_PX, Math.floor(Math.min((width - 40) / 10.5, (height - 40) / 8.5)));
        double text = Math.max(16, Math.round(key * 0.4));
        double gap = Math.round(key * 0.12);
        root.setStyle("-fx-font-family: \"" + fontFamily + "\"; -fx-font-size: " + text + "px;");
        root.setPadding(new Insets(gap));
        for (Button button : keys) {
            button.setMinSize(key, key);
            button.setPrefSize(key, key);
            button.setStyle("-fx-font-size: " + Math.round(key * 0.5) + "px; -fx-padding: 0;");
        }
        for (Button button : commands) {
            button.setMinHeight(key);
            button.setPrefHeight(key);
            button.setMinWidth(key * 2);
            button.setStyle("-fx-padding: 0 " + gap + "px;");
        }
        address.setStyle("-fx-font-size: " + Math.round(key * 0.45) + "px;");
        address.setMaxWidth(key * 10.5);
        code.setStyle("-fx-font-size: " + Math.round(key * 0.9) + "px;");
        for (Node node : List.of(addressPage, codePage)) {
            ((VBox) node).setSpacing(gap);
        }
        for (Node page : List.of(addressPage, codePage)) {
            for (Node child : ((VBox) page).getChildren()) {
                if (child instanceof GridPane grid) {
                    grid.setHgap(gap / 2);
                    grid.setVgap(gap / 2);
                } else if (child instanceof HBox box) {
                    box.setSpacing(gap);
                }
            }
        }
    }

    private Button key(String label, String id, Runnable action) {
        Button button = new Button(label);
        button.setId(id);
        button.getStyleClass().addAll("kiosk-button", "plain-button", "enrol-key");
        button.setFocusTraversable(false);
        button.setOnAction(event -> action.run());
        keys.add(button);
        return button;
    }

    private Button command(String textKey, String id, Runnable action) {
        Button button = new Button(model.text(textKey));
        button.setId(id);
        button.getStyleClass().addAll("kiosk-button", "plain-button");
        button.setFocusTraversable(false);
        button.setWrapText(false);
        button.setTextAlignment(TextAlignment.CENTER);
        button.setOnAction(event -> action.run());
        commands.add(button);
        return button;
    }

    /** A node id for a key: letters and digits as they are, punctuation by name. */
    private static String keyName(String character) {
        return switch (character) {
            case ":" -> "colon";
            case "." -> "dot";
            case "/" -> "slash";
            case "-" -> "dash";
            default -> character;
        };
    }
}
