/**
 * The half-yearly survey (半年一动态): staff open a round, every active resident of the ledger is
 * then due for review by their village (confirmed, changed or left), newly found people are added,
 * each reviewed record is checked against the inclusion criteria and flagged for a decision when it
 * no longer meets them (or newly does); closing a round keeps a read-only snapshot of the ledger,
 * and two snapshots give the diff between rounds. docs/survey.md tells it for staff and cadres.
 *
 * <p>The survey changes the ledger only through {@link org.courtyard.hub.residents.Residents}, in
 * the same transaction as its own rows.
 */
package org.courtyard.hub.survey;
