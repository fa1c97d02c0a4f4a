/**
 * The hub's SQLite database: one file {@code DIR/hub.db}, one writer, and a schema that each
 * feature brings up to date with its own numbered {@link org.courtyard.hub.store.Migration} steps
 * ({@link org.courtyard.hub.store.Database#migrate}, recorded as {@code (feature, version)}).
 *
 * <p>{@link org.courtyard.hub.store.Database} owns the connections. Every write goes through
 * {@link org.courtyard.hub.store.Database#write} under one lock, in one transaction that is
 * committed with {@code synchronous=FULL} before the method returns, so a caller may tell a client
 * "stored" as soon as it returns. Reads use separate connections and see committed data only.
 * The SQL is kept portable (a county hub will move to PostgreSQL); every SQLite-only statement
 * says why it is there.
 */
package org.courtyard.hub.store;
