/**
 * The hub's SQLite database: one file {@code DIR/hub.db}, one writer, versioned schema.
 *
 * <p>{@link org.courtyard.hub.store.Database} owns the connections. Every write goes through
 * {@link org.courtyard.hub.store.Database#write} under one lock, in one transaction that is
 * committed with {@code synchronous=FULL} before the method returns, so a caller may tell a client
 * "stored" as soon as it returns. Reads use separate connections and see committed data only.
 * The SQL is kept portable (a county hub will move to PostgreSQL); every SQLite-only statement
 * says why it is there.
 */
package org.courtyard.hub.store;
