/**
 * Internal to {@code org.courtyard.hub.notify}: the group robots' formats and answers, the budget,
 * digests, the outbox table and each receiver's state.
 */
package org.courtyard.hub.notify.internal;
