package org.courtyard.kiosk.cadre;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The buttons of the cadre menu, in order: 走访登记 (record a visit) is built in; other features add
 * theirs with {@link #add} while the kiosk is assembled, before the screen is shown (for example
 * announcements' 立即播放 and 现场广播). The menu shows at most {@value #MAX} actions besides 退出,
 * keeping to the design's four choices a screen.
 */
public final class CadreActions {

    /** Most actions the menu shows. */
    public static final int MAX = 3;

    private final List<CadreAction> actions = new ArrayList<>();

    /**
     * Adds a button at the end of the menu.
     *
     * @throws IllegalArgumentException if an action with the same id exists
     * @throws IllegalStateException if the menu is full
     */
    public synchronized void add(CadreAction action) {
        if (find(action.id()).isPresent()) {
            throw new IllegalArgumentException("a cadre action '" + action.id() + "' exists already");
        }
        if (actions.size() >= MAX) {
            throw new IllegalStateException("the cadre menu holds at most " + MAX + " actions besides 退出");
        }
        actions.add(action);
    }

    public synchronized List<CadreAction> all() {
        return List.copyOf(actions);
    }

    public synchronized Optional<CadreAction> find(String id) {
        return actions.stream().filter(action -> action.id().equals(id)).findFirst();
    }
}
