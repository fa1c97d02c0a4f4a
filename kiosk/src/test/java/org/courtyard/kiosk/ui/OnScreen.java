package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import org.courtyard.kiosk.Kiosk;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The kiosk's window in a TestFX test as a person sees it: the texts shown, the button to tap, and
 * waiting until the kiosk has acted on the last tap. {@link Pages} renders pages without a window.
 */
final class OnScreen {

    private OnScreen() {
    }

    /** The texts of every visible label and button in the window, read on the JavaFX thread. */
    static List<String> shownTexts(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(node -> node instanceof Labeled && visibleInTree(node))
                .queryAllAs(Labeled.class).stream().map(Labeled::getText).toList()).get(5, TimeUnit.SECONDS);
    }

    /** Whether {@code node} can be seen: it and all its ancestors are visible, and it is in a scene. */
    static boolean visibleInTree(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    /** The one visible kiosk button saying {@code text}; fails if there is none or more than one. */
    static Button button(FxRobot robot, String text) {
        List<Button> matches = robot.lookup(".kiosk-button").queryAllAs(Button.class).stream()
                .filter(button -> text.equals(button.getText()) && visibleInTree(button)).toList();
        assertThat(matches).as("visible buttons saying %s", text).hasSize(1);
        return matches.get(0);
    }

    /** Waits until the kiosk's model has handled everything queued and the screen shows the result. */
    static void settle(Kiosk kiosk) throws InterruptedException, TimeoutException {
        kiosk.model().awaitIdle(Duration.ofSeconds(5));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
