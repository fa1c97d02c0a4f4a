package org.courtyard.kiosk.ui;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.protocol.HelpCategory;

/**
 * The help screen: the request's state in words (with 按错了 beside it, smaller than the answers
 * below, while it can be taken back), then what the kiosk asks after sending: 紧急/看病/生活/其他
 * beside 「您是哪一位？」 with the residents' photo tiles where the screen is wide enough for both
 * ({@value #SIDE_BY_SIDE_PX} px); on a smaller one 「您是哪一位？」 first, with the whole width for the
 * tiles, and the categories once it is answered (at most four choices at a time). 按错了 asks
 * 「确定取消求助吗？」 with two big answers; while the link has long been down with the request unsent,
 * the village's duty phone in large digits takes the place of the questions. Once the request is over, the red 求助 again.
 */
final class HelpPage extends VBox {

    /** From this width on the categories and the tiles are side by side. */
    static final double SIDE_BY_SIDE_PX = 1200;

    private final KioskViewModel model;
    private final Label status = new Label();
    private final Button cancel;
    private final HBox top;
    private final Label chosen = KioskView.label("");
    private final GridPane categories = new GridPane();
    private final List<Button> categoryButtons;
    private final TileGrid who;
    private final HBox questions;
    private final Label confirmQuestion;
    private final ButtonGrid confirmAnswers;
    private final VBox confirm;
    private final Label phoneTitle;
    private final Label phone = new Label();
    private final VBox dutyPhone;
    private final Button helpAgain;
    private final BooleanProperty sideBySide = new SimpleBooleanProperty();
    /** The last {@link #layOut} arguments, to lay out again when the state's line or what shows changes. */
    private double[] size;

    HelpPage(KioskView view, KioskViewModel model) {
        this.model = model;
        getStyleClass().add("help-screen");
        setAlignment(Pos.TOP_CENTER);

        status.getStyleClass().addAll("screen-text", "help-status", "help-state");
        status.setWrapText(true);
        status.setTextAlignment(TextAlignment.LEFT);
        status.setAlignment(Pos.CENTER_LEFT);
        status.setMaxWidth(Double.MAX_VALUE);
        status.textProperty().bind(model.helpTextProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        cancel = view.button("help.cancel", Icon.cancel(), "cancel-button", model::cancelHelp);
        showWhen(cancel, model.cancelVisibleProperty());
        top = new HBox(status, cancel);
        top.setAlignment(Pos.CENTER_LEFT);

        chosen.getStyleClass().addAll("screen-text", "help-who-chosen");
        chosen.textProperty().bind(model.whoChosenProperty());
        showWhen(chosen, model.whoChosenProperty().isNotEmpty());

        categoryButtons = Arrays.stream(HelpCategory.values())
                .map(category -> {
                    Button button = new Button(model.text("help.category." + category.name()));
                    button.getStyleClass().addAll("kiosk-button", "plain-button", "category-button");
                    button.setFocusTraversable(false);
                    button.setWrapText(false);
                    button.setOnAction(event -> model.chooseCategory(category));
                    return button;
                })
                .toList();
        categories.getStyleClass().add("categories");
        categories.setAlignment(Pos.CENTER);
        showWhen(categories, model.categoryVisibleProperty().and(sideBySide.or(model.whoVisibleProperty().not())));
        who = new TileGrid(view, "help.who.title", model::chooseResident);
        who.getStyleClass().add("help-who");
        showWhen(who, model.whoVisibleProperty());
        HBox.setHgrow(who, Priority.ALWAYS);
        model.checkInProperty().addListener((obs, was, now) -> who.setResidents(now.residents()));
        who.setResidents(model.checkInProperty().get().residents());
        model.whoVisibleProperty().addListener((obs, was, now) -> {
            if (now) {
                who.firstPage();
            }
        });
        questions = new HBox(categories, who);
        questions.setAlignment(Pos.CENTER);
        VBox.setVgrow(questions, Priority.ALWAYS);

        confirmQuestion = KioskView.label(model.text("help.cancel.confirm"));
        confirmQuestion.getStyleClass().addAll("screen-text", "help-status");
        confirmAnswers = new ButtonGrid(List.of(
                view.button("help.cancel.yes", Icon.cancel(), "cancel-button", model::confirmCancel),
                view.button("help.cancel.no", Icon.help(), "help-button", model::keepRequest)));
        confirm = new VBox(confirmQuestion, confirmAnswers);
        confirm.setAlignment(Pos.CENTER);
        showWhen(confirm, model.confirmVisibleProperty());

        phoneTitle = KioskView.label(model.text("help.duty-phone.title"));
        phoneTitle.getStyleClass().addAll("screen-text", "duty-phone-title");
        phone.getStyleClass().add("duty-phone");
        phone.textProperty().bind(model.dutyPhoneProperty());
        phone.setMinWidth(Region.USE_PREF_SIZE);
        dutyPhone = new VBox(phoneTitle, phone);
        dutyPhone.setAlignment(Pos.CENTER);
        dutyPhone.getStyleClass().add("duty-phone-box");
        showWhen(dutyPhone, model.dutyPhoneProperty().isNotEmpty());

        helpAgain = view.button("home.help", Icon.help(), "help-button", model::help);
        helpAgain.getStyleClass().add("big-button");
        showWhen(helpAgain, model.helpAgainVisibleProperty());

        getChildren().addAll(top, chosen, dutyPhone, confirm, questions, helpAgain);
        // The state's line may wrap to more lines (offline it says more); the parts below get what is left.
        for (Observable change : List.of(status.textProperty(), cancel.visibleProperty(),
                chosen.visibleProperty())) {
            change.addListener(observable -> {
                if (size != null) {
                    layOut(size[0], size[1], size[2], size[3]);
                }
            });
        }
        model.helpStatusProperty().addListener((obs, was, now) -> styleStatus(now));
        styleStatus(model.helpStatusProperty().get());
        // Offline the state's line is plain ink: the green of 已收到 is the hub's word, not news.
        model.bandStyleProperty().addListener((obs, was, now) -> styleStatus(model.helpStatusProperty().get()));
    }

    /**
     * Sizes the parts in {@code width} x {@code height}: 按错了 at the smallest touch target, the
     * categories in a column of two beside the tiles (or alone, full width, when nobody is asked
     * for), the cancel question's answers and the duty phone as large as the space allows.
     */
    void layOut(double width, double height, double base, double gap) {
        size = new double[] {width, height, base, gap};
        setSpacing(gap / 2);
        top.setSpacing(gap);
        double small = KioskView.MIN_TARGET_PX;
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        // Smaller than the answers below it, but a full touch target with its words whole.
        double cancelFont = Math.max(KioskView.MIN_TEXT_PX, Math.round(base * 0.8));
        cancel.setStyle("-fx-font-size: " + cancelFont + "px; -fx-graphic-text-gap: " + gap / 2 + "px;");
        ((Icon) cancel.getGraphic()).size(Math.round(cancelFont));

        double cancelHeight = Math.max(small, Math.round(cancelFont * 2.2));
        cancel.setMinHeight(cancelHeight);
        cancel.setPrefHeight(cancelHeight);
        // The state's line wraps rather than cut off; the lines it needs come off the questions below.
        double statusFont = Math.max(KioskView.MIN_TEXT_PX, Math.round(base * 0.9));
        status.setStyle("-fx-font-size: " + statusFont + "px;");
        double statusWidth = width - (cancel.isVisible() ? base * 5 + gap : 0);
        // Wrapped at the width it has (CJK text has no spaces to break at, so its own minimum would be one line).
        status.setMinWidth(0);
        status.setPrefWidth(statusWidth);
        status.setMinHeight(Region.USE_PREF_SIZE);
        long lines = Math.max(1, (long) Math.ceil(status.getText().length() * statusFont * 1.05 / statusWidth));
        double topHeight = Math.max(cancelHeight, lines * statusFont * 1.5);
        chosen.setStyle("-fx-font-size: " + base + "px;");
        double chosenHeight = chosen.isVisible() ? base * 1.5 + gap / 2 : 0;
        double body = Math.max(small, height - topHeight - chosenHeight - gap);
        sideBySide.set(width >= SIDE_BY_SIDE_PX);
        double categoryWidth = sideBySide.get() ? Math.floor(Math.min(width * 0.3, base * 6)) : width;
        // Beside the tiles: two columns; alone: one row of four where they fit, else two rows of two.
        int columns = !sideBySide.get() && width >= 4 * base * 3.5 ? 4 : 2;
        layOutCategories(categoryWidth, body, columns, base, gap);
        questions.setSpacing(gap);
        who.layOut(sideBySide.get() ? Math.floor(width - categoryWidth - gap) - 1 : width, body, base, gap);
        questions.setPrefHeight(body);

        confirm.setSpacing(gap);
        confirmAnswers.layOut(width, Math.max(small, body - base * 2), base, gap);
        phoneTitle.setStyle("-fx-font-size: " + base + "px;");
        phoneTitle.setMaxWidth(width);
        phoneTitle.setMinHeight(Region.USE_PREF_SIZE);
        // Eleven digits and two gaps across most of the screen, as large as the height allows.
        double digits = Math.max(base * 1.5, Math.min(width / 9, body * 0.45));
        phone.setStyle("-fx-font-size: " + Math.floor(digits) + "px;");
        dutyPhone.setSpacing(gap / 2);

        double big = Math.max(small, Math.round(Math.min(height * 0.4, base * 2.8)));
        helpAgain.setMinHeight(big);
        helpAgain.setPrefHeight(big);
        helpAgain.setMinWidth(Region.USE_PREF_SIZE);
        helpAgain.setPrefWidth(Math.max(width * 0.6, small));
        helpAgain.setMaxWidth(width);
        ((Icon) helpAgain.getGraphic()).size(Math.round(big * 0.55));
        helpAgain.setStyle("-fx-graphic-text-gap: " + gap + "px;");
    }

    /** 紧急/看病/生活/其他 in {@code columns} columns in {@code width} x {@code height}, each larger than 按错了. */
    private void layOutCategories(double width, double height, int columns, double base, double gap) {
        categories.getChildren().clear();
        double between = Math.floor(gap / 2);
        categories.setHgap(between);
        categories.setVgap(between);
        int rows = categoryButtons.size() / columns;
        // Whole pixels with one to spare: the grid rounds each cell up, which must not widen the page.
        double cellWidth = Math.min(Math.floor((width - (columns - 1) * between) / columns) - 1, base * 7);
        double cellHeight = Math.max(KioskView.MIN_TARGET_PX + 4,
                Math.min(base * 3, (height - (rows - 1) * between) / rows));
        // Two characters with the button's padding: at most a third of the cell's width.
        double text = Math.max(KioskView.MIN_TEXT_PX, Math.min(base * 1.3, cellWidth / 3.4));
        for (int i = 0; i < categoryButtons.size(); i++) {
            Button button = categoryButtons.get(i);
            button.setMinSize(Math.max(KioskView.MIN_TARGET_PX, cellWidth), cellHeight);
            button.setPrefSize(cellWidth, cellHeight);
            button.setStyle("-fx-font-size: " + text + "px; -fx-padding: 0.2em 0.4em;");
            categories.add(button, i % columns, i / columns);
        }
    }

    private void styleStatus(LocalHelpStatus value) {
        status.getStyleClass().removeIf(style -> style.startsWith("help-status-"));
        status.getStyleClass().add("help-status-" + (value == null ? "none" : value.name().toLowerCase(Locale.ROOT)));
        if (model.bandStyleProperty().get().equals("band-offline")) {
            status.getStyleClass().add("help-status-offline");
        }
    }

    private static void showWhen(Node node, ObservableValue<Boolean> condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }
}
