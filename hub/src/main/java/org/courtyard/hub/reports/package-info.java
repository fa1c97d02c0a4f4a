/**
 * The reports a township sends upward: for a period (and optionally one village) the people cared
 * for, the pairs, the visits, the help requests, the check-ins and the announcements, each figure
 * computed from stored records by the one definition written in docs/reports.md; as JSON
 * ({@link org.courtyard.hub.reports.Report}) and as a spreadsheet
 * ({@link org.courtyard.hub.reports.ReportWorkbook}).
 */
package org.courtyard.hub.reports;
