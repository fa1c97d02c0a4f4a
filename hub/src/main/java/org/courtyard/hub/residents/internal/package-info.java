/**
 * Internals of {@code org.courtyard.hub.residents}: the reading of non-JSON request bodies. Not
 * for use elsewhere.
 */
package org.courtyard.hub.residents.internal;
