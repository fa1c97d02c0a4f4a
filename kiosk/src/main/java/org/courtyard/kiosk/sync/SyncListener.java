package org.courtyard.kiosk.sync;

import org.courtyard.kiosk.core.LinkState;

/**
 * Told when the link to the hub changes (online, offline, refused, untrusted), on the sync threads;
 * keep it short. What the hub's answers bring goes to the registered {@link AnswerPart}s instead.
 */
@FunctionalInterface
public interface SyncListener {

    void linkChanged(LinkState state, String detail);
}
