package org.courtyard.hub.sync;

import org.courtyard.hub.auth.KioskIdentity;

/**
 * One part of the sync answer that a feature contributes (help updates, announcements, the
 * village's roster): its slice of the {@link SyncCursor}, whether it has news for a kiosk (a
 * held long-poll is answered at once if so), and its fields of the answer.
 *
 * <p>A part that does not {@link #serves serve} a kiosk (a kind of kiosk it means nothing to)
 * has no slice in that kiosk's cursor and no fields in its answers.
 */
public interface SyncPart {

    /**
     * The slice's name in the cursor: lower-case letters, digits and '-'. Never change it once
     * released; kiosks hold cursors with it.
     */
    String name();

    /** The slice of a kiosk that has none: everything is news. 0 unless the part says otherwise. */
    default long start() {
        return 0;
    }

    /** Whether this part has anything for {@code kiosk} at all. */
    default boolean serves(KioskIdentity kiosk) {
        return true;
    }

    /**
     * Whether {@code slice} is beyond anything this hub has handed out (the hub was restored from
     * an older backup): the kiosk is then started over from {@link SyncCursor#START} rather than
     * missing the changes that reuse numbers it has passed. Reads only.
     */
    default boolean isAhead(long slice) {
        return false;
    }

    /** Whether {@link #answer} after {@code slice} would carry news for {@code kiosk}; reads only. */
    boolean hasNews(KioskIdentity kiosk, long slice);

    /** What an answer to {@code kiosk} carries of this part after {@code slice}, and the new slice. */
    PartAnswer answer(KioskIdentity kiosk, long slice);

    /**
     * What an answer carries of this part when nothing of it changed for {@code kiosk} after
     * {@code slice}: the same slice, no news, and the fields {@link #answer} writes when it has
     * none (empty lists, or nulls for "unchanged"). Reads nothing: a held long-poll that runs out
     * without being woken is answered so, as the hub knows then that nothing came for it.
     */
    PartAnswer unchanged(KioskIdentity kiosk, long slice);
}
