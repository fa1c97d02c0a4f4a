/** Internals of {@code family}: the QR code drawing. Used only inside {@code org.courtyard.hub.family}. */
package org.courtyard.hub.family.internal;
