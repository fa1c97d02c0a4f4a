package org.courtyard.kiosk.sync;

import org.courtyard.protocol.SyncResponse;

/**
 * A feature's part of the hub's sync answer (help updates, announcements, the roster...), registered
 * with {@link SyncService#addAnswerPart}. The sync service knows none of them: it hands every answer
 * to every part, then saves the cursor.
 */
@FunctionalInterface
public interface AnswerPart {

    /**
     * Takes this feature's part of {@code answer}: store it durably before returning. Called before
     * the cursor that covers the answer is saved, one answer at a time; if this throws, the cursor
     * stays and the hub sends the part again.
     *
     * @return what to do once the answer is applied and the cursor saved, outside sync's lock (tell
     *     the screens, fetch files); null when the answer brought this part nothing new
     */
    Runnable take(SyncResponse answer);
}
