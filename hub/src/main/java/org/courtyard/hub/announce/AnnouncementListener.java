package org.courtyard.hub.announce;

import java.util.Set;

/** Told after an announcement change committed, on the committing thread; must return quickly. */
@FunctionalInterface
public interface AnnouncementListener {

    /**
     * @param kioskIds the kiosks that should hear of it: its targets now, and any kiosk it was
     *     delivered to before (which may have to stop it)
     */
    void changed(AnnouncementView announcement, Set<String> kioskIds);
}
