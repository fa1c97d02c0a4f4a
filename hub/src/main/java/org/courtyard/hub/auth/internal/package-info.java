/** Password hashing internals of {@code org.courtyard.hub.auth}; not for use elsewhere. */
package org.courtyard.hub.auth.internal;
