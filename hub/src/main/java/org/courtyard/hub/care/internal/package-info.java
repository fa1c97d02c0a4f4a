/** Internals of {@code org.courtyard.hub.care}: refusals, SQL row mapping, CSV and digest texts; not for other packages. */
package org.courtyard.hub.care.internal;
