package org.courtyard.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.courtyard.kiosk.cadre.CadreAction;

/**
 * The cadre's menu: a greeting with their name, one big button per registered cadre action (走访登记
 * built in; other features add theirs to {@code CadreController.actions()}), and 退出. The buttons are
 * made when the page is built, so actions must be added before the screen is shown.
 */
final class CadrePage extends VBox {

    private final Label greeting = KioskView.label("");
    private final ButtonGrid grid;

    CadrePage(KioskView view, KioskViewModel model) {
        getStyleClass().add("cadre-page");
        greeting.getStyleClass().addAll("screen-text", "cadre-greeting");
        greeting.textProperty().bind(model.cadreGreetingProperty());
        List<Button> buttons = new ArrayList<>();
        for (CadreAction action : model.cadreActions()) {
            buttons.add(view.button(action.textKey(), Icon.named(action.icon()), action.styleClass(),
                    () -> model.cadreAction(action.id())));
        }
        buttons.add(view.button("cadre.exit", Icon.cancel(), "cancel-button", model::exitCadre));
        grid = new ButtonGrid(buttons);
        setAlignment(Pos.CENTER);
        getChildren().addAll(greeting, grid);
    }

    void layOut(double width, double height, double base, double gap) {
        setSpacing(gap / 2);
        greeting.setMaxWidth(width);
        grid.layOut(width, Math.max(KioskView.MIN_TARGET_PX, height - base * 1.8 - gap / 2), base, gap);
    }
}
