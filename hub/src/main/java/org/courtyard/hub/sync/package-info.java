/**
 * The sync core behind {@code POST /api/v1/sync}: envelopes, validation, idempotency (the
 * {@code events} table), batches, cursors and waking held long-polls. It knows no feature.
 *
 * <p>Features plug in three ways: an {@link org.courtyard.hub.sync.EventHandler} per event type
 * ({@link org.courtyard.hub.sync.SyncService#on}), run inside the batch's write transaction and
 * able to reject its event; a {@link org.courtyard.hub.sync.SyncPart} of the answer
 * ({@link org.courtyard.hub.sync.SyncService#addPart}) with its slice of the
 * {@link org.courtyard.hub.sync.SyncCursor}; and a {@link org.courtyard.hub.sync.BatchHook} told of
 * every batch. A feature that commits news for kiosks wakes their held long-polls through
 * {@link org.courtyard.hub.sync.LongPolls}.
 *
 * <p>A batch is committed durably before the answer is written. With {@code ?wait=SECONDS} and
 * nothing to say, the answer is held without holding a thread until a feature wakes the kiosk or
 * the time runs out.
 */
package org.courtyard.hub.sync;
