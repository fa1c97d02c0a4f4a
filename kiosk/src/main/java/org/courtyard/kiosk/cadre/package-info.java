/**
 * Cadre mode at the kiosk: a PIN pad checked offline against the village's cadres' PIN hashes,
 * with a persisted lockout; a menu of {@link org.courtyard.kiosk.cadre.CadreActions} (the visit
 * record built in, other features add theirs); and the {@code VISIT_CHECKED_IN} event of a visit.
 */
package org.courtyard.kiosk.cadre;
