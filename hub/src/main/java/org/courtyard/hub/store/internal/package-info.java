/**
 * Internals of the store: connection settings and the schema migrations. Not for use outside
 * {@code org.courtyard.hub.store}; features reach the database through
 * {@link org.courtyard.hub.store.Database}.
 */
package org.courtyard.hub.store.internal;
