/**
 * CSV files as staff exchange them with spreadsheets (the residents' ledger, the organisations):
 * RFC 4180, UTF-8 with a byte order mark for Excel, errors by the physical line a record starts on.
 */
package org.courtyard.hub.csv;
