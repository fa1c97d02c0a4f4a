/** Internals of the survey: ledger snapshots and the diff between two of them. Not for other packages. */
package org.courtyard.hub.survey.internal;
