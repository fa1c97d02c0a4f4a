/**
 * The ledger of people a township looks after: residents (empty-nest elders and left-behind
 * children) of each village with their survey fields, photos and paired cadres; the cadres with
 * their kiosk PINs; the CSV export and import of the ledger; and the roster each kiosk receives.
 *
 * <p>Privacy is the rule of this package: personal data goes to staff (ADMIN, STAFF) and to the
 * cadres of the person's own village ({@link org.courtyard.hub.residents.Access}); lists mask phone
 * numbers; kiosks get only names, types, photos and cadres' PIN hashes
 * ({@link org.courtyard.hub.residents.Residents#roster}).
 */
package org.courtyard.hub.residents;
