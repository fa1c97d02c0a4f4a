package org.courtyard.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.courtyard.kiosk.cadre.CadreAction;

/**
 * The cadre's menu: a greeting with their name, which devices do not work and what to do (shown
 * here, never to elders), one big button per registered cadre action (走访登记
 * built in; other features add theirs to {@code CadreController.actions()}), and 退出. The buttons are
 * made when the page is built, so actions must be added before the screen is shown.
 */
final class CadrePage extends VBox {

    private final Label greeting = KioskView.label("");
    private final Label problems = KioskView.label("");
    private final FlowPane words = new FlowPane(greeting, problems);
    private final ButtonGrid grid;
    private double[] size;

    CadrePage(KioskView view, KioskViewModel model) {
        getStyleClass().add("cadre-page");
        greeting.getStyleClass().addAll("screen-text", "cadre-greeting");
        greeting.textProperty().bind(model.cadreGreetingProperty());
        problems.getStyleClass().addAll("screen-text", "problems");
        problems.setMinHeight(Region.USE_PREF_SIZE);
        problems.textProperty().bind(model.problemsTextProperty());
        problems.visibleProperty().bind(model.problemsTextProperty().isNotEmpty());
        problems.managedProperty().bind(model.problemsTextProperty().isNotEmpty());
        for (Label label : List.of(greeting, problems)) {
            label.textProperty().addListener((obs, was, now) -> {
                if (size != null) {
                    layOut(size[0], size[1], size[2], size[3]);
                }
            });
        }
        List<Button> buttons = new ArrayList<>();
        for (CadreAction action : model.cadreActions()) {
            buttons.add(view.button(action.textKey(), Icon.named(action.icon()), action.styleClass(),
                    () -> model.cadreAction(action.id())));
        }
        buttons.add(view.button("cadre.exit", Icon.cancel(), "cancel-button", model::exitCadre));
        grid = new ButtonGrid(buttons);
        setAlignment(Pos.CENTER);
        // The greeting and the problems share a row where they fit, else the problems go under it.
        words.setAlignment(Pos.CENTER);
        words.setRowValignment(javafx.geometry.VPos.BASELINE);
        getChildren().addAll(words, grid);
    }

    void layOut(double width, double height, double base, double gap) {
        size = new double[] {width, height, base, gap};
        setSpacing(gap / 2);
        greeting.setMaxWidth(width);
        problems.setMaxWidth(width);
        words.setHgap(gap);
        words.setPrefWrapLength(width);
        // The greeting is 1.2 times the base, the problems the base, CJK about 1 em a character:
        // how many rows of words they take, estimated before layout.
        double greetingWidth = greeting.getText().length() * base * 1.2;
        double problemsWidth = problems.getText().length() * base;
        double rows = !problems.isVisible() ? 1
                : greetingWidth + gap + problemsWidth <= width ? 1 : 1 + Math.ceil(problemsWidth / width);
        double wordsHeight = base * 1.8 + (rows - 1) * base * 1.45;
        // A wrapping label's preferred width is its whole line: held to the page, it wraps instead.
        problems.setPrefWidth(Math.min(problemsWidth + base, width));
        grid.layOut(width, Math.max(KioskView.MIN_TARGET_PX, height - wordsHeight - gap / 2), base, gap);
    }
}
