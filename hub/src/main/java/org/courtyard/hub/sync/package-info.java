/**
 * {@code POST /api/v1/sync}: a kiosk's batch of events in, help updates for that kiosk out.
 *
 * <p>A batch is applied in one write transaction, committed durably before the answer is
 * written; events are idempotent by id. The cursor is the hub's help-history sequence number as a
 * decimal string (opaque to kiosks). With {@code ?wait=SECONDS} and nothing to say, the answer is
 * held without holding a thread: the exchange is detached and completed later by
 * {@link org.courtyard.hub.sync.LongPolls} when a help update for the kiosk commits or the time
 * runs out.
 */
package org.courtyard.hub.sync;
