/**
 * Enrolment: how a fresh kiosk gets its id and token. A technician types the hub's address and
 * the one-time code an admin made on the hub ({@code POST /api/v1/kiosks/{id}/enrolment-code})
 * into the first-run screen or, headless, as {@code enrol URL CODE}; the kiosk trades the code
 * for its id and token ({@code POST /api/v1/enrol}) and keeps them in
 * {@code DATA/credentials.properties}, readable by its own user only.
 */
package org.courtyard.kiosk.enrol;
