/**
 * {@code POST /api/v1/sync}: a kiosk's batch of events in, help updates for that kiosk and its
 * village's roster (when changed) out.
 *
 * <p>A batch is applied in one write transaction, committed durably before the answer is
 * written; events are idempotent by id. The cursor ({@link org.courtyard.hub.sync.SyncCursor}) is the
 * hub's help-history sequence number and the village's roster version (opaque to kiosks). With {@code ?wait=SECONDS} and nothing to say, the answer is
 * held without holding a thread: the exchange is detached and completed later by
 * {@link org.courtyard.hub.sync.LongPolls} when a help update for the kiosk commits or the time
 * runs out.
 */
package org.courtyard.hub.sync;
