package org.courtyard.kiosk.cadre;

import java.util.function.Consumer;

/**
 * One button of the cadre menu. {@code textKey} is its word in {@code messages.properties};
 * {@code styleClass} its colour in {@code kiosk.css} (for example {@code checkin-button},
 * {@code announcements-button}); {@code icon} names its pictogram ({@code visit},
 * {@code announcements}, {@code talk}, {@code check-in}, {@code help}, {@code cadre}); {@code run} is
 * called on the kiosk model's thread with the signed-in cadre, and typically changes the screen and
 * speaks.
 */
public record CadreAction(String id, String textKey, String styleClass, String icon, Consumer<CadreSession> run) {

    public CadreAction {
        if (id == null || id.isBlank() || textKey == null || textKey.isBlank() || styleClass == null
                || icon == null || run == null) {
            throw new IllegalArgumentException("a cadre action needs an id, a text key, a style class, an icon"
                    + " and a run");
        }
    }
}
